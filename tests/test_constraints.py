"""The database refuses rows that break the model's invariants, each by its named constraint."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from recruitment.models import Candidate, Cell, Member, Organisation, Quota, RuleSet, StageRecord
from tests.conftest import citizen_id_for


def violates(constraint_name: str, create) -> None:
    """``create()`` fails in the database, naming ``constraint_name`` where the backend says."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        create()
    message = str(error.value)
    # PostgreSQL names the constraint; SQLite names it for CHECK constraints and lists the
    # columns for UNIQUE ones.
    if "UNIQUE constraint failed" not in message:
        assert constraint_name in message


def test_citizen_id_must_be_twelve_digits(make_member):
    violates(
        "recruitment_member_citizen_id_12_digits",
        lambda: make_member(citizen_id="35090012345"),
    )
    violates(
        "recruitment_member_citizen_id_12_digits",
        lambda: make_member(citizen_id="03509001234X"),
    )


def test_twelve_digit_citizen_id_with_leading_zero_is_kept(make_member):
    member = make_member(citizen_id="035190123456")
    member.refresh_from_db()
    assert member.citizen_id == "035190123456"


def test_citizen_id_is_unique_among_members(make_member):
    member = make_member()
    violates(
        "recruitment_member_citizen_id_unique",
        lambda: make_member(citizen_id=member.citizen_id, cell=member.cell),
    )


def test_ceremony_cannot_precede_decision(make_member):
    violates(
        "recruitment_member_ceremony_not_before_decision",
        lambda: make_member(
            decision_date=date(2023, 5, 10), ceremony_date=date(2023, 5, 9), status="probationary"
        ),
    )


def test_official_member_needs_official_date(make_member):
    violates(
        "recruitment_member_official_has_official_date",
        lambda: make_member(status="official", official_date=None),
    )


def test_probationary_member_has_no_official_date(make_member):
    violates(
        "recruitment_member_probationary_not_official_yet",
        lambda: make_member(status="probationary", official_date=date(2016, 3, 2)),
    )


def test_party_card_only_for_official_members(make_member):
    violates(
        "recruitment_member_party_card_only_when_official",
        lambda: make_member(status="probationary", party_card_number="12345678"),
    )


def test_grassroots_organisation_needs_category(make_organisation):
    violates(
        "recruitment_organisation_grassroots_has_category",
        lambda: make_organisation(category=""),
    )


def test_organisation_below_committee_needs_parent(make_organisation):
    violates(
        "recruitment_organisation_has_parent_below_committee",
        lambda: make_organisation(parent=None),
    )


def test_committee_needs_level_and_only_committees_have_one(make_city, make_organisation):
    violates("recruitment_organisation_level_of_committees_only", lambda: make_city(level=""))
    violates(
        "recruitment_organisation_level_of_committees_only",
        lambda: make_organisation(level="ward"),
    )


def test_grassroots_organisation_records_who_decides_its_admissions(city, make_organisation):
    violates(
        "recruitment_organisation_grassroots_has_admitting_committee",
        lambda: make_organisation(admitting_committee=None),
    )
    grassroots = make_organisation()
    violates(
        "recruitment_organisation_grassroots_has_admitting_committee",
        lambda: make_organisation(
            kind="sub_committee", category="", parent=grassroots, admitting_committee=city
        ),
    )


def test_organisation_active_dates_in_order(make_organisation):
    violates(
        "recruitment_organisation_active_dates_in_order",
        lambda: make_organisation(active_from=date(2020, 1, 1), active_to=date(2019, 12, 31)),
    )


def test_grassroots_cell_has_only_one_own_cell(make_organisation, make_cell):
    organisation = make_organisation(kind=Organisation.Kind.GRASSROOTS_CELL)
    make_cell(organisation=organisation, is_organisation_itself=True)
    violates(
        "recruitment_cell_one_own_cell_per_org",
        lambda: make_cell(organisation=organisation, is_organisation_itself=True),
    )


def test_cell_names_unique_within_organisation(make_cell):
    cell = make_cell()
    violates(
        "recruitment_cell_name_unique_in_org",
        lambda: make_cell(organisation=cell.organisation, name=cell.name),
    )


def test_deleting_a_cell_with_members_is_refused(make_member):
    member = make_member()
    with pytest.raises(ProtectedError):
        member.cell.delete()
    assert Member.objects.filter(pk=member.pk).exists()


def test_deleting_an_organisation_with_cells_is_refused(make_cell):
    cell = make_cell()
    with pytest.raises(ProtectedError):
        cell.organisation.delete()
    assert Cell.objects.filter(pk=cell.pk).exists()


def test_quota_is_for_a_year_or_a_term_not_both(make_quota, make_term):
    term = make_term()
    violates("recruitment_quota_year_or_term", lambda: make_quota(year=2024, term=term))
    violates("recruitment_quota_year_or_term", lambda: make_quota(year=None, term=None))


def test_one_quota_per_organisation_kind_and_year(make_quota, make_organisation):
    organisation = make_organisation()
    make_quota(organisation=organisation, year=2024, target=5)
    violates(
        "recruitment_quota_unique_org_year",
        lambda: make_quota(organisation=organisation, year=2024, target=6),
    )
    # Another year, another kind or another basis is a different quota.
    make_quota(organisation=organisation, year=2025, target=6)
    make_quota(organisation=organisation, year=2024, kind=Quota.Kind.TRAINING, target=3)


def test_one_committee_wide_quota_per_kind_and_year(make_quota):
    make_quota(organisation=None, year=2024, target=205)
    violates(
        "recruitment_quota_unique_committee_year",
        lambda: make_quota(organisation=None, year=2024, target=200),
    )
    make_quota(organisation=None, year=2024, basis=Quota.Basis.ASPIRATION, target=200)


def test_one_committee_wide_term_quota(make_quota, make_term):
    term = make_term()
    make_quota(organisation=None, year=None, term=term, target=500)
    violates(
        "recruitment_quota_unique_committee_term",
        lambda: make_quota(organisation=None, year=None, term=term, target=450),
    )


def test_term_ends_after_it_starts(make_term):
    violates(
        "recruitment_term_ends_after_start",
        lambda: make_term(start_date=date(2025, 1, 1), end_date=date(2020, 1, 1)),
    )


def test_open_candidate_citizen_id_is_unique_but_a_rejected_one_may_return(make_candidate):
    first = make_candidate()
    violates(
        "recruitment_candidate_citizen_id_unique_while_open",
        lambda: make_candidate(citizen_id=first.citizen_id, cell=first.cell),
    )
    first.stage = Candidate.Stage.REJECTED
    first.save()
    again = make_candidate(citizen_id=first.citizen_id, cell=first.cell)
    assert again.pk != first.pk


def test_candidate_at_decision_is_linked_to_a_member(make_candidate):
    violates(
        "recruitment_candidate_decision_has_member",
        lambda: make_candidate(stage=Candidate.Stage.DECISION),
    )


def test_candidate_before_decision_has_no_member(make_candidate, make_member):
    member = make_member(status="probationary", decision_date=date(2024, 1, 5))
    violates(
        "recruitment_candidate_member_only_after_decision",
        lambda: make_candidate(stage=Candidate.Stage.APPLIED, member=member, cell=member.cell),
    )


def test_votes_cannot_exceed_the_members_entitled(make_candidate):
    candidate = make_candidate()
    violates(
        "recruitment_stagerecord_votes_within_eligible",
        lambda: StageRecord.objects.create(
            candidate=candidate,
            stage=Candidate.Stage.CELL_RESOLUTION,
            date=date(2024, 3, 1),
            votes_for=10,
            votes_against=None,
            eligible_voters=9,
        ),
    )
    violates(
        "recruitment_stagerecord_ballots_within_eligible",
        lambda: StageRecord.objects.create(
            candidate=candidate,
            stage=Candidate.Stage.CELL_RESOLUTION,
            date=date(2024, 3, 1),
            votes_for=7,
            votes_against=3,
            eligible_voters=9,
        ),
    )


def test_one_record_per_stage(make_candidate):
    candidate = make_candidate()
    StageRecord.objects.create(candidate=candidate, stage="source", date=date(2024, 1, 2))
    violates(
        "recruitment_stagerecord_one_per_stage",
        lambda: StageRecord.objects.create(
            candidate=candidate, stage="source", date=date(2024, 1, 3)
        ),
    )


def test_rule_sets_from_2016_on_are_installed_by_migration(db):
    rule_set = RuleSet.objects.in_force_on(date(2024, 3, 26))
    assert rule_set.reference.startswith("Quy định 24-QĐ/TW")
    assert (rule_set.min_age_years, rule_set.max_age_years) == (18, 60)
    assert rule_set.certificate_valid_months == 60
    assert rule_set.decision_deadline_workdays == 60
    assert RuleSet.objects.in_force_on(date(2025, 8, 1)).reference.startswith("Quy định 294")
    with pytest.raises(RuleSet.DoesNotExist):
        RuleSet.objects.in_force_on(date(2000, 1, 1))


def test_full_clean_cross_checks_citizen_id_with_birth_and_gender(make_cell):
    member = Member(
        cell=make_cell(),
        full_name="Trần Văn Nam",
        gender="male",
        date_of_birth=date(1990, 1, 1),
        citizen_id=citizen_id_for(date(1990, 1, 1), "female"),
        occupation="worker",
        decision_date=date(2015, 1, 1),
        status="probationary",
    )
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "citizen_id" in error.value.message_dict
    member.citizen_id = citizen_id_for(date(1990, 1, 1), "male")
    member.full_clean()
