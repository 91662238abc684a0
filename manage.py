#!/usr/bin/env python
import atexit
import contextlib
import gc
import os
import sys
import threading


def leave(code: object) -> None:
    """End the process as ``sys.exit(code)`` would, without the interpreter's teardown of
    every module and object (0.1–0.3 s after a large roster import, docs/testing.md; the
    system frees the memory in one go): the exit handlers run (logging's flush, coverage's
    save), the output is flushed, the database connections closed. Where a thread other
    than a daemon is still running, the process ends the ordinary way, which waits for it."""
    if any(
        thread is not threading.main_thread() and not thread.daemon
        for thread in threading.enumerate()
    ):
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    try:
        from django.db import connections

        connections.close_all()
    finally:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            # A closed pipe or stream: nothing more to say.
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(status)


def main() -> None:
    # Django's start-up makes objects that live as long as the process; the collector,
    # which would go through them again and again while they are made, is off until the
    # apps are ready (``RecruitmentConfig.ready`` turns it back on).
    gc.disable()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phuly_members.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except SystemExit as stop:
        leave(stop.code)
    leave(0)


if __name__ == "__main__":
    main()
