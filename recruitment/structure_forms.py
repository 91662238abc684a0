"""The forms of the organisation events: one per kind, each collecting the event's own fields
and the document, and calling its service in ``reorganisation``."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import reorganisation
from .asof import active_on_filter
from .forms import CapitalisedLabels
from .models import Cell, Organisation, OrganisationEvent
from .stages.fields import DateInput
from .states import GRASSROOTS_KINDS

Kind = OrganisationEvent.Kind


def active_organisations(**filters):
    today = timezone.localdate()
    return Organisation.objects.filter(active_on_filter(today), **filters).order_by("sort_key")


def grassroots():
    return active_organisations(kind__in=GRASSROOTS_KINDS)


def committees():
    return active_organisations(kind=Organisation.Kind.COMMITTEE)


class AsOfForm(CapitalisedLabels, forms.Form):
    as_of = forms.DateField(label=_("as of"), required=False, widget=DateInput())


class SplitChoiceForm(CapitalisedLabels, forms.Form):
    organisation = forms.ModelChoiceField(label=_("organisation to split"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = grassroots()


class EventForm(CapitalisedLabels, forms.Form):
    """The fields every event has: when it takes effect and the document that decided it."""

    effective_date = forms.DateField(label=_("effective date"), widget=DateInput())
    document_number = forms.CharField(label=_("document number"), max_length=50)
    document_date = forms.DateField(label=_("document date"), required=False, widget=DateInput())
    signed_by = forms.CharField(label=_("signed by"), max_length=100, required=False)

    field_order = ["effective_date", "document_number", "document_date", "signed_by"]

    def document(self) -> reorganisation.Document:
        data = self.cleaned_data
        return reorganisation.Document(
            number=data["document_number"],
            date=data.get("document_date"),
            signed_by=data.get("signed_by") or "",
        )

    def event_fields(self) -> dict:
        return {"effective_date": self.cleaned_data["effective_date"], "document": self.document()}


class RenameForm(EventForm):
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=None)
    name = forms.CharField(label=_("new name"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()

    def save(self, user):
        data = self.cleaned_data
        return reorganisation.organisation_rename(
            organisation=data["organisation"], name=data["name"], user=user, **self.event_fields()
        )


class MoveForm(EventForm):
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=None)
    parent = forms.ModelChoiceField(label=_("new parent committee"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()
        self.fields["parent"].queryset = committees()

    def save(self, user):
        data = self.cleaned_data
        return reorganisation.organisation_move(
            organisation=data["organisation"],
            parent=data["parent"],
            user=user,
            **self.event_fields(),
        )


class MergeForm(EventForm):
    predecessors = forms.ModelMultipleChoiceField(
        label=_("organisations that merge"),
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    successor = forms.ModelChoiceField(
        label=_("into an existing organisation"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to make a new organisation of the name and code below."),
    )
    name = forms.CharField(label=_("new organisation's name"), max_length=200, required=False)
    code = forms.CharField(label=_("new organisation's code"), max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessors"].queryset = grassroots()
        self.fields["successor"].queryset = grassroots()

    def save(self, user):
        data = self.cleaned_data
        return reorganisation.organisations_merge(
            predecessors=list(data["predecessors"]),
            successor=data.get("successor"),
            name=data.get("name") or "",
            code=data.get("code") or "",
            user=user,
            **self.event_fields(),
        )


class SplitForm(EventForm):
    """A into two new organisations: their names and codes, and which takes each cell."""

    first_name = forms.CharField(label=_("first new organisation's name"), max_length=200)
    first_code = forms.CharField(label=_("first new organisation's code"), max_length=20)
    second_name = forms.CharField(label=_("second new organisation's name"), max_length=200)
    second_code = forms.CharField(label=_("second new organisation's code"), max_length=20)
    staff_to = forms.ChoiceField(
        label=_("its grassroots staff go to"),
        choices=[
            ("", _("the part that takes its first cell")),
            ("1", _("first")),
            ("2", _("second")),
        ],
        required=False,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.cells = list(
            organisation.cells.filter(active_on_filter(timezone.localdate())).order_by(
                "sort_key", "pk"
            )
        )
        choices = [("1", _("first")), ("2", _("second"))]
        for cell in self.cells:
            self.fields[f"cell_{cell.pk}"] = forms.ChoiceField(
                label=cell.name, choices=choices, widget=forms.RadioSelect
            )

    def save(self, user):
        data = self.cleaned_data
        parts = [
            reorganisation.SplitPart(data["first_name"], data["first_code"]),
            reorganisation.SplitPart(data["second_name"], data["second_code"]),
        ]
        for cell in self.cells:
            parts[int(data[f"cell_{cell.pk}"]) - 1].cells.append(cell)
        if data.get("staff_to"):
            parts[int(data["staff_to"]) - 1].staff = True
        return reorganisation.organisation_split(
            organisation=self.organisation, parts=parts, user=user, **self.event_fields()
        )


class DissolveForm(EventForm):
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = grassroots()

    def save(self, user):
        return reorganisation.organisation_dissolve(
            organisation=self.cleaned_data["organisation"], user=user, **self.event_fields()
        )


class CellMoveForm(EventForm):
    cell = forms.ModelChoiceField(label=_("cell"), queryset=None)
    organisation = forms.ModelChoiceField(label=_("to the organisation"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = (
            Cell.objects.filter(
                active_on_filter(timezone.localdate()), is_organisation_itself=False
            )
            .select_related("organisation")
            .order_by("organisation__sort_key", "sort_key")
        )
        self.fields["cell"].label_from_instance = lambda cell: f"{cell.organisation} – {cell}"
        self.fields["organisation"].queryset = grassroots()

    def save(self, user):
        data = self.cleaned_data
        return reorganisation.cell_move(
            cell=data["cell"], organisation=data["organisation"], user=user, **self.event_fields()
        )


#: The form of each kind of event.
EVENT_FORMS = {
    Kind.RENAME: RenameForm,
    Kind.MOVE: MoveForm,
    Kind.MERGE: MergeForm,
    Kind.SPLIT: SplitForm,
    Kind.DISSOLVE: DissolveForm,
    Kind.CELL_MOVED: CellMoveForm,
}
