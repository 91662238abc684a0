"""The processing log (who viewed, exported, imported or changed which personal records) and
the export of everything held about one person (data-subject access)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.signals import post_create_historical_record

from .models import Candidate, Member, MemberEvent, ProcessingRecord, StageRecord
from .states import ProcessingAction as Action
from .text import mask_citizen_id

#: Changes to these are changes to personal records (their history rows say who made them).
PERSONAL = (Member, Candidate, StageRecord, MemberEvent)


#: Who acts when no user is signed in: a management command's ``--user`` or the operating
#: system's user ("os:name"), set by ``acting_as``.
_actor: ContextVar[str] = ContextVar("processing_actor", default="")

#: Runs of five or more digits in a search text: part of a citizen ID, masked in the log.
_DIGITS = re.compile(r"\d{5,}")


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    """Records made inside carry ``name`` as who acted (command-line imports)."""
    token = _actor.set(name[:160])
    try:
        yield
    finally:
        _actor.reset(token)


def record(user, action: str, subject=None, description: str = "", *, count: int = 1) -> None:
    """Append one processing record (at the end of the hash chain)."""
    signed_in = getattr(user, "is_authenticated", False)
    ProcessingRecord.objects.create(
        user=user if signed_in else None,
        actor=user.get_username() if signed_in else _actor.get(),
        action=action,
        subject_type=subject._meta.model_name if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        description=description[:300],
        count=count,
    )


def masked_search(text: str) -> str:
    """A search text as the log keeps it: names as typed, any five or more digits (part of
    a citizen ID) masked as the lists mask citizen IDs."""
    return _DIGITS.sub(lambda match: mask_citizen_id(match.group(0)), text.strip())[:120]


def record_list(user, what: str, *, search: str = "", count: int) -> None:
    """A list of personal records shown: what list, the search (masked) and how many rows."""
    description = str(what)
    if search.strip():
        description += " – " + _("search: %(text)s") % {"text": masked_search(search)}
    record(user, Action.VIEW, None, description, count=count)


@receiver(post_create_historical_record)
def log_change(sender, instance, history_instance, history_user=None, **kwargs) -> None:
    """Every change a person makes to a personal record, through the pages or the admin,
    is logged with its history row. (Imports log one record for the whole file.)"""
    if isinstance(instance, PERSONAL) and history_user is not None:
        kind = {"+": "created", "~": "changed", "-": "deleted"}.get(
            history_instance.history_type, "changed"
        )
        record(history_user, Action.CHANGE, instance, f"{instance._meta.verbose_name}: {kind}")


# --- data-subject access --------------------------------------------------------------------


def _value(value: object) -> object:
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def _fields(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict[str, object]:
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        if field.is_relation:
            related = getattr(obj, field.name)
            data[field.name] = str(related) if related is not None else None
        else:
            data[field.name] = _value(getattr(obj, field.attname))
    return data


def _history(obj: models.Model) -> list[dict[str, object]]:
    rows = []
    for entry in obj.history.select_related("history_user").order_by("history_date", "history_id"):
        rows.append(
            {
                "date": _value(entry.history_date),
                "type": {"+": "created", "~": "changed", "-": "deleted"}[entry.history_type],
                "by": entry.history_user.get_username() if entry.history_user else None,
                "reason": entry.history_change_reason,
                "record": _fields(entry.instance),
            }
        )
    return rows


def person_data(person: Member | Candidate) -> dict[str, object]:
    """Everything the software holds about one person: the member and candidate records,
    the stages with their documents and introducers, the events, the full change history
    and the processing log about them."""
    member = person if isinstance(person, Member) else person.member
    candidate = person if isinstance(person, Candidate) else getattr(person, "candidate", None)
    if candidate is None and member is not None:
        candidate = Candidate.objects.filter(member=member).first()
    data: dict[str, object] = {"exported_at": _value(timezone.now())}
    subjects = []
    if member is not None:
        subjects.append(member)
        data["member"] = {
            **_fields(member, exclude=("name_key",)),
            "organisation": str(member.cell.organisation),
            "events": [_fields(event, exclude=("member",)) for event in member.events.all()],
            "history": _history(member),
        }
    if candidate is not None:
        subjects.append(candidate)
        data["candidate"] = {
            **_fields(candidate, exclude=("name_key",)),
            "organisation": str(candidate.cell.organisation),
            "stages": [
                {
                    **_fields(stage, exclude=("candidate",)),
                    "introducers": [
                        {"member": str(link.member), "known_since": _value(link.known_since)}
                        for link in stage.introducer_set.select_related("member")
                    ],
                }
                for stage in candidate.stage_records.order_by("date", "id")
            ],
            "history": _history(candidate),
        }
    data["processing_log"] = [
        {
            "at": _value(entry.at),
            "by": entry.user.get_username() if entry.user else None,
            "action": entry.action,
            "description": entry.description,
        }
        for subject in subjects
        for entry in ProcessingRecord.objects.filter(
            subject_type=subject._meta.model_name, subject_id=subject.pk
        ).select_related("user")
    ]
    return data
