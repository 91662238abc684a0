"""The form fields of each stage beyond the common ones (date, document, signer, notes), how
the stage's form checks them together, and how they become the service's arguments."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import Member, StageRecord
from ..states import IntroductionKind
from .checks import IntroducerInput

INTRODUCERS = (1, 2)


class DateInput(forms.DateInput):
    """A dd/mm/yyyy text box (the browser's own date picker would send yyyy-mm-dd)."""

    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}, **kwargs)


def date_field(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def member_label(member) -> str:
    """How a member picker names a member: name, cell and year of birth, so that two
    members of the same name can be told apart."""
    return f"{member.full_name} – {member.cell.name} – {member.date_of_birth.year}"


def member_picker(field: forms.ModelChoiceField, *, organisation_id: int) -> None:
    """A member choice that the page's script lets the clerk search, on the server, among
    the organisation's official members (``recruitment:member-choices``)."""
    field.label_from_instance = member_label
    field.widget.attrs.update(
        {
            "data-picker-url": reverse("recruitment:member-choices"),
            "data-organisation": organisation_id,
            "data-search-label": _("Search by name or citizen ID"),
            "data-none-label": _("No official member matches"),
            "class": "member-picker",
        }
    )


def flag(name: str) -> forms.BooleanField:
    """A tick box labelled with the stage record field's own name."""
    return forms.BooleanField(label=StageRecord._meta.get_field(name).verbose_name, required=False)


def votes() -> dict[str, forms.Field]:
    return {
        "votes_for": forms.IntegerField(label=_("votes for"), min_value=0),
        "votes_against": forms.IntegerField(label=_("votes against"), min_value=0, required=False),
    }


def application_fields(context) -> dict[str, forms.Field]:
    return {"personal_history_date": date_field(_("date of the personal history"))}


def verification_fields(context) -> dict[str, forms.Field]:
    return {
        "verification_passed": forms.BooleanField(
            label=_("the background check found the candidate and family suitable"),
            required=False,
        )
    }


def introduction_fields(context) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {
        "introduction_kind": forms.ChoiceField(
            label=_("kind of introduction"), choices=IntroductionKind.choices
        )
    }
    for n in INTRODUCERS:
        fields[f"introducer_{n}"] = forms.ModelChoiceField(
            label=_("introducing member %(n)s") % {"n": n},
            queryset=context.introducer_choices,
            required=n == 1,
        )
        member_picker(fields[f"introducer_{n}"], organisation_id=context.organisation_id)
        fields[f"known_since_{n}"] = date_field(
            _("has known the candidate since (member %(n)s)") % {"n": n}, required=n == 1
        )
    return fields


def cell_resolution_fields(context) -> dict[str, forms.Field]:
    return {
        **votes(),
        "voters_excluded": forms.IntegerField(
            label=_("official members away on temporary transfer or suspended"),
            min_value=0,
            initial=0,
            help_text=_(
                "The cell has %(eligible)s official members not exempt from activity; "
                "the 2/3 rule counts them less the number entered here."
            )
            % {"eligible": context.eligible},
        ),
        "exempt_attending": exempt_attending_field(context.exempt_choices),
        "approval_number": forms.CharField(
            label=_("over 60: number of the province-level committee's decision"),
            max_length=50,
            required=False,
        ),
        "approval_date": date_field(
            _("over 60: date of the province-level committee's decision"), required=False
        ),
        "education_exception": flag("education_exception"),
    }


def ceremony_fields(context) -> dict[str, forms.Field]:
    return {
        "approval_number": forms.CharField(
            label=_("late ceremony: number of the committee above's approval"),
            max_length=50,
            required=False,
        ),
        "approval_date": date_field(
            _("late ceremony: date of the committee above's approval"), required=False
        ),
    }


def exempt_attending_field(queryset) -> forms.ModelMultipleChoiceField:
    """The cell's members exempt from activity who attended and voted: each counts."""
    return forms.ModelMultipleChoiceField(
        label=_("members exempt from activity who attended and voted"),
        queryset=queryset if queryset is not None else Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("An exempt member who attends the meeting and votes counts as entitled."),
    )


def grassroots_resolution_fields(context) -> dict[str, forms.Field]:
    return {
        **votes(),
        "eligible_voters": forms.IntegerField(
            label=_("members of the grassroots committee"), min_value=1
        ),
    }


def decision_fields(context) -> dict[str, forms.Field]:
    return {"deadline_extended": flag("deadline_extended")}


def clean_introducers(form, data: dict) -> None:
    """Each introducing member comes with the date they have known the candidate since."""
    for n in INTRODUCERS:
        member, since = data.get(f"introducer_{n}"), data.get(f"known_since_{n}")
        if member and not since:
            form.add_error(f"known_since_{n}", _("Give the date for this member."))
        if since and not member:
            form.add_error(f"introducer_{n}", _("Choose the member."))


def introducer_arguments(data: dict) -> dict:
    introducers = []
    for n in INTRODUCERS:
        member = data.pop(f"introducer_{n}", None)
        since = data.pop(f"known_since_{n}", None)
        if member and since:
            introducers.append(IntroducerInput(member=member, known_since=since))
    data["introducers"] = introducers
    return data


def excluded_voters_arguments(data: dict) -> dict:
    if data.get("voters_excluded") is None:
        data["voters_excluded"] = 0
    data["exempt_attending"] = list(data.get("exempt_attending") or [])
    return data
