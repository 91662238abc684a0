"""Builders for test data: each takes keyword overrides and fills in the rest."""

import io
import itertools
import os
import threading
from contextlib import suppress
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections, transaction
from django.db.backends.postgresql.operations import DatabaseOperations
from django.utils import translation

from recruitment import committee as top_committee
from recruitment import together, workdays
from recruitment.models import Candidate, Cell, Member, Organisation, Quota, Term
from recruitment.roles import Role, set_role

_sequence = itertools.count(1)

_flush = DatabaseOperations.sql_flush


def _flush_all_but_the_processing_log(self, style, tables, **kwargs):
    return _flush(
        self, style, [name for name in tables if name != "recruitment_processingrecord"], **kwargs
    )


# On PostgreSQL the processing log refuses TRUNCATE (a trigger; and the application's role,
# which CI runs the suite as, may not): the flush after a test that commits leaves the log
# alone. Tests do not assume an empty log; they look at the records they made.
DatabaseOperations.sql_flush = _flush_all_but_the_processing_log


def citizen_id_for(date_of_birth: date, gender: str, serial: int | None = None) -> str:
    """A valid Hà Nam citizen ID for the given birth date and gender."""
    century_base = {19: 0, 20: 2}[date_of_birth.year // 100]
    digit = century_base + (1 if gender == "female" else 0)
    serial = next(_sequence) if serial is None else serial
    return f"035{digit}{date_of_birth.year % 100:02d}{serial:06d}"


@pytest.fixture(autouse=True)
def no_workday_overrides(request):
    """Each test starts with no staff-entered working-day changes in the cache (a rolled-back
    test leaves no signal behind); one that saves an override makes the cache read them.
    The committees at the top are read afresh for a test using the database (a committee
    the test saves is read again then), so that no page counts that query."""
    workdays.preload_overrides({})
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        request.getfixturevalue(
            "transactional_db" if "transactional_db" in request.fixturenames else "db"
        )
        top_committee.preload(top_committee.load_committees())
    else:
        top_committee.preload([])
    yield
    workdays.preload_overrides({})
    top_committee.preload(None)


@pytest.fixture
def make_city(db):
    def make(**kw):
        kw.setdefault("name", "Đảng bộ thành phố Phủ Lý")
        kw.setdefault("code", f"TU{next(_sequence)}")
        kw.setdefault("kind", Organisation.Kind.COMMITTEE)
        kw.setdefault("level", Organisation.Level.CITY)
        kw.setdefault("committee_name", "Thành ủy Phủ Lý")
        kw.setdefault("place_name", "Phủ Lý")
        kw.setdefault("active_from", date(1945, 1, 1))
        return Organisation.objects.create(**kw)

    return make


@pytest.fixture
def city(make_city):
    return make_city()


@pytest.fixture
def make_organisation(db, city):
    def make(**kw):
        n = next(_sequence)
        kw.setdefault("name", f"Đảng bộ phường số {n}")
        kw.setdefault("code", f"CS{n:03d}")
        kw.setdefault("kind", Organisation.Kind.GRASSROOTS_COMMITTEE)
        kw.setdefault("category", Organisation.Category.WARD_COMMUNE)
        kw.setdefault("parent", city)
        if kw["kind"] in Organisation.GRASSROOTS_KINDS:
            kw.setdefault("admitting_committee", city)
        kw.setdefault("active_from", date(2000, 1, 1))
        return Organisation.objects.create(**kw)

    return make


@pytest.fixture
def make_cell(db, make_organisation):
    def make(**kw):
        if "organisation" not in kw:
            kw["organisation"] = make_organisation()
        kw.setdefault("name", f"Chi bộ số {next(_sequence)}")
        kw.setdefault("active_from", date(2000, 1, 1))
        return Cell.objects.create(**kw)

    return make


def _person_defaults(kw: dict) -> None:
    kw.setdefault("full_name", "Nguyễn Thị Huế")
    kw.setdefault("gender", "female")
    kw.setdefault("date_of_birth", date(1990, 5, 17))
    kw.setdefault("citizen_id", citizen_id_for(kw["date_of_birth"], kw["gender"]))
    kw.setdefault("occupation", "teacher")


@pytest.fixture
def make_member(db, make_cell):
    def make(**kw):
        if "cell" not in kw:
            kw["cell"] = make_cell()
        _person_defaults(kw)
        kw.setdefault("decision_date", date(2015, 3, 2))
        kw.setdefault("ceremony_date", kw["decision_date"])
        kw.setdefault("status", Member.Status.OFFICIAL)
        if kw["status"] == Member.Status.OFFICIAL and "official_date" not in kw:
            joined = kw["ceremony_date"] or kw["decision_date"]
            kw["official_date"] = date(joined.year + 1, 3, 2)
        return Member.objects.create(**kw)

    return make


@pytest.fixture
def organisation(make_organisation, make_cell):
    """The ward organisation the roster tests import into, with two cells."""
    organisation = make_organisation(code="MK", name="Đảng bộ phường Minh Khai")
    make_cell(organisation=organisation, name="Chi bộ số 1")
    make_cell(organisation=organisation, name="Chi bộ số 2")
    return organisation


@pytest.fixture
def cell_with_members(make_cell, make_member):
    """A cell of a grassroots committee with nine official members."""
    cell = make_cell()
    members = [
        make_member(cell=cell, full_name=f"Đảng viên {n}", date_of_birth=date(1980, 1, n + 1))
        for n in range(9)
    ]
    return cell, members


@pytest.fixture
def vietnamese():
    """Messages read in Vietnamese, as users get them (for tests that compare them)."""
    with translation.override("vi"):
        yield


@pytest.fixture
def make_candidate(db, make_cell):
    def make(**kw):
        if "cell" not in kw:
            kw["cell"] = make_cell()
        _person_defaults(kw)
        return Candidate.objects.create(**kw)

    return make


@pytest.fixture
def make_term(db):
    def make(**kw):
        kw.setdefault("name", "2020–2025")
        kw.setdefault("start_date", date(2020, 8, 1))
        kw.setdefault("end_date", date(2025, 7, 31))
        return Term.objects.create(**kw)

    return make


@pytest.fixture
def make_quota(db):
    def make(**kw):
        kw.setdefault("kind", Quota.Kind.ADMISSIONS)
        if "term" not in kw:
            kw.setdefault("year", 2024)
        kw.setdefault("target", 10)
        return Quota.objects.create(**kw)

    return make


@pytest.fixture
def make_user(db):
    def make(role: str | None = None, organisation=None, **kw):
        n = next(_sequence)
        kw.setdefault("username", f"user{n}")
        user = get_user_model().objects.create_user(password="Mat-khau-2024!", **kw)
        if role is not None:
            set_role(user=user, role=role, organisation=organisation)
        return user

    return make


@pytest.fixture
def committee_staff(make_user):
    return make_user(Role.COMMITTEE_STAFF)


@pytest.fixture
def board_head(make_user):
    return make_user(Role.BOARD_HEAD)


@pytest.fixture(autouse=True)
def roster_uploads(settings, tmp_path):
    """Uploaded rosters wait in a directory of the test's own."""
    settings.ROSTER_UPLOAD_DIR = tmp_path / "roster-uploads"
    return settings.ROSTER_UPLOAD_DIR


@pytest.fixture(autouse=True)
def session_saved_at_every_request(settings):
    """In production a session's expiry is pushed at most once a minute; here at every
    request, so that a page's pinned query count (which includes the session's save) does
    not depend on the requests before it. ``test_login_security`` tests the minute."""
    settings.SESSION_ACTIVITY_SECONDS = 0


@pytest.fixture(autouse=True)
def normal_priority():
    """``import_roster`` lowers the CPU priority of the thread that runs it (``--priority
    low``); the tests after one run at the priority they started with, where the system
    lets a process raise it again (as root)."""
    thread = threading.get_native_id()
    before = os.getpriority(os.PRIO_PROCESS, thread)
    yield
    with suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, thread, before)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production hashes passwords slowly on purpose; the tests, which log in and fail to
    log in many times, use a fast hasher."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        # Still verifies what was hashed before this fixture applied (module-scoped data).
        "recruitment.hashers.YieldingArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(scope="session", autouse=True)
def query_threads_closed(django_db_setup):
    """The dashboard's query threads (``recruitment.together``) hold connections of their
    own on PostgreSQL: closed before the test database is dropped (PostgreSQL refuses to drop
    a database with a session open on it)."""
    yield
    together.close_connections()


# --- The demo committee, built once per test session ----------------------------------------


@pytest.fixture(scope="session")
def demo_committee(django_db_setup, django_db_blocker):
    """The demo committee at its snapshot of 26/03/2024 (``seed_demo --if-empty --snapshot`` on
    the empty test database; ``tests/test_demo_continued.py`` builds the continued one), built once
    for the session in a transaction rolled back at its end; each test runs in a savepoint
    inside it. Returns the command's output. The tests that use it run last (below), so no
    other test sees the demo's rows."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", "--if-empty", "--snapshot", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
    # Closed here, before the test database is dropped (PostgreSQL refuses to drop a
    # database with a session open on it).
    connections.close_all()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests on the demo committee after all the others, in their order."""
    items.sort(key=lambda item: "demo_committee" in getattr(item, "fixturenames", ()))
