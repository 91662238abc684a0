"""A stale file (Hướng dẫn 01-HD/TW): when the cell has not voted within 12 months (a rule
set parameter) of the file being completed (the comments), the introductions and comments
must be redone; the vote is refused until they are."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruitment import rules
from recruitment.models import RuleSet
from recruitment.stages import IntroducerInput
from recruitment.states import Stage
from tests.pipeline import advance_to, new_candidate, record

pytestmark = pytest.mark.usefixtures("vietnamese")

PARAMS = RuleSet(effective_from=date(2021, 7, 30), reference="Quy định 24-QĐ/TW")
COMPLETED = date(2023, 9, 15)  # the comments in tests.pipeline


def test_file_valid_through_the_same_day_twelve_months_on():
    assert rules.file_valid_until(COMPLETED, PARAMS) == date(2024, 9, 15)
    for day in (date(2024, 9, 14), date(2024, 9, 15)):
        assert rules.check_file_fresh(prepared=COMPLETED, on=day, params=PARAMS) == []
    problems = rules.check_file_fresh(prepared=COMPLETED, on=date(2024, 9, 16), params=PARAMS)
    assert len(problems) == 1 and "15/09/2024" in problems[0] and "15/09/2023" in problems[0]


@pytest.fixture
def complete_file(make_cell, make_member, committee_staff):
    cell = make_cell()
    members = [make_member(cell=cell, full_name=f"Đảng viên {n}") for n in range(9)]
    candidate = new_candidate(cell, members[0], committee_staff)
    advance_to(candidate, Stage.COMMENTED, committee_staff, members)
    return candidate, members


def vote(candidate, user, day):
    return record(
        candidate,
        Stage.CELL_RESOLUTION,
        user,
        date=day,
        document_number="07-NQ/CB",
        votes_for=6,
        votes_against=3,
    )


def test_vote_on_the_last_day_of_the_file_passes(complete_file, committee_staff):
    candidate, _ = complete_file
    vote(candidate, committee_staff, date(2024, 9, 15))


def test_vote_the_day_after_is_refused_until_the_file_is_redone(complete_file, committee_staff):
    candidate, members = complete_file
    with pytest.raises(ValidationError) as error:
        vote(candidate, committee_staff, date(2024, 9, 16))
    assert "làm lại" in " ".join(error.value.messages)
    # Redo the introductions and the comments, then vote.
    record(
        candidate,
        Stage.INTRODUCED,
        committee_staff,
        date=date(2024, 9, 20),
        introduction_kind="two_members",
        introducers=[
            IntroducerInput(member=members[2], known_since=date(2020, 1, 1)),
            IntroducerInput(member=members[3], known_since=date(2020, 1, 1)),
        ],
    )
    record(candidate, Stage.COMMENTED, committee_staff, date=date(2024, 9, 25))
    vote(candidate, committee_staff, date(2024, 10, 1))
    introduced = candidate.stage_records.get(stage=Stage.INTRODUCED)
    assert introduced.date == date(2024, 9, 20)
    assert {link.member for link in introduced.introducer_set.all()} == {members[2], members[3]}
    assert candidate.stage_records.get(stage=Stage.COMMENTED).date == date(2024, 9, 25)


def test_introductions_cannot_be_redone_while_the_file_is_valid(complete_file, committee_staff):
    candidate, members = complete_file
    with pytest.raises(ValidationError):
        record(
            candidate,
            Stage.INTRODUCED,
            committee_staff,
            date=date(2024, 9, 15),
            introduction_kind="two_members",
            introducers=[
                IntroducerInput(member=members[2], known_since=date(2020, 1, 1)),
                IntroducerInput(member=members[3], known_since=date(2020, 1, 1)),
            ],
        )
    assert candidate.stage_records.get(stage=Stage.INTRODUCED).date == date(2023, 9, 1)


def test_candidate_page_says_the_file_must_be_redone(client, complete_file, committee_staff):
    candidate, _ = complete_file
    client.force_login(committee_staff)
    content = client.get(reverse("recruitment:candidate-detail", args=[candidate.pk])).content
    content = content.decode()
    assert 'id="stale-file"' in content and "15/09/2024" in content
    assert reverse("recruitment:candidate-stage", args=[candidate.pk, Stage.INTRODUCED]) in content
