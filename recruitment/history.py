"""The who/when/before/after trail of a record, from django-simple-history."""

from __future__ import annotations

from django.utils.translation import gettext as _


def _display(record, field) -> str:
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def history_rows(obj) -> list[dict]:
    """Newest first: who, when, what kind of change and each field's old and new value.

    One query (the history rows with their users); the differences are computed in memory.
    """
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")
    )
    model_fields = [
        field
        for field in obj._meta.concrete_fields
        if field.name not in {"id", "version", "name_key"}
    ]
    rows = []
    previous = None
    for record in records:
        changes = []
        for field in model_fields:
            new = _display(record, field)
            old = _display(previous, field) if previous is not None else None
            if previous is None or old != new:
                if previous is None and new == "—":
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
