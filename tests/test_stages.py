"""The stage registry, walked: every stage is declared in the pipeline's order, recorded
through its own form page, shown on the candidate page and the board, and gives the
deadlines it declares. A stage added to the registry without its form data below, or one
whose form, rule function or deadline does not work, fails here."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from recruitment import deadlines, services
from recruitment.models import Member, StageRecord
from recruitment.roles import Role
from recruitment.stages import CLOSINGS, STAGES, record_details, spec_of
from recruitment.stages.details import PHRASES
from recruitment.states import Stage
from tests.pipeline import new_candidate


def test_the_registry_declares_the_pipeline_in_order():
    assert [spec.stage.value for spec in STAGES] == [
        "source",
        "trained",
        "applied",
        "verified",
        "introduced",
        "commented",
        "cell_resolution",
        "grassroots_resolution",
        "decision",
        "ceremony",
    ]
    assert [spec.stage.value for spec in CLOSINGS] == ["rejected", "cancelled"]
    # Closing a candidacy: rejected before the decision, the decision cancelled before the
    # ceremony, nothing after it.
    assert {spec.stage.value: getattr(spec.closed_by, "value", None) for spec in STAGES} == {
        "source": "rejected",
        "trained": "rejected",
        "applied": "rejected",
        "verified": "rejected",
        "introduced": "rejected",
        "commented": "rejected",
        "cell_resolution": "rejected",
        "grassroots_resolution": "rejected",
        "decision": "cancelled",
        "ceremony": None,
    }
    assert [spec.stage.value for spec in STAGES if spec.skipped_in_grassroots_cell] == [
        "grassroots_resolution"
    ]


def test_every_recorded_field_is_a_stage_record_field_with_a_phrase():
    names = {field.name for field in StageRecord._meta.get_fields()}
    for spec in STAGES + CLOSINGS:
        for name in spec.records:
            assert name in names, (spec.stage, name)
            assert name in PHRASES, (spec.stage, name)


def form_data(members) -> dict:
    """What a clerk types into each stage's form (one entry per stage after the source)."""
    return {
        Stage.TRAINED: {"date": "10/03/2023", "document_number": "CC-15"},
        Stage.APPLIED: {"date": "01/06/2023", "personal_history_date": "05/06/2023"},
        Stage.VERIFIED: {"date": "01/08/2023", "verification_passed": "on"},
        Stage.INTRODUCED: {
            "date": "01/09/2023",
            "introduction_kind": "two_members",
            "introducer_1": members[0].pk,
            "known_since_1": "01/01/2020",
            "introducer_2": members[1].pk,
            "known_since_2": "01/01/2021",
        },
        Stage.COMMENTED: {"date": "15/09/2023"},
        Stage.CELL_RESOLUTION: {
            "date": "31/01/2024",
            "document_number": "07-NQ/CB",
            "votes_for": 6,
            "votes_against": 3,
            "voters_excluded": 0,
        },
        Stage.GRASSROOTS_RESOLUTION: {
            "date": "20/02/2024",
            "document_number": "15-NQ/ĐU",
            "votes_for": 7,
            "votes_against": 0,
            "eligible_voters": 9,
        },
        Stage.DECISION: {
            "date": "15/03/2024",
            "document_number": "245-QĐ/TU",
            "signed_by": "Trần Văn Hùng",
        },
        Stage.CEREMONY: {"date": "26/03/2024"},
    }


#: The deadlines the deadlines page shows once each stage is recorded (name, due, latest):
#: the certificate of 10/03/2023 is valid 60 months, through 10/03/2028 (Civil Code);
#: the decision is due 60 working days
#: after the cell's vote of 31/01/2024 (Tết 08-14/02, Hùng Kings 18/04, 29/04-01/05 off,
#: Saturday 04/05 worked), 90 with the extension; the ceremony 30 working days after the
#: decision of 15/03/2024.
CERTIFICATE = ("Awareness-course certificate expires", date(2028, 3, 10), None)
DECISION = ("Admission decision", date(2024, 5, 6), date(2024, 6, 17))
CEREMONY = ("Admission ceremony", date(2024, 5, 2), None)
DEADLINES_AFTER = {
    Stage.TRAINED: [CERTIFICATE],
    Stage.APPLIED: [CERTIFICATE],
    Stage.VERIFIED: [CERTIFICATE],
    Stage.INTRODUCED: [CERTIFICATE],
    Stage.COMMENTED: [CERTIFICATE],
    Stage.CELL_RESOLUTION: [DECISION],
    Stage.GRASSROOTS_RESOLUTION: [DECISION],
    Stage.DECISION: [CEREMONY],
    Stage.CEREMONY: [],
}


@pytest.fixture
def cell_members(make_cell, make_member):
    def make(**cell):
        cell = make_cell(**cell)
        return cell, [make_member(cell=cell, full_name=f"Đảng viên {n}") for n in range(9)]

    return make


def pending(candidate) -> list[tuple]:
    candidate = type(candidate).objects.prefetch_related("stage_records").get(pk=candidate.pk)
    with translation.override("en"):
        found = deadlines.candidate_deadlines(candidate, deadlines.RuleSets())
        return [(item.what, item.due, item.latest) for item in found]


def walk(client, candidate, members) -> list[str]:
    """Record the candidate's stages one after the other through the candidate page's
    "Record" link and the stage's form; returns the stages recorded."""
    data = form_data(members)
    recorded = []
    while (stage := services.next_stage(candidate)) is not None:
        spec = spec_of(stage)
        url = reverse("recruitment:candidate-stage", args=[candidate.pk, stage])
        page = client.get(candidate.get_absolute_url())
        assert url in page.content.decode()
        form = client.get(url).context["form"]
        own_fields = set(spec.fields(form)) if spec.fields else set()
        assert own_fields <= set(form.fields), stage
        response = client.post(url, {"version": candidate.version, **data[stage]})
        assert response.status_code == 302, (stage, response.context["form"].errors)
        candidate.refresh_from_db()
        assert candidate.stage == stage
        assert pending(candidate) == DEADLINES_AFTER[stage], stage
        recorded.append(stage.value)
    return recorded


def test_every_stage_is_recorded_through_its_form_in_a_committee_cell(
    client, make_user, cell_members
):
    cell, members = cell_members()
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=cell.organisation)
    candidate = new_candidate(cell, members[0], clerk)
    client.force_login(clerk)
    assert walk(client, candidate, members) == [
        "trained",
        "applied",
        "verified",
        "introduced",
        "commented",
        "cell_resolution",
        "grassroots_resolution",
        "decision",
        "ceremony",
    ]
    records = {record.stage: record for record in candidate.stage_records.all()}
    assert records[Stage.APPLIED].personal_history_date == date(2023, 6, 5)
    assert records[Stage.VERIFIED].verification_passed is True
    assert records[Stage.INTRODUCED].introduction_kind == "two_members"
    assert sorted(m.full_name for m in records[Stage.INTRODUCED].introducers.all()) == [
        "Đảng viên 0",
        "Đảng viên 1",
    ]
    cell_vote = records[Stage.CELL_RESOLUTION]
    assert (cell_vote.votes_for, cell_vote.votes_against, cell_vote.eligible_voters) == (6, 3, 9)
    committee_vote = records[Stage.GRASSROOTS_RESOLUTION]
    assert (committee_vote.votes_for, committee_vote.eligible_voters) == (7, 9)
    member = Member.objects.get(citizen_id=candidate.citizen_id)
    assert (member.decision_date, member.ceremony_date) == (date(2024, 3, 15), date(2024, 3, 26))
    assert member.status == "probationary"
    with translation.override("en"):
        assert record_details(cell_vote) == [
            "Document 07-NQ/CB",
            "6 votes for, 3 against, of 9 entitled",
        ]
        assert record_details(records[Stage.DECISION]) == [
            "Document 245-QĐ/TU",
            "signed by Trần Văn Hùng",
        ]
    # The page ends with no next step and no way to close the candidacy.
    page = client.get(candidate.get_absolute_url())
    assert page.context["next_stage"] is None and page.context["can_reject"] is False


def test_a_grassroots_cell_skips_the_committee_resolution(
    client, make_organisation, make_user, cell_members
):
    organisation = make_organisation(kind="grassroots_cell", name="Chi bộ Trường Mầm non A")
    cell, members = cell_members(organisation=organisation, is_organisation_itself=True)
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=organisation)
    candidate = new_candidate(cell, members[0], clerk)
    client.force_login(clerk)
    recorded = walk(client, candidate, members)
    assert "grassroots_resolution" not in recorded
    assert recorded[-3:] == ["cell_resolution", "decision", "ceremony"]


def test_the_board_has_a_column_per_stage_of_the_registry(client, committee_staff):
    client.force_login(committee_staff)
    response = client.get(reverse("recruitment:candidate-board"))
    assert [column["stage"] for column in response.context["columns"]] == [
        spec.stage for spec in STAGES
    ]
