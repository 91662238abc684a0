"""Log-ins hash with Django's Argon2id, on a thread of lower CPU priority than the pages
(``recruitment/hashers.py``): same algorithm, parameters and stored format, so passwords
kept before verify, and what it keeps verifies with Django's own hasher."""

import os
import threading

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password

from recruitment import hashers

PRODUCTION = ["recruitment.hashers.YieldingArgon2PasswordHasher"]

linux_only = pytest.mark.skipif(
    not hasattr(os, "getpriority") or not os.path.exists("/proc/self/task"),
    reason="per-thread nice values are Linux's",
)


def niceness(thread_id: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, thread_id)


def test_what_it_keeps_is_djangos_argon2id_and_verifies_both_ways(settings):
    settings.PASSWORD_HASHERS = PRODUCTION
    kept = make_password("PhuLy@2024")
    assert kept.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    assert Argon2PasswordHasher().verify("PhuLy@2024", kept)
    assert not Argon2PasswordHasher().verify("PhuLy@2025", kept)
    older = Argon2PasswordHasher().encode("PhuLy@2024", Argon2PasswordHasher().salt())
    assert check_password("PhuLy@2024", older)
    assert not check_password("phuly@2024", older)


@linux_only
def test_the_hash_runs_on_a_thread_ten_steps_nicer_than_the_request():
    request_thread = threading.get_native_id()
    hashing_thread = hashers.hashing_executor().submit(threading.get_native_id).result()

    assert hashing_thread != request_thread
    expected = max(niceness(request_thread), 10)
    assert hashers.hashing_executor().submit(niceness, hashing_thread).result() == expected
    # The request's own thread keeps its priority.
    assert niceness(request_thread) == os.getpriority(os.PRIO_PROCESS, 0)


def test_a_forked_worker_gets_a_hashing_thread_of_its_own(monkeypatch):
    """gunicorn forks its workers from a master: a thread made before the fork does not run
    in the child, so a process whose id differs from the maker's makes its own."""
    first = hashers.hashing_executor()
    assert hashers.hashing_executor() is first
    monkeypatch.setattr(hashers, "_executor_pid", os.getpid() + 1)  # as seen from a child

    own = hashers.hashing_executor()

    assert own is not first
    assert own.submit(lambda: "hashed").result(timeout=10) == "hashed"
    assert hashers.hashing_executor() is own
