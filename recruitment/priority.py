"""Lower CPU priority for work that should give way to the staff's pages: a log-in's
password hash (``hashers``) and a command-line roster import (``import_roster``)."""

from __future__ import annotations

import os
import threading
from contextlib import suppress


def run_at_nice(level: int) -> int | None:
    """Run the calling thread at nice ``level`` (0 is the web server's, 19 the lowest),
    unless it already runs lower; the threads and processes it starts afterwards inherit it
    (Linux keeps a nice value per thread). Returns the thread's nice value, or None where
    the system refuses (not Linux)."""
    thread = threading.get_native_id()
    with suppress(AttributeError, OSError):
        nice = max(os.getpriority(os.PRIO_PROCESS, thread), level)
        os.setpriority(os.PRIO_PROCESS, thread, nice)
        return nice
    return None  # pragma: no cover - not on Linux
