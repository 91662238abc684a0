"""Reading an uploaded file in a child process, so that no file can kill, stall or starve
the web worker that received it.

The worker forks; the child lowers its priority (``ROSTER_PARSE_NICE``), may use at most
``ROSTER_PARSE_MEMORY_BYTES`` more address space than the worker had and
``ROSTER_PARSE_SECONDS`` of processor time, writes nothing to the server's log (its stderr
goes nowhere: a reader's crash report may quote the file), reads the file and sends the
roster back through a pipe. The worker waits at most ``ROSTER_PARSE_SECONDS`` of wall time,
then kills it. A child that runs out of memory, crashes (a reader that aborts) or is killed
is a ``RosterFileError`` with a Vietnamese message; the worker goes on.

A reader may send its rows while it reads (``run_limited(..., on_part=...)``): the worker
reads each part from the pipe as it comes and hands it on, so that the rows are checked on
one core while the file is still being read on the other. The worker takes in whatever the
child has written each time it comes for the next part, so that the child never waits for
it: it ends, and its memory is given back, as soon as it has read the file.
"""

from __future__ import annotations

import collections
import contextlib
import faulthandler
import fcntl
import io
import os
import pickle
import resource
import signal
import threading
import time
import warnings
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import RosterFileError

#: The child's exit status when it ran out of memory sending its result.
OUT_OF_MEMORY = 71
#: A roster's rows are sent this many to a pickle (``_send``).
ROWS_PER_PICKLE = 1000
#: The pipe's buffer, where Linux lets it be raised: a part of rows fits whole, so the child
#: goes on reading while the worker takes the part before.
PIPE_BYTES = 1024 * 1024
#: What a child's result may contain (anything else is refused when it is read back).
ALLOWED = {
    ("recruitment.roster.read", "Roster"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
}


class ResultUnpickler(pickle.Unpickler):
    """Reads back only a roster and the values of its cells."""

    def find_class(self, module: str, name: str):
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a roster value")
        return super().find_class(module, name)


def _address_space() -> int:
    """This process's virtual memory size in bytes (``VmSize``)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0  # pragma: no cover - Linux always says


def _limit_child() -> None:
    """The child's limits: priority, address space, processor time, no core file, no
    output to the server's log."""
    faulthandler.disable()  # a crash report would go to the server's log
    os.nice(settings.ROSTER_PARSE_NICE)
    memory = _address_space() + settings.ROSTER_PARSE_MEMORY_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    seconds = settings.ROSTER_PARSE_SECONDS
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)


def _child(pipe: int, function: Callable, args: tuple, streaming: bool) -> None:
    """Run in the child: never returns."""
    status = 70
    try:
        _limit_child()
        with os.fdopen(pipe, "wb") as stream:
            pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)

            def emit(rows: list | None) -> None:
                """Send a part of the rows now (None: the rows sent so far are not the
                roster's; another sheet's follow)."""
                pickler.clear_memo()
                pickler.dump(("part", rows, 0) if rows is not None else ("discard", None, 0))
                stream.flush()

            try:
                value = function(*args, emit=emit) if streaming else function(*args)
                outcome = ("ok", value)
            except RosterFileError as error:
                outcome = ("refused", str(error))
            except MemoryError:
                outcome = ("memory", "")
            except Exception:  # the message may quote the file: only the kind is sent
                outcome = ("failed", "")
            _send(pickler, outcome)
        status = 0
    except MemoryError:
        status = OUT_OF_MEMORY
    finally:
        os._exit(status)


def _send(pickler: pickle.Pickler, outcome: tuple[str, object]) -> None:
    """Write ``outcome`` to the pipe as it is pickled: (kind, value, how many row pickles
    follow), then a roster's rows ``ROWS_PER_PICKLE`` at a time, each pickled with a memo of
    its own. A single pickle's memo would hold an entry for every value of every row until
    the end; this way it holds one part's, and a word or a column name repeated within a part
    is still sent and kept once."""
    kind, value = outcome
    rows = getattr(value, "rows", None) if kind == "ok" else None
    parts = [] if rows is None else range(0, len(rows), ROWS_PER_PICKLE)
    if rows is not None:
        value.rows = []
    pickler.clear_memo()
    pickler.dump((kind, value, len(parts)))
    for start in parts:
        pickler.clear_memo()
        pickler.dump(rows[start : start + ROWS_PER_PICKLE])


class _Late(Exception):
    """The child did not finish within ``ROSTER_PARSE_SECONDS``."""


class _Pipe(io.RawIOBase):
    """The read end of the child's pipe, read until ``deadline`` (time.monotonic) at most.
    A thread takes in all the child writes as soon as it is written (``chunks``), so that
    the child, whose writes wait while the pipe is full, is never held up by the worker's
    work on the parts before: it ends, and gives its memory back, when it has read the
    file."""

    def __init__(self, fd: int, deadline: float):
        super().__init__()
        self.fd = fd
        self.deadline = deadline
        self.chunks: collections.deque[bytes] = collections.deque()
        self.ended = False
        self.arrived = threading.Condition()
        self.thread = threading.Thread(target=self._take, daemon=True)
        self.thread.start()

    def readable(self) -> bool:
        return True

    def _take(self) -> None:
        """In the thread: read until the child's end of the pipe is closed."""
        while True:
            try:
                chunk = os.read(self.fd, PIPE_BYTES)
            except OSError:  # pragma: no cover - the pipe closed under the thread
                chunk = b""
            with self.arrived:
                if chunk:
                    self.chunks.append(chunk)
                else:
                    self.ended = True
                self.arrived.notify()
            if not chunk:
                return

    def readinto(self, buffer) -> int:
        with self.arrived:
            while not self.chunks and not self.ended:
                remaining = self.deadline - time.monotonic()
                if remaining <= 0:
                    raise _Late
                self.arrived.wait(remaining)
            if not self.chunks:
                return 0
            chunk = self.chunks[0]
            size = min(len(buffer), len(chunk))
            buffer[:size] = chunk[:size]
            if size == len(chunk):
                self.chunks.popleft()
            else:
                self.chunks[0] = chunk[size:]
            return size


def _receive(stream, on_part=None, pipe=None):
    """The child's (kind, value) as ``_child`` and ``_send`` wrote it; the parts of rows sent
    before it given to ``on_part`` as they come (the time it takes is not the child's: the
    deadline of ``pipe``, a ``_Pipe``, moves on by as much)."""
    while True:
        kind, value, parts = ResultUnpickler(stream).load()
        if kind not in ("part", "discard"):
            break
        if on_part is None:
            raise pickle.UnpicklingError("rows sent to a reader that does not take them")
        started = time.monotonic()
        on_part(value)
        if pipe is not None:
            pipe.deadline += time.monotonic() - started
    for _part in range(parts):
        value.rows.extend(ResultUnpickler(stream).load())
    return kind, value


def _fork() -> int:
    with warnings.catch_warnings():
        # A threaded development server warns that forking a threaded process may deadlock
        # the child; the child only runs the reader and ends with os._exit.
        warnings.simplefilter("ignore", DeprecationWarning)
        return os.fork()


def too_long() -> RosterFileError:
    return RosterFileError(
        _(
            "Reading the file took longer than %(seconds)s seconds; it was stopped. A roster "
            "that size should not take so long: check that the file holds only the roster."
        )
        % {"seconds": settings.ROSTER_PARSE_SECONDS}
    )


def too_big() -> RosterFileError:
    return RosterFileError(
        _(
            "Reading the file needed more than %(limit)s MB of memory; it was stopped. Check "
            "that the file holds only the roster (no other large sheets, pictures or cells "
            "far below or to the right of it)."
        )
        % {"limit": round(settings.ROSTER_PARSE_MEMORY_BYTES / 1024 / 1024)}
    )


def _widen(pipe: int) -> None:
    """Raise the pipe's buffer to ``PIPE_BYTES`` where the system allows."""
    with contextlib.suppress(OSError, AttributeError):  # a system that keeps its size
        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def run_limited(function: Callable, *args, on_part: Callable[[list | None], None] | None = None):
    """``function(*args)`` run in a child process within the limits; its result (a roster)
    or the ``RosterFileError`` that says why there is none.

    With ``on_part``, the function is also given ``emit``, with which it sends rows while it
    reads: each part (a list of rows) reaches ``on_part`` as soon as it has crossed the pipe,
    and ``None`` when the rows sent so far are to be forgotten."""
    read_end, write_end = os.pipe()
    _widen(write_end)
    pid = _fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_end)
        _child(write_end, function, args, on_part is not None)
    os.close(write_end)
    pipe = _Pipe(read_end, time.monotonic() + settings.ROSTER_PARSE_SECONDS)
    outcome = None
    late = False
    try:
        with io.BufferedReader(pipe, buffer_size=PIPE_BYTES) as stream:
            outcome = _receive(stream, on_part, pipe)
    except _Late:
        late = True
    except (EOFError, pickle.UnpicklingError):
        pass  # the child died while it wrote: its status says why
    finally:
        if outcome is None:
            os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
        pipe.thread.join()  # the child's end is closed: the thread has read to the end
        os.close(read_end)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status)
    if late or (killed == signal.SIGXCPU):
        raise too_long()
    if outcome is None:
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
            raise RosterFileError(_("The file cannot be read as a spreadsheet."))
        raise too_big()  # a reader that cannot allocate aborts the child
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "refused":
        raise RosterFileError(value)
    if kind == "memory":
        raise too_big()
    raise RosterFileError(_("The file cannot be read as a spreadsheet."))
