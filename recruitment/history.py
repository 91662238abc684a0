"""The who/when/before/after trail of a record, from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Shown:
    """A value as the history shows it: its text and, for a record with a page, the link."""

    text: str
    url: str = ""

    def __str__(self) -> str:
        return self.text


NONE = Shown("—")


def _related_names(records, fields) -> dict[tuple[type, object], Shown]:
    """The names (and pages) of the records the foreign keys point to: one query per
    related model, whatever the number of history rows."""
    wanted: dict[type, set] = {}
    for field in fields:
        if field.is_relation:
            ids = {getattr(record, field.attname) for record in records} - {None}
            wanted.setdefault(field.related_model, set()).update(ids)
    shown = {}
    for model, ids in wanted.items():
        if not ids:
            continue
        for obj in model._default_manager.filter(pk__in=ids):
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
            shown[(model, obj.pk)] = Shown(str(obj), url)
    return shown


def _display(record, field, related) -> Shown:
    value = getattr(record, field.attname)
    if value is None or value == "":
        return NONE
    if field.is_relation:
        # A record deleted since keeps its number.
        return related.get((field.related_model, value), Shown(f"#{value}"))
    if field.choices:
        return Shown(str(dict(field.flatchoices).get(value, value)))
    if hasattr(value, "strftime"):
        return Shown(value.strftime("%d/%m/%Y"))
    if isinstance(value, bool):
        return Shown(_("yes") if value else _("no"))
    return Shown(str(value))


def history_rows(obj) -> list[dict]:
    """Newest first: who, when, what kind of change and each field's old and new value.

    One query for the history rows with their users, one per model a foreign key points to
    (their names); the differences are computed in memory.
    """
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")
    )
    model_fields = [
        field
        for field in obj._meta.concrete_fields
        if field.name not in {"id", "version", "name_key"}
    ]
    related = _related_names(records, model_fields)
    rows = []
    previous = None
    for record in records:
        changes = []
        for field in model_fields:
            new = _display(record, field, related)
            old = _display(previous, field, related) if previous is not None else None
            if previous is None or old != new:
                if previous is None and new == NONE:
                    continue
                changes.append({"field": field.verbose_name, "old": old, "new": new})
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "kind": {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[
                    record.history_type
                ],
                "changes": changes,
            }
        )
        previous = record
    rows.reverse()
    return rows
