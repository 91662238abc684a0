"""Independent read-only queries of one page run at once, each on a database connection of
its own.

At a province's size the dashboard's grouped queries take tens of milliseconds each on the
database's side, one after the other, while the server's other core waits. On PostgreSQL,
``together(f, g, h)`` runs ``f`` on the calling thread and the others on this process's
query threads (``QUERY_THREADS``), each with its own connection kept between requests like
the request's own (``CONN_MAX_AGE``, checked before and after each use), in the caller's
language, and with the caller's connection's execute wrappers (a query counter of the caller
sees every query; ``connection.queries`` under DEBUG and ``CaptureQueriesContext``, which
log the caller's connection only, do not). A call that no thread has taken by the time the
caller has finished ``f`` runs on the caller's thread. It returns their results in order and
raises the first failure in the calls' order.

The calls must only read. Each statement reads committed data, as the request's own
statements do in autocommit: the figures of one page were never one snapshot, and the
kept figures (``datacache``) are keyed by the data version read before any of them.

The calls run one after the other on the caller's connection instead where other
connections could not see what the caller sees: inside a transaction (an atomic block,
whose writes other connections cannot see: tests, or a view that writes first), on SQLite
(one writer, and its in-memory test database is a connection of its own), on a query thread
itself, or when the setting ``QUERY_THREADS`` is 0.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation

_executor: ThreadPoolExecutor | None = None
_executor_pid: int | None = None
_executor_size = 0
_lock = threading.Lock()
#: Set on the query threads: a call there that calls ``together`` runs its calls in turn
#: (waiting on the pool from inside it could leave every thread waiting for the others).
_thread = threading.local()


def _mark_query_thread() -> None:
    _thread.is_query_thread = True


def query_threads() -> int:
    """The query threads of a process (``settings.QUERY_THREADS``; two, the server's cores:
    more ran no faster at a province's size)."""
    return settings.QUERY_THREADS


def _pool() -> ThreadPoolExecutor:
    """This process's query threads (made again after a fork: gunicorn's workers are forks
    of a master that may have used them)."""
    global _executor, _executor_pid, _executor_size
    with _lock:
        if _executor is None or _executor_pid != os.getpid():
            _executor_size = query_threads()
            _executor = ThreadPoolExecutor(
                max_workers=_executor_size,
                thread_name_prefix="page-queries",
                initializer=_mark_query_thread,
            )
            _executor_pid = os.getpid()
        return _executor


def runs_together(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether ``together`` runs its calls at once on this connection's database."""
    connection = connections[using]
    return (
        query_threads() > 0
        and connection.vendor == "postgresql"
        # Off in an atomic block, or a transaction begun by hand: its writes are not yet
        # visible to the other connections.
        and connection.get_autocommit()
        and not getattr(_thread, "is_query_thread", False)
    )


def _on_own_connection(call: Callable[[], Any], using: str, wrappers: list, language: str):
    connection = connections[using]
    # As at the start and end of a request: a connection past its age or broken is closed
    # (and opened again by the first query), never reused.
    connection.close_if_unusable_or_obsolete()
    try:
        with ExitStack() as stack:
            for wrapper in wrappers:
                stack.enter_context(connection.execute_wrapper(wrapper))
            stack.enter_context(translation.override(language))
            return call()
    finally:
        connection.close_if_unusable_or_obsolete()


def together(*calls: Callable[[], Any], using: str = DEFAULT_DB_ALIAS) -> list[Any]:
    """The results of ``calls``, run at once where that is sound (see the module).

    The query threads are shared by every request of the process: a call still waiting for
    one when the caller has finished the first is taken back and run on the caller's thread,
    so that a page never waits in line behind other pages' queries and is never slower than
    running its calls in turn. Every call has ended when this returns or raises (none
    outlives the page); the first failure, in the calls' order, is raised."""
    if len(calls) < 2 or not runs_together(using):
        return [call() for call in calls]
    caller = connections[using]
    wrappers = list(caller.execute_wrappers)
    language = translation.get_language()
    pool = _pool()
    futures = [
        pool.submit(_on_own_connection, call, using, wrappers, language) for call in calls[1:]
    ]
    results: list[Any] = []
    failed: BaseException | None = None
    try:
        results.append(calls[0]())
    except BaseException as error:
        failed = error
    for call, future in zip(calls[1:], futures, strict=True):
        if future.cancel():  # not started: run here, or not at all after a failure
            if failed is None:
                try:
                    results.append(call())
                except BaseException as error:
                    failed = error
            continue
        error = future.exception()  # waits for the call to end
        if failed is None:
            failed = error
            results.append(None if error else future.result())
    if failed is not None:
        raise failed
    return results


def close_connections() -> None:
    """Close the query threads' connections, each thread its own (a connection is used by
    the thread that opened it only): before the database is dropped or restored."""
    with _lock:
        pool = _executor if _executor_pid == os.getpid() else None
        count = _executor_size
    if pool is None:
        return
    # One task per thread: each waits for the others, so no thread takes two.
    barrier = threading.Barrier(count)

    def close() -> None:
        connections.close_all()
        barrier.wait(timeout=30)

    for future in [pool.submit(close) for _ in range(count)]:
        future.result()
