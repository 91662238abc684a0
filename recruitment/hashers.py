"""Password hashing that gives way to the pages.

A log-in costs Argon2id's full price (Django's parameters: 100 MiB, two passes; about a third
of a CPU-second here) and that price is the point. But when the staff arrive in the morning
and fifty of them log in within seconds, the hashes would take every core for many seconds
and the pages of those already in would wait behind them. So each worker process hashes on a
thread of its own at a lower CPU priority (``HASHING_NICENESS``): a hash uses whatever the
pages leave idle, and a page is never queued behind one. The hash, its parameters and its
format are Django's own; only where it runs changes.

Where the operating system cannot lower a thread's priority (Linux can; others may refuse),
the hash runs on that thread at the normal priority.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth.hashers import Argon2PasswordHasher

from .priority import run_at_nice

#: The hashing thread's nice value (the requests run at 0; 19 is the lowest).
HASHING_NICENESS = 10

_executor: ThreadPoolExecutor | None = None
_executor_pid: int | None = None
_lock = threading.Lock()


def _lower_priority() -> None:
    """Run on the hashing thread once; the threads Argon2 starts for its lanes inherit it."""
    run_at_nice(HASHING_NICENESS)


def hashing_executor() -> ThreadPoolExecutor:
    """This process's hashing thread (made again after a fork: gunicorn's workers are forks
    of a master that may have hashed before)."""
    global _executor, _executor_pid
    with _lock:
        if _executor is None or _executor_pid != os.getpid():
            _executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="password-hashing", initializer=_lower_priority
            )
            _executor_pid = os.getpid()
        return _executor


class YieldingArgon2PasswordHasher(Argon2PasswordHasher):
    """Django's Argon2id hasher (same algorithm name, parameters and stored format), run on
    the low-priority hashing thread."""

    def encode(self, password, salt):
        return hashing_executor().submit(super().encode, password, salt).result()

    def verify(self, password, encoded):
        return hashing_executor().submit(super().verify, password, encoded).result()
