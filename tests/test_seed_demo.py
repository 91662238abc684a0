"""The demo committee reproduces the published Phủ Lý figures, computed from the database."""

import hashlib
import io
import re
from collections import Counter, defaultdict
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q

from recruitment import demo, rules
from recruitment.access import role_of
from recruitment.models import Candidate, Cell, Member, Organisation, Quota, StageRecord, Term
from recruitment.roles import Role
from recruitment.text import search_key

#: The day the published figures describe.
SNAPSHOT = date(2024, 3, 26)
Kind = Organisation.Kind
Stage = Candidate.Stage


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def table_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Organisation, Cell, Member, Candidate, StageRecord, Quota, Term)
    ) + (get_user_model().objects.count(),)


def digest() -> str:
    """A fingerprint of the people written: members, then candidates with their records."""
    lines = [
        f"{cid}|{name}|{decided}|{cell}"
        for cid, name, decided, cell in Member.objects.order_by("citizen_id").values_list(
            "citizen_id", "full_name", "decision_date", "cell__name"
        )
    ]
    lines += [
        f"{cid}|{name}|{stage}|{day}|{number}"
        for cid, name, stage, day, number in StageRecord.objects.order_by(
            "candidate__citizen_id", "date", "stage"
        ).values_list(
            "candidate__citizen_id", "candidate__full_name", "stage", "date", "document_number"
        )
    ]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def check_organisations() -> None:
    city = Organisation.objects.get(kind=Kind.COMMITTEE)
    assert (city.name, city.code) == ("Đảng bộ thành phố Phủ Lý", "PL")
    grassroots = Organisation.objects.grassroots()
    assert grassroots.count() == 68
    assert set(grassroots.values_list("parent", flat=True)) == {city.pk}
    assert grassroots.filter(active_from__lt=SNAPSHOT, active_to__isnull=True).count() == 68
    categories = Counter(grassroots.values_list("category", flat=True))
    assert set(categories) == set(Organisation.Category.values) - {"other"}
    assert categories["ward_commune"] == 21
    assert grassroots.filter(name="Đảng bộ Trung tâm Y tế thành phố Phủ Lý").exists()

    committee_cells = Cell.objects.filter(organisation__kind=Kind.GRASSROOTS_COMMITTEE)
    assert committee_cells.filter(is_organisation_itself=False).count() == 339
    assert not committee_cells.filter(is_organisation_itself=True).exists()
    grassroots_cells = Organisation.objects.filter(kind=Kind.GRASSROOTS_CELL).annotate(
        cells_n=Count("cells"), own_n=Count("cells", filter=Q(cells__is_organisation_itself=True))
    )
    assert grassroots_cells.count() == 68 - 26
    for organisation in grassroots_cells:
        assert (organisation.cells_n, organisation.own_n) == (1, 1)
        assert organisation.cells.get().name == organisation.name

    sizes = grassroots.annotate(members_n=Count("cells__members"))
    for organisation in sizes:
        if organisation.kind == Kind.GRASSROOTS_COMMITTEE:
            assert organisation.members_n >= 30, organisation
        else:
            assert 3 <= organisation.members_n <= 29, organisation
    officials = Cell.objects.annotate(
        official_n=Count("members", filter=Q(members__status=Member.Status.OFFICIAL))
    )
    assert min(officials.values_list("official_n", flat=True)) >= 3


def check_members() -> None:
    assert Member.objects.count() == 9805
    assert set(Member.objects.values_list("status", flat=True)) == {"probationary", "official"}
    cutoff = rules.add_months(SNAPSHOT, -12)
    rows = Member.objects.values_list(
        "date_of_birth", "decision_date", "ceremony_date", "official_date", "party_card_number"
    )
    for born, decided, ceremony, official, card in rows:
        assert 18 <= rules.age_in_years(born, SNAPSHOT) <= 60
        assert rules.age_in_years(born, decided) >= 18
        assert date(1980, 1, 1) <= decided <= SNAPSHOT
        assert ceremony is None or decided < ceremony <= SNAPSHOT
        if ceremony is not None and ceremony <= cutoff:
            assert official == rules.add_months(ceremony, 12) and card
        else:
            assert official is None and card == ""
    cards = [card for *_, card in rows if card]
    assert len(cards) == len(set(cards))
    assert Member.objects.filter(decision_date__year__lt=1990).exists()

    # Realistic people: about 45% women, a few minorities, Catholics and Buddhists.
    total = Member.objects.count()
    assert 0.40 <= Member.objects.filter(gender="female").count() / total <= 0.50
    assert 0 < Member.objects.exclude(ethnicity="Kinh").count() < 0.05 * total
    religions = Counter(Member.objects.values_list("religion", flat=True))
    assert religions["none"] > 0.9 * total and religions["catholic"] and religions["buddhist"]
    assert Member.objects.filter(general_education="12/12").count() > 0.8 * total
    for name, key in Member.objects.values_list("full_name", "name_key"):
        assert len(name.split()) >= 3 and key == search_key(name)
    assert Member.objects.filter(full_name__startswith="Nguyễn").count() > 0.25 * total
    teachers = Member.objects.filter(cell__organisation__name__startswith="Chi bộ Trường")
    assert set(teachers.values_list("occupation", flat=True)) == {"teacher"}
    assert teachers.filter(gender="female").count() > teachers.count() / 2


def check_term_and_2023() -> None:
    term = Term.objects.get(name="2020–2025")
    target = Quota.objects.get(organisation=None, kind="admissions", basis="assigned", term=term)
    assert target.target == 500
    admitted = Member.objects.filter(
        decision_date__gte=term.start_date, decision_date__lte=SNAPSHOT
    )
    assert admitted.count() == 484
    by_year = Counter(day.year for day in admitted.values_list("decision_date", flat=True))
    assert by_year == {2020: 38, 2021: 96, 2022: 102, 2023: 201, 2024: 47}

    year_2023 = Member.objects.filter(decision_date__year=2023)
    assert year_2023.count() == 201
    youth = year_2023.filter(youth_union_member=True).count()
    assert youth == 146
    assert round(100 * youth / year_2023.count(), 1) == 72.6
    teachers_and_doctors = year_2023.filter(occupation__in=["teacher", "health_worker"]).count()
    assert teachers_and_doctors > year_2023.count() / 2
    catholics_2023 = year_2023.filter(religion="catholic").count()
    catholics_2022 = Member.objects.filter(decision_date__year=2022, religion="catholic").count()
    assert 0 < catholics_2022 < catholics_2023


def check_quotas_2024() -> None:
    committee = Quota.objects.filter(organisation=None, year=2024)
    assert committee.get(kind="admissions", basis="assigned").target == 205
    assert committee.get(kind="admissions", basis="aspiration").target == 200
    assert committee.get(kind="training").target == 150
    per_org = Quota.objects.filter(
        organisation__isnull=False, year=2024, kind="admissions", basis="assigned"
    ).annotate(members_n=Count("organisation__cells__members"))
    grassroots = set(Organisation.objects.grassroots().values_list("pk", flat=True))
    assert set(per_org.values_list("organisation", flat=True)) == grassroots
    assert sum(quota.target for quota in per_org) == 205
    # Split by member count: more members never means a smaller quota, and nobody gets 0.
    by_size = sorted((quota.members_n, quota.target) for quota in per_org)
    targets = [target for _, target in by_size]
    assert targets == sorted(targets) and targets[0] >= 1
    # Those above the floor of one split the rest within one of their exact share.
    above = [(members_n, target) for members_n, target in by_size if target > 1]
    rest = 205 - (len(by_size) - len(above))
    rest_members = sum(members_n for members_n, _ in above)
    for members_n, target in above:
        assert abs(target - rest * members_n / rest_members) < 1


def check_candidates() -> None:
    assert set(Candidate.objects.values_list("stage", flat=True)) == set(Stage.values)
    records = defaultdict(list)
    for record in StageRecord.objects.order_by("date", "id"):
        records[record.candidate_id].append(record)
    candidates = Candidate.objects.select_related("cell", "member", "helper")
    pipeline = list(Candidate.PIPELINE)
    for candidate in candidates:
        stages = [record.stage for record in records[candidate.pk]]
        dates = [record.date for record in records[candidate.pk]]
        assert dates == sorted(dates) and dates[-1] <= SNAPSHOT
        if candidate.stage in Candidate.CLOSED_STAGES:
            assert stages[-1] == candidate.stage
            stages = stages[:-1]
        else:
            assert stages[-1] == candidate.stage
        # A grassroots cell is its own grassroots organisation: no committee resolution.
        own = candidate.cell.is_organisation_itself
        expected = [
            stage
            for stage in pipeline[: pipeline.index(stages[-1]) + 1]
            if not (own and stage == Stage.GRASSROOTS_RESOLUTION)
        ]
        assert stages == expected, candidate
        assert candidate.helper.cell_id == candidate.cell_id
        assert candidate.helper.status == Member.Status.OFFICIAL
        if candidate.stage in (Stage.DECISION, Stage.CEREMONY):
            member = candidate.member
            assert member.decision_date.year == 2024 and member.cell_id == candidate.cell_id
            assert member.citizen_id == candidate.citizen_id
            by_stage = {record.stage: record.date for record in records[candidate.pk]}
            assert by_stage[Stage.DECISION] == member.decision_date
            assert by_stage.get(Stage.CEREMONY) == member.ceremony_date
    linked = Candidate.objects.filter(member__isnull=False)
    assert linked.count() == Member.objects.filter(decision_date__year=2024).count()

    trained_2024 = StageRecord.objects.filter(
        stage=Stage.TRAINED, date__gte=date(2024, 1, 1), date__lte=SNAPSHOT
    )
    assert trained_2024.count() == 62

    resolutions = StageRecord.objects.filter(
        stage__in=[Stage.CELL_RESOLUTION, Stage.GRASSROOTS_RESOLUTION]
    )
    assert resolutions.exists()
    for record in resolutions:
        assert 3 * record.votes_for >= 2 * record.eligible_voters
        assert record.votes_for + record.votes_against <= record.eligible_voters
        pattern = r"^\d+-NQ/CB$" if record.stage == Stage.CELL_RESOLUTION else r"^\d+-NQ/ĐU$"
        assert re.match(pattern, record.document_number) and record.signed_by
    for number in StageRecord.objects.filter(stage=Stage.DECISION).values_list(
        "document_number", flat=True
    ):
        assert re.match(r"^\d+-QĐ/TU$", number)

    introductions = StageRecord.objects.filter(stage=Stage.INTRODUCED).select_related("candidate")
    kinds = Counter()
    for record in introductions.prefetch_related("introducers"):
        introducers = list(record.introducers.all())
        kinds[record.introduction_kind] += 1
        assert len(introducers) == (2 if record.introduction_kind == "two_members" else 1)
        for introducer in introducers:
            assert introducer.status == Member.Status.OFFICIAL
            assert introducer.cell_id == record.candidate.cell_id
    assert kinds["two_members"] and kinds["youth_union"]


def check_citizen_ids() -> None:
    members = Member.objects.values_list("citizen_id", "date_of_birth", "gender")
    candidates = Candidate.objects.values_list("citizen_id", "date_of_birth", "gender")
    for citizen_id, born, gender in [*members, *candidates]:
        assert rules.citizen_id_problems(citizen_id, date_of_birth=born, gender=gender) == []
    member_ids = {citizen_id for citizen_id, _, _ in members}
    assert len(member_ids) == Member.objects.count()
    unlinked = set(
        Candidate.objects.filter(member__isnull=True).values_list("citizen_id", flat=True)
    )
    assert not unlinked & member_ids
    provinces = Counter(citizen_id[:3] for citizen_id in member_ids)
    assert provinces["035"] > 0.7 * len(member_ids)
    assert provinces["001"] and provinces["036"] and provinces["037"]


def check_full_clean() -> None:
    pks = list(Member.objects.order_by("pk").values_list("pk", flat=True))[::49][:200]
    for member in Member.objects.filter(pk__in=pks):
        member.full_clean()
    candidate_pks = list(Candidate.objects.order_by("pk").values_list("pk", flat=True))[::5]
    for candidate in Candidate.objects.filter(pk__in=candidate_pks):
        candidate.full_clean()


def check_users(output: str) -> None:
    User = get_user_model()
    for username, role, organisation in demo.DEMO_USERS:
        user = User.objects.select_related("staff_profile__organisation").get(username=username)
        assert role_of(user) == role
        if role == Role.GRASSROOTS_STAFF:
            assert user.staff_profile.organisation.name == organisation
        assert username in output
    assert User.objects.get(username="canbo").check_password("PhuLy@2024")
    assert "PhuLy@2024" in output
    assert {org.category for org in Organisation.objects.filter(staff__isnull=False)} == {
        "ward_commune",
        "public_service",
    }


def check_planner_statistics() -> None:
    """The command ends with ANALYZE: the planner knows the members table's contents (a test
    database starts with no statistics, and nothing else in the suite gathers any)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Only the tables' owner (or a superuser) may analyse them; PostgreSQL skips
            # them, with a warning, for the application's role (CI runs the suite as both).
            cursor.execute(
                "SELECT tableowner = current_user OR (SELECT rolsuper FROM pg_roles"
                " WHERE rolname = current_user) FROM pg_tables"
                " WHERE tablename = 'recruitment_member'"
            )
            if not cursor.fetchone()[0]:
                return
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'recruitment_member'")
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'recruitment_member'")
        assert cursor.fetchone()[0] > 0


def test_seed_demo_reproduces_the_published_figures(demo_committee, db):
    output = demo_committee

    check_organisations()
    check_members()
    check_term_and_2023()
    check_quotas_2024()
    check_candidates()
    check_citizen_ids()
    check_full_clean()
    check_users(output)
    check_planner_statistics()


def test_if_empty_builds_once_then_creates_nothing_more(demo_committee, db):
    # demo_committee ran ``seed_demo --if-empty`` on the empty database: it built.
    assert Organisation.objects.grassroots().count() == 68
    before = table_counts()

    output = seed("--if-empty")

    assert table_counts() == before
    assert "nothing created" in output
    assert "coso.cs01" in output and "PhuLy@2024" in output


def test_seed_demo_refuses_when_organisations_exist(make_organisation):
    make_organisation()
    before = table_counts()

    with pytest.raises(CommandError, match="--reset"):
        seed()

    assert table_counts() == before


def test_seed_demo_refuses_a_scale_below_one(db):
    with pytest.raises(CommandError, match="--scale"):
        seed("--scale", "0")
    assert not Organisation.objects.exists()


def test_two_builds_write_the_same_people(demo_committee, db):
    first = digest()

    seed("--reset", "--snapshot")

    assert digest() == first
    assert Member.objects.count() == 9805 and Organisation.objects.count() == 69


def test_scale_two_doubles_organisations_people_and_quotas(db):
    seed("--scale", "2", "--snapshot")

    assert Organisation.objects.filter(kind=Kind.COMMITTEE).count() == 1
    assert Organisation.objects.grassroots().count() == 2 * 68
    assert Cell.objects.filter(is_organisation_itself=False).count() == 2 * 339
    assert Member.objects.count() == 2 * 9805
    assert Member.objects.filter(decision_date__year=2023, youth_union_member=True).count() == 292
    assert Organisation.objects.filter(code__in=["CS01", "CS01-2"]).count() == 2
    org_quotas = Quota.objects.filter(organisation__isnull=False, year=2024)
    assert sum(org_quotas.values_list("target", flat=True)) == 2 * 205
    assert Quota.objects.get(organisation=None, term__isnull=False).target == 2 * 500


def test_quota_shares_follow_member_counts_and_give_everyone_one():
    # 3 and 1 members would get less than one: they get one each, and 100, 50 and 30
    # share the other 8 as 4.44, 2.22 and 1.33, the largest remainder taking the last.
    assert demo.quota_shares(10, [100, 50, 30, 3, 1]) == [5, 2, 1, 1, 1]
    assert demo.quota_shares(3, [7, 0, 1]) == [1, 1, 1]
    with pytest.raises(ValueError):
        demo.quota_shares(2, [5, 5, 5])
