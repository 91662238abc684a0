"""Forms of the staff screens. They collect input; the rules live in ``services``."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import stages, targets
from .models import PERSON_FIELDS, Candidate, Member, MemberEvent, Organisation
from .named_choices import CellUnderOrganisationIterator, NamedChoiceField
from .roster.service import importable_organisations
from .stages.fields import DateInput, date_field, exempt_attending_field, member_picker
from .states import LeavingReason, Stage
from .text import FORMULA_STARTS, clean_text


class CapitalisedLabels:
    """Labels start with a capital, as the model forms' do (verbose names are lower case)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.capitalise_labels()

    def capitalise_labels(self) -> None:
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class CleanText:
    """Every text field through the same hygiene as an imported roster's values
    (``text.clean_text``): control characters, invisible formatting characters and floods
    of combining marks refused; names and places that a spreadsheet would run as a formula
    refused."""

    FORMULA_FIELDS = frozenset({"full_name", "hometown", "residence", "signed_by"})

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            field = self.fields.get(name)
            if not isinstance(value, str) or not isinstance(field, forms.CharField):
                continue
            text, problem, removed = clean_text(
                value, multiline=isinstance(field.widget, forms.Textarea)
            )
            if removed:
                problem = gettext("contains invisible formatting characters: retype the value")
            elif not problem and name in self.FORMULA_FIELDS and text.startswith(FORMULA_STARTS):
                problem = gettext(
                    "begins with %(char)r, which a spreadsheet would run as a formula"
                ) % {"char": text[0]}
            if problem:
                self.add_error(name, problem)
            else:
                cleaned[name] = text
        return cleaned


class VersionedForm(CleanText, CapitalisedLabels, forms.Form):
    """Carries the version of the record as it was when the page was opened."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class CandidateFilterForm(CapitalisedLabels, forms.Form):
    q = forms.CharField(label=_("Name or citizen ID"), required=False)
    organisation = NamedChoiceField(label=_("organisation"), queryset=None, required=False)
    cell = NamedChoiceField(label=_("cell"), queryset=None, required=False)
    stage = forms.ChoiceField(label=_("stage"), required=False)
    year = forms.IntegerField(label=_("year"), required=False, min_value=1930, max_value=2100)

    def __init__(self, *args, organisations, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["cell"].queryset = cells
        self.fields["stage"].choices = [("", _("All stages")), *Stage.choices]


class MemberFilterForm(CapitalisedLabels, forms.Form):
    q = forms.CharField(label=_("Name or citizen ID"), required=False)
    organisation = NamedChoiceField(label=_("organisation"), queryset=None, required=False)
    cell = NamedChoiceField(label=_("cell"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("status"), required=False)
    year = forms.IntegerField(
        label=_("year of admission"), required=False, min_value=1930, max_value=2100
    )

    def __init__(self, *args, organisations, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["cell"].queryset = cells
        self.fields["status"].choices = [("", _("All statuses")), *Member.Status.choices]


class AsOfForm(CapitalisedLabels, forms.Form):
    as_of = forms.DateField(label=_("as of"), required=False, widget=DateInput())


class DashboardForm(CapitalisedLabels, forms.Form):
    year = forms.IntegerField(label=_("year"), required=False, min_value=1930, max_value=2100)
    as_of = forms.DateField(label=_("as of"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        year, as_of = data.get("year"), data.get("as_of")
        if year and as_of and as_of.year < year:
            self.add_error(
                "as_of",
                _("The date %(day)s is before the year %(year)s began.")
                % {"day": as_of.strftime("%d/%m/%Y"), "year": year},
            )
        return data


class MemberBookForm(CapitalisedLabels, forms.Form):
    """Whose member list book to print: an organisation, or one of its cells."""

    organisation = NamedChoiceField(label=_("organisation"), queryset=None, required=False)
    cell = NamedChoiceField(label=_("cell"), queryset=None, required=False)

    def __init__(self, *args, organisations, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["cell"].queryset = cells

    def scope(self):
        """The cell chosen, else the organisation (None before a choice)."""
        return self.cleaned_data.get("cell") or self.cleaned_data.get("organisation")

    def member_filter(self) -> dict:
        if self.cleaned_data.get("cell"):
            return {"cell": self.cleaned_data["cell"]}
        return {"cell__organisation": self.cleaned_data["organisation"]}


class StatisticsForm(CapitalisedLabels, forms.Form):
    """The period and the organisation (with its sub-committees) of the statistics form;
    no organisation is the whole committee (the user's own organisation for grassroots
    staff)."""

    start = forms.DateField(label=_("from"), widget=DateInput())
    end = forms.DateField(label=_("to"), widget=DateInput())
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=None, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error(
                "end",
                _("The period ends (%(end)s) before it starts (%(start)s).")
                % {"end": end.strftime("%d/%m/%Y"), "start": start.strftime("%d/%m/%Y")},
            )
        return data


class CellChoiceForm(CapitalisedLabels, forms.Form):
    cell = NamedChoiceField(label=_("cell"), queryset=None)

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        # The iterator first: setting the queryset hands the widget its choices.
        self.fields["cell"].iterator = CellUnderOrganisationIterator
        self.fields["cell"].queryset = cells


class CandidateForm(CleanText, forms.ModelForm):
    """Personal details, cell and helper. New candidates also give the source record."""

    class Meta:
        model = Candidate
        fields = ["cell", "helper", *PERSON_FIELDS]
        widgets = {"date_of_birth": DateInput()}

    def __init__(self, *args, cells, helpers, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells
        self.fields["helper"].queryset = helpers
        self.fields["helper"].required = True
        member_picker(self.fields["helper"], organisation_id=organisation_id)
        self.fields["citizen_id"].widget.attrs.update(inputmode="numeric", maxlength=12)
        education_hint(self.fields["general_education"])

    def _post_clean(self):
        # Model validation (and the uniqueness of an open candidacy) is the service's job.
        pass


class NewCandidateForm(CandidateForm):
    source_date = date_field(stages.spec_of(Stage.SOURCE).date_label)
    document_number = forms.CharField(label=_("document number"), required=False, max_length=50)
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EditCandidateForm(CandidateForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class StageForm(VersionedForm):
    """The fields of one stage: the common ones and those the stage registry gives it."""

    date = date_field(_("date"))
    document_number = forms.CharField(label=_("document number"), required=False, max_length=50)
    document_date = date_field(_("document date"), required=False)
    signed_by = forms.CharField(label=_("signed by"), required=False, max_length=120)
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args,
        stage,
        candidate,
        introducer_choices=None,
        eligible=None,
        exempt_choices=None,
        **kw,
    ):
        super().__init__(*args, **kw)
        self.stage = stage
        self.organisation_id = candidate.cell.organisation_id
        self.spec = spec = stages.spec_of(stage)
        self.introducer_choices, self.eligible = introducer_choices, eligible
        self.exempt_choices = exempt_choices
        self.fields["date"].label = spec.date_label
        if spec.document_label:
            self.fields["document_number"].label = spec.document_label
        self.fields["document_number"].required = spec.document_required
        self.fields["signed_by"].required = spec.signer_required
        if spec.document_date_label:
            self.fields["document_date"].label = spec.document_date_label
        if spec.fields is not None:
            self.fields.update(spec.fields(self))
        self.capitalise_labels()

    def clean(self):
        data = super().clean()
        if self.spec.clean is not None:
            self.spec.clean(self, data)
        return data

    def service_arguments(self) -> dict:
        """The cleaned data as keyword arguments of ``candidate_record_stage``."""
        data = dict(self.cleaned_data)
        data.pop("version")
        return self.spec.arguments(data) if self.spec.arguments is not None else data


class RejectForm(VersionedForm):
    date = date_field(_("date"))
    notes = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class RecognitionForm(VersionedForm):
    passed = forms.TypedChoiceField(
        label=_("outcome"),
        choices=[
            ("1", _("Recognised as official member")),
            ("0", _("Not recognised: strike the name off")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    vote_date = date_field(_("date of the cell's vote"))
    votes_for = forms.IntegerField(label=_("votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("votes against"), min_value=0, required=False)
    voters_excluded = forms.IntegerField(
        label=_("official members away on temporary transfer or suspended"),
        min_value=0,
        initial=0,
        required=False,
    )
    exempt_attending = exempt_attending_field(None)
    decision_date = date_field(_("date of the committee's decision"))
    deadline_extended = forms.BooleanField(
        label=_("the committee above extended the deadline"), required=False
    )
    document_number = forms.CharField(label=_("decision number"), max_length=50)
    signed_by = forms.CharField(label=_("signed by"), max_length=120, required=False)
    party_card_number = forms.CharField(label=_("party card number"), max_length=20, required=False)
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, exempt_choices=None, **kw):
        super().__init__(*args, **kw)
        if exempt_choices is not None:
            self.fields["exempt_attending"].queryset = exempt_choices

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        data["voters_excluded"] = data.get("voters_excluded") or 0
        data["exempt_attending"] = list(data.get("exempt_attending") or [])
        return data


class MemberEventForm(VersionedForm):
    date = date_field(_("date"))
    document_number = forms.CharField(label=_("document number"), max_length=50, required=False)
    leaving_reason = forms.ChoiceField(
        label=_("reason for leaving"),
        choices=[("", "---------"), *LeavingReason.choices],
        required=False,
        help_text=_("For striking off, expulsion or resignation: some reasons bar re-admission."),
    )
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    KINDS = [
        MemberEvent.Kind.TRANSFERRED_OUT,
        MemberEvent.Kind.DECEASED,
        MemberEvent.Kind.STRUCK_OFF,
        MemberEvent.Kind.EXPELLED,
        MemberEvent.Kind.RESIGNED,
    ]


def education_hint(field: forms.Field) -> None:
    """The general-education box says the form it wants before the clerk gets it wrong."""
    field.widget.attrs["placeholder"] = "12/12"
    field.help_text = _("Grade/system, for example 12/12, 9/12 or 10/10.")


class MemberForm(CleanText, forms.ModelForm):
    """Correcting a member's personal details, cell and exemption."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Member
        fields = ["cell", *PERSON_FIELDS, "exempt_from_activity", "party_card_number"]
        widgets = {"date_of_birth": DateInput()}

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells
        education_hint(self.fields["general_education"])

    def _post_clean(self):
        pass


class TargetField(forms.CharField):
    """A target as a whole number ("12") or a share of the members ("3%"), cleaned to a
    ``targets.TargetInput`` (None when empty)."""

    def to_python(self, value):
        return targets.parse_target(super().to_python(value))


class QuotaForm(CapitalisedLabels, forms.Form):
    """The year's quotas: the committee's targets, the term's and one per organisation. The
    quota handed down, the committee's and each organisation's, may be a share of the
    members at the start of the year ("3%")."""

    committee_assigned = TargetField(
        label=_("committee quota handed down"),
        required=False,
        help_text=_("A number, or a share of the members on 1 January such as 3%."),
    )
    committee_aspiration = forms.IntegerField(
        label=_("committee's own aspiration"), min_value=0, required=False
    )
    committee_training = forms.IntegerField(
        label=_("elite candidates to train"), min_value=0, required=False
    )
    term_target = forms.IntegerField(label=_("term target"), min_value=0, required=False)

    def __init__(self, *args, organisations, has_term: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_term:
            del self.fields["term_target"]
        self.organisations = list(organisations)
        for organisation in self.organisations:
            self.fields[f"org_{organisation.pk}"] = TargetField(
                label=organisation.name, required=False
            )

    def organisation_fields(self):
        return [
            (organisation, self[f"org_{organisation.pk}"]) for organisation in self.organisations
        ]

    def organisation_targets(self, members: dict[int, int]) -> dict:
        """Each organisation's target as a number (a share of its ``members``, rounded up)."""
        found = {}
        for organisation in self.organisations:
            given = self.cleaned_data.get(f"org_{organisation.pk}")
            found[organisation] = given.resolve(members.get(organisation.pk, 0)) if given else None
        return found

    def shares(self) -> dict:
        """The shares targets were given as, by organisation id (None: the committee)."""
        given = {None: self.cleaned_data.get("committee_assigned")} | {
            organisation.pk: self.cleaned_data.get(f"org_{organisation.pk}")
            for organisation in self.organisations
        }
        return {pk: value.share for pk, value in given.items() if value and value.share}


class RosterUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    file = forms.FileField(
        label=_("Roster file (.xlsx, .xls, .ods or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = importable_organisations(user)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ROSTER_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1024 / 1024, 1), "limit": round(limit / 1024 / 1024)}
            )
        return upload


class RosterExportForm(forms.Form):
    """Which organisation's current roster to download (to edit and import back)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, prefix="export", **kwargs)
        organisations = importable_organisations(user)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk


class TermForm(CapitalisedLabels, forms.Form):
    """A new congress term."""

    name = forms.CharField(label=_("name"), max_length=40, help_text=_("e.g. 2025–2030"))
    start_date = forms.DateField(label=_("start date"), widget=DateInput())
    end_date = forms.DateField(label=_("end date"), widget=DateInput())


class TermTargetsForm(CapitalisedLabels, forms.Form):
    """A term's targets of admissions: the committee's and one per organisation."""

    committee = forms.IntegerField(label=_("whole committee"), min_value=0, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        for organisation in self.organisations:
            self.fields[f"org_{organisation.pk}"] = forms.IntegerField(
                label=f"{organisation.code} – {organisation.name}", min_value=0, required=False
            )

    def organisation_targets(self) -> dict:
        return {
            organisation: self.cleaned_data.get(f"org_{organisation.pk}")
            for organisation in self.organisations
        }
