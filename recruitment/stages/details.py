"""A stage record's particulars as short phrases, for the candidate's timeline: its document
and signer, then each field its stage records (``StageSpec.records``)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from .registry import spec_of


def _day(value) -> str:
    return f"{value:%d/%m/%Y}"


def _votes(record) -> str:
    return _("%(for)s votes for, %(against)s against, of %(eligible)s entitled") % {
        "for": record.votes_for,
        "against": record.votes_against or 0,
        "eligible": record.eligible_voters,
    }


def _introduction(record) -> str:
    names = ", ".join(
        _("%(name)s (since %(day)s)")
        % {"name": link.member.full_name, "day": _day(link.known_since)}
        for link in record.introducer_set.all()
    )
    return f"{record.get_introduction_kind_display()}: {names}"


#: The phrase of each recorded field, shown when the field holds a value. The other fields
#: of a vote are part of the phrase of ``votes_for``.
PHRASES: dict[str, Callable | None] = {
    "personal_history_date": lambda record: (
        _("personal history of %(day)s") % {"day": _day(record.personal_history_date)}
    ),
    "verification_passed": None,
    "introduction_kind": _introduction,
    "votes_for": _votes,
    "votes_against": None,
    "eligible_voters": None,
    "over_age_consent": lambda record: _("with written consent over the age limit"),
    "approval_number": lambda record: (
        _("approved by %(number)s of %(day)s")
        % {
            "number": record.approval_number,
            "day": _day(record.approval_date) if record.approval_date else "?",
        }
    ),
    "education_exception": lambda record: _("education exception"),
    "deadline_extended": lambda record: _("deadline extended"),
}


def _present(value) -> bool:
    return value is not None and value not in ("", False)


def record_details(record) -> list[str]:
    """Reads ``record.introducer_set.all()`` for an introduction (prefetch it with the
    member)."""
    parts = []
    if record.document_number:
        document = _("Document %(number)s") % {"number": record.document_number}
        if record.document_date:
            document += f" ({_day(record.document_date)})"
        parts.append(document)
    if record.signed_by:
        parts.append(_("signed by %(name)s") % {"name": record.signed_by})
    for name in spec_of(record.stage).records:
        phrase = PHRASES[name]
        if phrase is not None and _present(getattr(record, name)):
            parts.append(phrase(record))
    return [str(part) for part in parts]
