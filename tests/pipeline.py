"""Taking test candidates through the pipeline with valid data, via the services."""

from datetime import date

import pytest
from django.db import connection

from recruitment import services
from recruitment.stages import IntroducerInput
from recruitment.states import Stage

#: A processing record costs two queries (the last record's hash, the insert) and, on
#: PostgreSQL, one more: the advisory lock that keeps appends to the hash chain in order.
LOGGED = 1 if connection.vendor == "postgresql" else 0


def record(candidate, stage, user, **kw):
    candidate.refresh_from_db()
    return services.candidate_record_stage(
        user=user, candidate=candidate, stage=stage, expected_version=candidate.version, **kw
    )


def new_candidate(cell, helper, user, **person):
    person.setdefault("full_name", "Nguyễn Thị Huế")
    person.setdefault("gender", "female")
    person.setdefault("date_of_birth", date(2000, 5, 17))
    person.setdefault("citizen_id", "035300123456")
    person.setdefault("occupation", "teacher")
    person.setdefault("youth_union_member", True)
    return services.candidate_create(
        user=user, cell=cell, source_date=date(2023, 1, 9), helper=helper, **person
    )


def valid_steps(members) -> dict:
    """Valid data for every stage after the source (dates in 2023-2024): one entry per stage
    of the registry (a test checks there is one for each)."""
    return {
        Stage.TRAINED: {"date": date(2023, 3, 10), "document_number": "CC-15"},
        Stage.APPLIED: {"date": date(2023, 6, 1), "personal_history_date": date(2023, 6, 5)},
        Stage.VERIFIED: {"date": date(2023, 8, 1), "verification_passed": True},
        Stage.INTRODUCED: {
            "date": date(2023, 9, 1),
            "introduction_kind": "two_members",
            "introducers": [
                IntroducerInput(member=members[0], known_since=date(2020, 1, 1)),
                IntroducerInput(member=members[1], known_since=date(2021, 1, 1)),
            ],
        },
        Stage.COMMENTED: {"date": date(2023, 9, 15)},
        Stage.CELL_RESOLUTION: {
            "date": date(2024, 1, 31),
            "document_number": "07-NQ/CB",
            "votes_for": 6,
            "votes_against": 3,
        },
        Stage.GRASSROOTS_RESOLUTION: {
            "date": date(2024, 2, 20),
            "votes_for": 7,
            "votes_against": 0,
            "eligible_voters": 9,
        },
        Stage.DECISION: {
            "date": date(2024, 3, 15),
            "document_number": "245-QĐ/TU",
            "signed_by": "Trần Văn Hùng",
        },
        Stage.CEREMONY: {"date": date(2024, 3, 26)},
    }


def advance_to(candidate, stage, user, members, **overrides):
    """Record every stage up to ``stage`` with valid data, in the registry's order, skipping
    what the candidate's cell skips."""
    steps = valid_steps(members)
    candidate.refresh_from_db()
    while (step := services.next_stage(candidate)) is not None:
        data = dict(steps[step])
        if step == stage:
            data.update(overrides)
            return record(candidate, step, user, **data)
        record(candidate, step, user, **data)
        candidate.refresh_from_db()
    raise AssertionError(stage)


def messages_of(error: pytest.ExceptionInfo) -> str:
    return " | ".join(error.value.messages)
