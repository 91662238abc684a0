"""Reading an uploaded file in a child process, so that no file can kill, stall or starve
the web worker that received it.

The worker forks; the child lowers its priority (``ROSTER_PARSE_NICE``), may use at most
``ROSTER_PARSE_MEMORY_BYTES`` more address space than the worker had and
``ROSTER_PARSE_SECONDS`` of processor time, writes nothing to the server's log (its stderr
goes nowhere: a reader's crash report may quote the file), reads the file and sends the
roster back through a pipe. The worker waits at most ``ROSTER_PARSE_SECONDS`` of wall time,
then kills it. A child that runs out of memory, crashes (a reader that aborts) or is killed
is a ``RosterFileError`` with a Vietnamese message; the worker goes on.
"""

from __future__ import annotations

import faulthandler
import io
import os
import pickle
import resource
import select
import signal
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


def _child(pipe: int, function: Callable, args: tuple) -> None:
    """Run in the child: never returns."""
    status = 70
    try:
        _limit_child()
        try:
            outcome = ("ok", function(*args))
        except RosterFileError as error:
            outcome = ("refused", str(error))
        except MemoryError:
            outcome = ("memory", "")
        except Exception:  # the message may quote the file: only the kind is sent
            outcome = ("failed", "")
        with os.fdopen(pipe, "wb") as stream:
            _send(stream, outcome)
        status = 0
    except MemoryError:
        status = OUT_OF_MEMORY
    finally:
        os._exit(status)


def _send(stream, outcome: tuple[str, object]) -> None:
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
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump((kind, value, len(parts)))
    for start in parts:
        pickler.clear_memo()
        pickler.dump(rows[start : start + ROWS_PER_PICKLE])


def _receive(stream: io.BytesIO):
    """The child's (kind, value) as ``_send`` wrote it."""
    kind, value, parts = ResultUnpickler(stream).load()
    for _part in range(parts):
        value.rows.extend(ResultUnpickler(stream).load())
    return kind, value


def _fork() -> int:
    with warnings.catch_warnings():
        # A threaded development server warns that forking a threaded process may deadlock
        # the child; the child only runs the reader and ends with os._exit.
        warnings.simplefilter("ignore", DeprecationWarning)
        return os.fork()


def _collect(pid: int, pipe: int) -> tuple[bytearray, int, bool]:
    """The child's output and exit status, waiting at most ``ROSTER_PARSE_SECONDS``;
    (output, status, whether it was killed for taking too long)."""
    deadline = time.monotonic() + settings.ROSTER_PARSE_SECONDS
    chunks = bytearray()
    late = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            late = True
            os.kill(pid, signal.SIGKILL)
            break
        ready, _, _ = select.select([pipe], [], [], remaining)
        if ready:
            chunk = os.read(pipe, 1024 * 1024)
            if not chunk:
                break
            chunks += chunk
    _, status = os.waitpid(pid, 0)
    return chunks, status, late


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


def run_limited(function: Callable, *args):
    """``function(*args)`` run in a child process within the limits; its result (a roster)
    or the ``RosterFileError`` that says why there is none."""
    read_end, write_end = os.pipe()
    pid = _fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_end)
        _child(write_end, function, args)
    os.close(write_end)
    try:
        output, status, late = _collect(pid, read_end)
    finally:
        os.close(read_end)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status)
    if late or killed == signal.SIGXCPU:
        raise too_long()
    if killed or os.WEXITSTATUS(status) == OUT_OF_MEMORY or not output:
        raise too_big()  # a reader that cannot allocate aborts the child
    stream = io.BytesIO(output)
    del output  # the copy in ``stream`` is what is read
    kind, value = _receive(stream)
    if kind == "ok":
        return value
    if kind == "refused":
        raise RosterFileError(value)
    if kind == "memory":
        raise too_big()
    raise RosterFileError(_("The file cannot be read as a spreadsheet."))
