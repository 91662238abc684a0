"""The form renderer: Django's, but a select list is written out in Python.

A filter form offers every organisation and cell the user may see (hundreds of options on a
committee's pages, thousands in a province); Django renders each option through a template
include, which made most of a list page's processing time. ``select.html`` with the standard
option template is produced here instead, character for character what Django's templates
give (``tests/test_renderers.py`` compares the two); any other widget, or a select whose
options use another template, goes to the templates as before.
"""

from __future__ import annotations

import html

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _escape(value: object) -> str:
    """``conditional_escape``, the same text; a plain string (an organisation's or a cell's
    name, hundreds a page) escaped straight away, as Django's ``escape`` does it."""
    return html.escape(value) if type(value) is str else conditional_escape(value)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {_escape(name)}" + ("" if value is True else f'="{_escape(str(value))}"')
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget: dict) -> str:
    """``select.html`` and ``select_option.html`` for the widget's context."""
    parts = [f'<select name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if widget is not None and all(
            option["template_name"] == OPTION
            for _group, options, _index in widget["optgroups"]
            for option in options
        ):
            return render_select(widget)
        return super().render(template_name, context, request=request)
