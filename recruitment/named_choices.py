"""Organisations and cells offered by name in select lists: read as (id, name) rows in one
plain query and written straight out, for the filter lists that offer a committee's hundreds
of organisations and cells on every list page."""

from __future__ import annotations

from django import forms

from .renderers import render_select


class NamedSelect(forms.Select):
    """A select list of plain (value, label) choices, written out straight from them: the
    same HTML as ``forms.Select`` (``tests/test_renderers.py``) without Django's dictionary
    per option, for the filter lists of hundreds of organisations and cells."""

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        options = []
        selected_one = False
        for option_value, label in self.choices:
            selected = not selected_one and str(option_value) in values
            selected_one = selected_one or selected
            options.append(
                {
                    "value": option_value,
                    "label": label,
                    "attrs": {"selected": True} if selected else {},
                }
            )
        return render_select(
            {
                "name": name,
                "attrs": self.build_attrs(self.attrs, attrs),
                "optgroups": [(None, options, 0)],
            }
        )


class NamedChoiceIterator(forms.models.ModelChoiceIterator):
    """A filter's options as (id, name) pairs read in one plain query: no model instance per
    option, and no server-side cursor (which PostgreSQL must keep past the transaction) for a
    list a committee's pages offer hundreds of times a minute."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.select_related(None).values_list("pk", "name")


class NamedChoiceField(forms.ModelChoiceField):
    """An organisation or a cell, offered by its name."""

    iterator = NamedChoiceIterator
    widget = NamedSelect


class CellUnderOrganisationIterator(NamedChoiceIterator):
    """A cell offered as "organisation – cell", read as plain rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.select_related(None).values_list("pk", "organisation__name", "name")
        for pk, organisation, cell in rows:
            yield (pk, f"{organisation} – {cell}")
