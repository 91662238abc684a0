"""Forms of the staff screens. They collect input; the rules live in ``services``."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import PERSON_FIELDS, Candidate, Member, MemberEvent, Organisation, StageRecord
from .roster.service import importable_organisations

Stage = Candidate.Stage


class DateInput(forms.DateInput):
    """A dd/mm/yyyy text box (the browser's own date picker would send yyyy-mm-dd)."""

    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}, **kwargs)


def date_field(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


class CapitalisedLabels:
    """Labels start with a capital, as the model forms' do (verbose names are lower case)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.capitalise_labels()

    def capitalise_labels(self) -> None:
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class VersionedForm(CapitalisedLabels, forms.Form):
    """Carries the version of the record as it was when the page was opened."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class CandidateFilterForm(CapitalisedLabels, forms.Form):
    q = forms.CharField(label=_("Name or citizen ID"), required=False)
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=None, required=False)
    cell = forms.ModelChoiceField(label=_("cell"), queryset=None, required=False)
    stage = forms.ChoiceField(label=_("stage"), required=False)
    year = forms.IntegerField(label=_("year"), required=False, min_value=1930, max_value=2100)

    def __init__(self, *args, organisations, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["cell"].queryset = cells
        self.fields["stage"].choices = [("", _("All stages")), *Stage.choices]


class MemberFilterForm(CapitalisedLabels, forms.Form):
    q = forms.CharField(label=_("Name or citizen ID"), required=False)
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=None, required=False)
    cell = forms.ModelChoiceField(label=_("cell"), queryset=None, required=False)
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


class CellChoiceForm(CapitalisedLabels, forms.Form):
    cell = forms.ModelChoiceField(label=_("cell"), queryset=None)

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells.select_related("organisation")
        self.fields["cell"].label_from_instance = lambda cell: f"{cell.organisation} – {cell}"


class CandidateForm(forms.ModelForm):
    """Personal details, cell and helper. New candidates also give the source record."""

    class Meta:
        model = Candidate
        fields = ["cell", "helper", *PERSON_FIELDS]
        widgets = {"date_of_birth": DateInput()}

    def __init__(self, *args, cells, helpers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells
        self.fields["helper"].queryset = helpers
        self.fields["helper"].required = True
        self.fields["citizen_id"].widget.attrs.update(inputmode="numeric", maxlength=12)

    def _post_clean(self):
        # Model validation (and the uniqueness of an open candidacy) is the service's job.
        pass


class NewCandidateForm(CandidateForm):
    source_date = date_field(_("date named as elite candidate"))
    document_number = forms.CharField(label=_("document number"), required=False, max_length=50)
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EditCandidateForm(CandidateForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class StageForm(VersionedForm):
    """The fields of one stage: the common ones and those the stage's rules need."""

    date = date_field(_("date"))
    document_number = forms.CharField(label=_("document number"), required=False, max_length=50)
    document_date = date_field(_("document date"), required=False)
    signed_by = forms.CharField(label=_("signed by"), required=False, max_length=120)
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    DATE_LABELS = {
        Stage.TRAINED: _("certificate date (course completed)"),
        Stage.APPLIED: _("application date"),
        Stage.VERIFIED: _("date the background check was certified"),
        Stage.INTRODUCED: _("date of the introductions"),
        Stage.COMMENTED: _("date of the comments"),
        Stage.CELL_RESOLUTION: _("date of the cell's vote"),
        Stage.GRASSROOTS_RESOLUTION: _("date of the committee's vote"),
        Stage.DECISION: _("date the admission decision was signed"),
        Stage.CEREMONY: _("date of the admission ceremony"),
    }
    DOCUMENT_LABELS = {
        Stage.TRAINED: _("certificate number"),
        Stage.CELL_RESOLUTION: _("resolution number"),
        Stage.GRASSROOTS_RESOLUTION: _("resolution number"),
        Stage.DECISION: _("decision number"),
    }

    def __init__(self, *args, stage, candidate, introducer_choices=None, eligible=None, **kw):
        super().__init__(*args, **kw)
        self.stage = stage
        self.fields["date"].label = self.DATE_LABELS.get(stage, _("date"))
        if stage in self.DOCUMENT_LABELS:
            self.fields["document_number"].label = self.DOCUMENT_LABELS[stage]
        if stage in (Stage.TRAINED, Stage.DECISION, Stage.CELL_RESOLUTION):
            self.fields["document_number"].required = True
        if stage == Stage.DECISION:
            self.fields["signed_by"].required = True
            self.fields["document_date"].label = _("date the cell received the decision")
        if stage == Stage.APPLIED:
            self.fields["personal_history_date"] = date_field(_("date of the personal history"))
        if stage == Stage.VERIFIED:
            self.fields["verification_passed"] = forms.BooleanField(
                label=_("the background check found the candidate and family suitable"),
                required=False,
            )
        if stage == Stage.INTRODUCED:
            self.fields["introduction_kind"] = forms.ChoiceField(
                label=_("kind of introduction"), choices=StageRecord.IntroductionKind.choices
            )
            for n in (1, 2):
                self.fields[f"introducer_{n}"] = forms.ModelChoiceField(
                    label=_("introducing member %(n)s") % {"n": n},
                    queryset=introducer_choices,
                    required=n == 1,
                )
                self.fields[f"known_since_{n}"] = date_field(
                    _("has known the candidate since (member %(n)s)") % {"n": n},
                    required=n == 1,
                )
            self.fields["document_number"].label = _(
                "number of the Youth Union or trade union committee's introduction"
            )
        if stage in (Stage.CELL_RESOLUTION, Stage.GRASSROOTS_RESOLUTION):
            self.fields["votes_for"] = forms.IntegerField(label=_("votes for"), min_value=0)
            self.fields["votes_against"] = forms.IntegerField(
                label=_("votes against"), min_value=0, required=False
            )
        if stage == Stage.CELL_RESOLUTION:
            self.fields["voters_excluded"] = forms.IntegerField(
                label=_("official members away on temporary transfer or suspended"),
                min_value=0,
                initial=0,
                help_text=_(
                    "The cell has %(eligible)s official members not exempt from activity; "
                    "the 2/3 rule counts them less the number entered here."
                )
                % {"eligible": eligible},
            )
            self.fields["over_age_consent"] = forms.BooleanField(
                label=StageRecord._meta.get_field("over_age_consent").verbose_name,
                required=False,
            )
            self.fields["education_exception"] = forms.BooleanField(
                label=StageRecord._meta.get_field("education_exception").verbose_name,
                required=False,
            )
        if stage == Stage.GRASSROOTS_RESOLUTION:
            self.fields["eligible_voters"] = forms.IntegerField(
                label=_("members of the grassroots committee"), min_value=1
            )
        if stage == Stage.DECISION:
            self.fields["deadline_extended"] = forms.BooleanField(
                label=StageRecord._meta.get_field("deadline_extended").verbose_name,
                required=False,
            )
        self.capitalise_labels()

    def clean(self):
        data = super().clean()
        if self.stage == Stage.INTRODUCED:
            pairs = [(data.get(f"introducer_{n}"), data.get(f"known_since_{n}")) for n in (1, 2)]
            for n, (member, since) in enumerate(pairs, start=1):
                if member and not since:
                    self.add_error(f"known_since_{n}", _("Give the date for this member."))
                if since and not member:
                    self.add_error(f"introducer_{n}", _("Choose the member."))
        return data

    def service_arguments(self) -> dict:
        """The cleaned data as keyword arguments of ``candidate_record_stage``."""
        from .services import IntroducerInput

        data = dict(self.cleaned_data)
        data.pop("version")
        if self.stage == Stage.INTRODUCED:
            introducers = []
            for n in (1, 2):
                member = data.pop(f"introducer_{n}", None)
                since = data.pop(f"known_since_{n}", None)
                if member and since:
                    introducers.append(IntroducerInput(member=member, known_since=since))
            data["introducers"] = introducers
        if self.stage == Stage.CELL_RESOLUTION and data.get("voters_excluded") is None:
            data["voters_excluded"] = 0
        return data


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
    decision_date = date_field(_("date of the committee's decision"))
    document_number = forms.CharField(label=_("decision number"), max_length=50)
    signed_by = forms.CharField(label=_("signed by"), max_length=120, required=False)
    party_card_number = forms.CharField(label=_("party card number"), max_length=20, required=False)
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        data["voters_excluded"] = data.get("voters_excluded") or 0
        return data


class MemberEventForm(VersionedForm):
    date = date_field(_("date"))
    document_number = forms.CharField(label=_("document number"), max_length=50, required=False)
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


class MemberForm(forms.ModelForm):
    """Correcting a member's personal details, cell and exemption."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Member
        fields = ["cell", *PERSON_FIELDS, "exempt_from_activity", "party_card_number"]
        widgets = {"date_of_birth": DateInput()}

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells

    def _post_clean(self):
        pass


class QuotaForm(CapitalisedLabels, forms.Form):
    """The year's quotas: the committee's targets, the term's and one per organisation."""

    committee_assigned = forms.IntegerField(
        label=_("committee quota handed down"), min_value=0, required=False
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
            self.fields[f"org_{organisation.pk}"] = forms.IntegerField(
                label=organisation.name, min_value=0, required=False
            )

    def organisation_fields(self):
        return [
            (organisation, self[f"org_{organisation.pk}"]) for organisation in self.organisations
        ]

    def organisation_targets(self) -> dict:
        return {
            organisation: self.cleaned_data.get(f"org_{organisation.pk}")
            for organisation in self.organisations
        }


class RosterUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    file = forms.FileField(
        label=_("Roster file (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
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
