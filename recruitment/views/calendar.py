"""The working-day calendar of a year: weekends, public holidays and the staff's changes."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import calendar
from ..forms import CapitalisedLabels
from ..models import WorkdayOverride


class YearForm(CapitalisedLabels, forms.Form):
    year = forms.IntegerField(label=_("year"), required=False, min_value=1990, max_value=2100)


def workday_calendar(request):
    """A year's months, each day marked working or off and why: one query for the year's
    changes (and, once in a while, one for the overrides every deadline reads)."""
    form = YearForm(request.GET or None)
    year = timezone.localdate().year
    if form.is_bound and form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    changes = list(WorkdayOverride.objects.filter(date__year=year))
    return render(
        request,
        "recruitment/calendar.html",
        {
            "form": form,
            "year": year,
            "months": calendar.year_months(year, changes),
            "changes": changes,
        },
    )
