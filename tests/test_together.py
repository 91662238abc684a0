"""Independent queries of a page run at once (``recruitment.together``): on PostgreSQL outside
a transaction, each on a connection of its own, in order, in the caller's language, counted
by the caller's execute wrappers; one after the other on the caller's connection where other
connections could not see what it sees. The dashboard's figures are the same either way."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction
from django.utils import translation

from recruitment import stats, together
from recruitment.models import Candidate, StageRecord
from tests.test_dashboard import committee  # noqa: F401 (a fixture)

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the other connections are PostgreSQL's"
)
Stage = Candidate.Stage


@pytest.fixture(autouse=True)
def threads_closed_after():
    yield
    together.close_connections()


def on_threads(*functions):
    """Calls for ``together`` that each wait until all three have started: the first on the
    caller's thread, the others on the two query threads (none is taken back)."""
    started = threading.Barrier(len(functions))

    def waiting(function):
        def call():
            started.wait(timeout=10)
            return function()

        return call

    return [waiting(function) for function in functions]


def backend() -> tuple[int, int]:
    """The calling thread and the database session it queries on."""
    with connection.cursor() as cursor:
        postgresql = connection.vendor == "postgresql"
        cursor.execute("SELECT pg_backend_pid()" if postgresql else "SELECT 0")
        return threading.get_ident(), cursor.fetchone()[0]


@pytest.mark.django_db
def test_inside_a_transaction_the_calls_run_in_turn_on_the_callers_connection():
    """A test's data, or a view's own writes, are not visible to other connections until
    committed: inside an atomic block every call runs on the caller's thread."""
    with transaction.atomic():
        caller = backend()
        assert together.together(backend, backend, backend) == [caller, caller, caller]
    assert together.runs_together() is False


@postgresql
@pytest.mark.django_db(transaction=True)
def test_with_no_query_threads_the_calls_run_in_turn(settings):
    settings.QUERY_THREADS = 0
    assert together.runs_together() is False
    caller = backend()
    assert together.together(backend, backend, backend) == [caller] * 3


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's behaviour")
@pytest.mark.django_db(transaction=True)
def test_on_sqlite_the_calls_run_in_turn_even_outside_a_transaction():
    """Another thread's connection to SQLite's in-memory test database would be another
    database."""
    assert together.runs_together() is False
    caller = backend()
    assert together.together(backend, backend) == [caller, caller]


@postgresql
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_each_call_has_its_own_connection_and_keeps_its_place():
    assert together.runs_together() is True
    caller = backend()
    first, second, third = together.together(*on_threads(backend, backend, backend))
    assert first == caller
    # The others on the query threads (two), each on a session of its own.
    assert second[0] != caller[0] and third[0] != caller[0]
    assert second[1] != caller[1] and third[1] != caller[1]
    # Results in the order of the calls, whatever order they end in or wherever they ran.
    assert together.together(lambda: 1, lambda: 2, lambda: 3, lambda: 4) == [1, 2, 3, 4]


@postgresql
@pytest.mark.django_db(transaction=True)
def test_the_callers_language_and_query_counter_follow_the_calls():
    statements = []
    lock = threading.Lock()

    def counter(execute, sql, params, many, context):
        with lock:
            statements.append(sql)
        return execute(sql, params, many, context)

    def language_and_query():
        backend()
        return translation.get_language()

    with translation.override("en"), connection.execute_wrapper(counter):
        languages = together.together(*on_threads(*[language_and_query] * 3))
    assert languages == ["en", "en", "en"]
    assert len(statements) == 3
    # Not left on the threads' connections afterwards.
    together.together(*on_threads(backend, backend, backend))
    assert len(statements) == 3


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_failing_call_raises_once_every_call_has_ended():
    ended = []

    def slow():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(0.2)")
        ended.append("slow")
        return "slow"

    def fails():
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        together.together(*on_threads(lambda: "first", fails, slow))
    assert ended == ["slow"]
    # A statement that fails on a thread's connection does not spoil its next call.
    with pytest.raises(Exception, match="division by zero"):
        together.together(
            *on_threads(backend, backend, lambda: connection.cursor().execute("SELECT 1/0"))
        )
    sessions = {session for _thread, session in together.together(*on_threads(*[backend] * 3))}
    assert len(sessions) == 3


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_call_no_thread_has_taken_runs_on_the_callers_thread():
    """The query threads are the process's, shared by its requests: with both busy, a page
    does not wait in line for them but runs its calls itself."""
    busy, release = threading.Barrier(3), threading.Event()

    def occupy():
        busy.wait(timeout=10)
        release.wait(timeout=10)

    blockers = [together._pool().submit(occupy) for _ in range(2)]
    busy.wait(timeout=10)
    try:
        caller = backend()
        assert together.together(backend, backend, backend) == [caller] * 3
    finally:
        release.set()
        for blocker in blockers:
            blocker.result()


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_call_on_a_query_thread_runs_its_own_calls_in_turn():
    """Waiting on the pool from inside it could leave every thread waiting for another."""

    def inner():
        return together.together(backend, backend)

    caller = backend()
    outer, *others = together.together(*on_threads(inner, inner, inner))
    assert outer[0][0] == caller[0]
    for first, second in others:
        assert first == second and first[0] != caller[0]


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_threads_connection_lost_is_opened_again():
    """After the database's restart (here: the threads' sessions ended by the server), the
    next page's calls reconnect instead of failing."""
    before = together.together(*on_threads(backend, backend, backend))
    with connection.cursor() as cursor:
        for _thread, session in before[1:]:
            cursor.execute("SELECT pg_terminate_backend(%s)", [session])
    after = together.together(*on_threads(backend, backend, backend))
    assert {session for _thread, session in after[1:]}.isdisjoint(
        {session for _thread, session in before[1:]}
    )


@postgresql
@pytest.mark.django_db(transaction=True)
def test_closing_leaves_no_session_of_the_threads():
    def sessions() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            )
            return cursor.fetchone()[0]

    together.close_connections()
    before = sessions()
    together.together(*on_threads(backend, backend, backend))
    assert sessions() == before + 2  # the two threads'
    together.close_connections()
    assert sessions() == before


@postgresql
@pytest.mark.django_db(transaction=True)
def test_the_dashboard_is_the_same_run_at_once_or_in_turn(
    committee,  # noqa: F811
    make_candidate,
    settings,
):
    """Every figure, for the committee and for one organisation, with its history for the
    forecast and its open pipeline; and the same number of queries, those on the threads
    counted (nine for the committee, eleven for one organisation)."""
    member = committee["admit"](committee["cell_a"], date(2023, 4, 10), citizen_id="035190000099")
    candidate = make_candidate(
        cell=committee["cell_a"], citizen_id="035190000001", stage=Stage.DECISION, member=member
    )
    StageRecord.objects.create(candidate=candidate, stage=Stage.TRAINED, date=date(2024, 1, 5))
    StageRecord.objects.create(
        candidate=candidate, stage=Stage.CELL_RESOLUTION, date=date(2023, 3, 1)
    )
    make_candidate(cell=committee["cell_a"], stage=Stage.APPLIED, citizen_id="035191000001")
    statements = []

    def counter(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    def boards() -> list:
        with connection.execute_wrapper(counter):
            committee_board = stats.dashboard(year=2024, as_of=date(2024, 3, 26))
            counted = len(statements)
            organisation_board = stats.dashboard(
                year=2024, as_of=date(2024, 3, 26), organisation=committee["a"]
            )
        return [committee_board, organisation_board, counted, len(statements) - counted]

    assert together.runs_together() is True
    at_once = boards()
    statements.clear()
    settings.QUERY_THREADS = 0
    in_turn = boards()
    assert at_once[2:] == in_turn[2:] == [9, 11]
    assert at_once[0] == in_turn[0] and at_once[1] == in_turn[1]
    assert at_once[0].admitted.value == 3 and at_once[0].trained.value == 1
    assert at_once[0].pipeline[Stage.APPLIED] == 1
