"""The data model: organisations, cells, members, candidates, quotas and rule sets."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import rules
from .choices import (
    ETHNICITY_CHOICES,
    KINH,
    Gender,
    Occupation,
    PoliticalTheory,
    ProfessionalLevel,
    Religion,
)
from .querysets import (
    CandidateQuerySet,
    CellQuerySet,
    MemberQuerySet,
    OrganisationQuerySet,
    QuotaQuerySet,
    RuleSetQuerySet,
)
from .text import search_key

citizen_id_validator = RegexValidator(
    r"^[0-9]{12}$", _("A citizen ID has exactly 12 digits."), code="citizen_id"
)
general_education_validator = RegexValidator(
    r"^[0-9]{1,2}/(10|12)$",
    _("Write general education as grade/system, for example 12/12 or 10/10."),
    code="general_education",
)


def acting_user(verbose_name) -> models.ForeignKey:
    """Who recorded, imported or did something: kept (PROTECT) while the record stands,
    empty for what the system did itself, no reverse accessor on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


class Organisation(models.Model):
    """A Party organisation: the city committee, a grassroots organisation or a sub-committee."""

    class Kind(models.TextChoices):
        CITY_COMMITTEE = "city_committee", _("City Party committee")
        GRASSROOTS_COMMITTEE = "grassroots_committee", _("Grassroots Party committee")
        GRASSROOTS_CELL = "grassroots_cell", _("Grassroots Party cell")
        SUB_COMMITTEE = "sub_committee", _("Sub-committee")

    class Category(models.TextChoices):
        WARD_COMMUNE = "ward_commune", _("Ward, commune or town")
        PARTY_MASS_AGENCY = "party_mass_agency", _("Party and mass organisation agency")
        STATE_AGENCY = "state_agency", _("State agency")
        PUBLIC_SERVICE = "public_service", _("Public service unit")
        ARMED_FORCES = "armed_forces", _("Armed forces")
        STATE_ENTERPRISE = "state_enterprise", _("State enterprise")
        NON_STATE_ENTERPRISE = "non_state_enterprise", _("Non-state enterprise")
        COOPERATIVE = "cooperative", _("Cooperative")
        OTHER = "other", _("Other")

    GRASSROOTS_KINDS = (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL)

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    category = models.CharField(
        _("grassroots category"), max_length=30, choices=Category.choices, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(_("active until"), null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Party organisation")
        verbose_name_plural = _("Party organisations")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=F("active_from")),
                name="recruitment_organisation_active_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(kind="city_committee") | Q(parent__isnull=False),
                name="recruitment_organisation_has_parent_below_city",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["grassroots_committee", "grassroots_cell"])
                | ~Q(category=""),
                name="recruitment_organisation_grassroots_has_category",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_grassroots(self) -> bool:
        return self.kind in self.GRASSROOTS_KINDS

    def is_active_on(self, day: date) -> bool:
        return self.active_from <= day and (self.active_to is None or day <= self.active_to)


class Cell(models.Model):
    """A Party cell (chi bộ). A grassroots cell has exactly one: itself."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="cells",
    )
    name = models.CharField(_("name"), max_length=200)
    is_organisation_itself = models.BooleanField(
        _("is the grassroots cell itself"),
        default=False,
        help_text=_("Set for the one cell of a grassroots cell (chi bộ cơ sở)."),
    )
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(_("active until"), null=True, blank=True)

    objects = CellQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Party cell")
        verbose_name_plural = _("Party cells")
        ordering = ["organisation__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="recruitment_cell_name_unique_in_org"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_organisation_itself=True),
                name="recruitment_cell_one_own_cell_per_org",
            ),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=F("active_from")),
                name="recruitment_cell_active_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Personal details shared by members and candidates."""

    full_name = models.CharField(_("full name"), max_length=120)
    name_key = models.CharField(
        _("name without diacritics"), max_length=120, editable=False, db_index=True
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"))
    citizen_id = models.CharField(_("citizen ID"), max_length=12, validators=[citizen_id_validator])
    ethnicity = models.CharField(
        _("ethnicity"), max_length=40, choices=ETHNICITY_CHOICES, default=KINH
    )
    religion = models.CharField(
        _("religion"), max_length=20, choices=Religion.choices, default=Religion.NONE
    )
    hometown = models.CharField(_("hometown"), max_length=200, blank=True)
    residence = models.CharField(_("permanent residence"), max_length=200, blank=True)
    occupation = models.CharField(_("occupation"), max_length=30, choices=Occupation.choices)
    general_education = models.CharField(
        _("general education"),
        max_length=5,
        default="12/12",
        validators=[general_education_validator],
    )
    professional_level = models.CharField(
        _("professional level"),
        max_length=20,
        choices=ProfessionalLevel.choices,
        default=ProfessionalLevel.NONE,
    )
    political_theory = models.CharField(
        _("political theory"),
        max_length=20,
        choices=PoliticalTheory.choices,
        default=PoliticalTheory.NONE,
    )
    youth_union_member = models.BooleanField(_("Youth Union member"), default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # A derived search column, kept in step with the name it is derived from.
        self.name_key = search_key(self.full_name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.citizen_id and self.date_of_birth and self.gender:
            problems = rules.citizen_id_problems(
                self.citizen_id, date_of_birth=self.date_of_birth, gender=self.gender
            )
            if problems:
                raise ValidationError({"citizen_id": problems})

    @property
    def is_ethnic_minority(self) -> bool:
        return self.ethnicity != KINH


#: The personal details every person record has, in the order forms show them.
PERSON_FIELDS = [
    "full_name",
    "gender",
    "date_of_birth",
    "citizen_id",
    "ethnicity",
    "religion",
    "hometown",
    "residence",
    "occupation",
    "general_education",
    "professional_level",
    "political_theory",
    "youth_union_member",
]


def person_constraints(model: str) -> list[models.BaseConstraint]:
    """The one-row invariants every person record holds, named after its model."""
    return [
        models.CheckConstraint(
            condition=Q(citizen_id__regex=r"^[0-9]{12}$"),
            name=f"recruitment_{model}_citizen_id_12_digits",
        ),
        models.CheckConstraint(
            condition=Q(gender__in=Gender.values),
            name=f"recruitment_{model}_gender_valid",
        ),
    ]


class Member(Person):
    """A Party member, probationary or official, with the three dates of admission."""

    class Status(models.TextChoices):
        PROBATIONARY = "probationary", _("Probationary")
        OFFICIAL = "official", _("Official")
        TRANSFERRED_OUT = "transferred_out", _("Transferred out")
        DECEASED = "deceased", _("Deceased")
        STRUCK_OFF = "struck_off", _("Struck off")
        EXPELLED = "expelled", _("Expelled")
        RESIGNED = "resigned", _("Resigned")

    ACTIVE_STATUSES = (Status.PROBATIONARY, Status.OFFICIAL)

    cell = models.ForeignKey(
        Cell, verbose_name=_("cell"), on_delete=models.PROTECT, related_name="members"
    )
    party_card_number = models.CharField(_("party card number"), max_length=20, blank=True)
    decision_date = models.DateField(_("admission decision date"))
    ceremony_date = models.DateField(_("date of joining the Party"), null=True, blank=True)
    official_date = models.DateField(_("date of becoming official"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROBATIONARY
    )
    exempt_from_activity = models.BooleanField(_("exempt from activity"), default=False)
    days_outside_party = models.PositiveIntegerField(
        _("days outside the Party"),
        default=0,
        help_text=_("Time outside the Party, deducted from Party age."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Party member")
        verbose_name_plural = _("Party members")
        ordering = ["full_name", "id"]
        indexes = [
            # Admissions of a period (dashboards count by either date).
            models.Index(fields=["decision_date"], name="recruitment_member_decision"),
            models.Index(fields=["ceremony_date"], name="recruitment_member_ceremony"),
        ]
        constraints = [
            *person_constraints("member"),
            models.UniqueConstraint(
                fields=["citizen_id"], name="recruitment_member_citizen_id_unique"
            ),
            models.CheckConstraint(
                condition=Q(ceremony_date__isnull=True) | Q(ceremony_date__gte=F("decision_date")),
                name="recruitment_member_ceremony_not_before_decision",
            ),
            models.CheckConstraint(
                condition=Q(official_date__isnull=True)
                | (Q(ceremony_date__isnull=False) & Q(official_date__gt=F("ceremony_date"))),
                name="recruitment_member_official_after_ceremony",
            ),
            models.CheckConstraint(
                condition=~Q(status="official") | Q(official_date__isnull=False),
                name="recruitment_member_official_has_official_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="probationary") | Q(official_date__isnull=True),
                name="recruitment_member_probationary_not_official_yet",
            ),
            models.CheckConstraint(
                condition=Q(party_card_number="") | Q(official_date__isnull=False),
                name="recruitment_member_party_card_only_when_official",
            ),
            models.CheckConstraint(
                condition=Q(decision_date__gt=F("date_of_birth")),
                name="recruitment_member_decision_after_birth",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("recruitment:member-detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    def party_age_days(self, on: date) -> int:
        """Party age counts from the admission decision, less time outside the Party."""
        return max((on - self.decision_date).days - self.days_outside_party, 0)


class Candidate(Person):
    """An elite candidate (quần chúng ưu tú) moving through the admission pipeline."""

    class Stage(models.TextChoices):
        SOURCE = "source", _("Source")
        TRAINED = "trained", _("Awareness course")
        APPLIED = "applied", _("Application")
        VERIFIED = "verified", _("Background check")
        INTRODUCED = "introduced", _("Introduction")
        COMMENTED = "commented", _("Comments")
        CELL_RESOLUTION = "cell_resolution", _("Cell resolution")
        GRASSROOTS_RESOLUTION = "grassroots_resolution", _("Grassroots committee resolution")
        DECISION = "decision", _("Admission decision")
        CEREMONY = "ceremony", _("Admission ceremony")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Decision cancelled")

    #: The pipeline in order; REJECTED and CANCELLED end it early.
    PIPELINE = (
        Stage.SOURCE,
        Stage.TRAINED,
        Stage.APPLIED,
        Stage.VERIFIED,
        Stage.INTRODUCED,
        Stage.COMMENTED,
        Stage.CELL_RESOLUTION,
        Stage.GRASSROOTS_RESOLUTION,
        Stage.DECISION,
        Stage.CEREMONY,
    )
    CLOSED_STAGES = (Stage.REJECTED, Stage.CANCELLED)

    cell = models.ForeignKey(
        Cell, verbose_name=_("cell"), on_delete=models.PROTECT, related_name="candidates"
    )
    stage = models.CharField(
        _("current stage"), max_length=30, choices=Stage.choices, default=Stage.SOURCE
    )
    helper = models.ForeignKey(
        Member,
        verbose_name=_("assigned helper member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidates_helped",
    )
    member = models.OneToOneField(
        Member,
        verbose_name=_("became member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidate",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = CandidateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("elite candidate")
        verbose_name_plural = _("elite candidates")
        ordering = ["full_name", "id"]
        constraints = [
            *person_constraints("candidate"),
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=~Q(stage__in=["rejected", "cancelled"]),
                name="recruitment_candidate_citizen_id_unique_while_open",
                violation_error_message=_(
                    "A candidate with this citizen ID is already in the pipeline."
                ),
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=True)
                | Q(stage__in=["decision", "ceremony", "cancelled"]),
                name="recruitment_candidate_member_only_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(stage__in=["decision", "ceremony"]),
                name="recruitment_candidate_decision_has_member",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("recruitment:candidate-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage not in self.CLOSED_STAGES


class StageRecord(models.Model):
    """One stage of a candidate's pipeline: when, by which document, who signed and acted."""

    class IntroductionKind(models.TextChoices):
        TWO_MEMBERS = "two_members", _("Two official members")
        YOUTH_UNION = "youth_union", _("Youth Union committee and one official member")
        TRADE_UNION = "trade_union", _("Trade union committee and one official member")

    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="stage_records",
    )
    stage = models.CharField(_("stage"), max_length=30, choices=Candidate.Stage.choices)
    date = models.DateField(_("date"))
    document_number = models.CharField(_("document number"), max_length=50, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    signed_by = models.CharField(_("signed by"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    eligible_voters = models.PositiveIntegerField(
        _("members entitled to vote"), null=True, blank=True
    )
    introduction_kind = models.CharField(
        _("kind of introduction"), max_length=20, choices=IntroductionKind.choices, blank=True
    )
    personal_history_date = models.DateField(
        _("date of the personal history"), null=True, blank=True
    )
    verification_passed = models.BooleanField(_("background check passed"), null=True, blank=True)
    voters_excluded = models.PositiveIntegerField(
        _("official members away on temporary transfer or suspended"), default=0
    )
    introducers = models.ManyToManyField(
        Member,
        verbose_name=_("introducing members"),
        through="Introducer",
        blank=True,
        related_name="introductions",
    )
    over_age_consent = models.BooleanField(
        _("written consent for admission over the age limit"), default=False
    )
    education_exception = models.BooleanField(
        _("exception to the lower-secondary education requirement"), default=False
    )
    deadline_extended = models.BooleanField(
        _("deadline extended (at most 30 more working days)"), default=False
    )
    recorded_by = acting_user(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stage record")
        verbose_name_plural = _("stage records")
        ordering = ["candidate", "date", "id"]
        indexes = [models.Index(fields=["date", "stage"], name="recruitment_stage_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "stage"], name="recruitment_stagerecord_one_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True)
                | Q(eligible_voters__isnull=True)
                | Q(votes_for__lte=F("eligible_voters")),
                name="recruitment_stagerecord_votes_within_eligible",
            ),
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True)
                | Q(votes_against__isnull=True)
                | Q(eligible_voters__isnull=True)
                | Q(eligible_voters__gte=F("votes_for") + F("votes_against")),
                name="recruitment_stagerecord_ballots_within_eligible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.get_stage_display()} ({self.date:%d/%m/%Y})"

    def detail_parts(self) -> list[str]:
        """The record's particulars as short phrases for the candidate's timeline.
        Reads ``introducer_set.all()`` (prefetch it with the member)."""
        parts = []
        if self.document_number:
            document = _("Document %(number)s") % {"number": self.document_number}
            if self.document_date:
                document += f" ({self.document_date:%d/%m/%Y})"
            parts.append(document)
        if self.signed_by:
            parts.append(_("signed by %(name)s") % {"name": self.signed_by})
        if self.personal_history_date:
            parts.append(
                _("personal history of %(day)s") % {"day": f"{self.personal_history_date:%d/%m/%Y}"}
            )
        if self.votes_for is not None:
            parts.append(
                _("%(for)s votes for, %(against)s against, of %(eligible)s entitled")
                % {
                    "for": self.votes_for,
                    "against": self.votes_against or 0,
                    "eligible": self.eligible_voters,
                }
            )
        if self.introduction_kind:
            names = ", ".join(
                _("%(name)s (since %(day)s)")
                % {"name": link.member.full_name, "day": f"{link.known_since:%d/%m/%Y}"}
                for link in self.introducer_set.all()
            )
            parts.append(f"{self.get_introduction_kind_display()}: {names}")
        if self.over_age_consent:
            parts.append(str(_("with written consent over the age limit")))
        if self.education_exception:
            parts.append(str(_("education exception")))
        if self.deadline_extended:
            parts.append(str(_("deadline extended")))
        return [str(part) for part in parts]


class Introducer(models.Model):
    """An official member introducing a candidate, and since when they have known them."""

    record = models.ForeignKey(
        StageRecord, verbose_name=_("stage record"), on_delete=models.CASCADE
    )
    member = models.ForeignKey(
        Member, verbose_name=_("introducing member"), on_delete=models.PROTECT
    )
    known_since = models.DateField(_("has known the candidate since"))

    class Meta:
        verbose_name = _("introducer")
        verbose_name_plural = _("introducers")
        constraints = [
            models.UniqueConstraint(
                fields=["record", "member"], name="recruitment_introducer_once_per_record"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.known_since:%d/%m/%Y})"


class MemberEvent(models.Model):
    """Something that happened to a member after admission: transfer, death, striking off, ..."""

    class Kind(models.TextChoices):
        RECOGNISED = "recognised", _("Recognised as official member")
        TRANSFERRED_OUT = "transferred_out", _("Transferred out")
        DECEASED = "deceased", _("Deceased")
        STRUCK_OFF = "struck_off", _("Struck off")
        EXPELLED = "expelled", _("Expelled")
        RESIGNED = "resigned", _("Resigned")

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    document_number = models.CharField(_("document number"), max_length=50, blank=True)
    signed_by = models.CharField(_("signed by"), max_length=120, blank=True)
    vote_date = models.DateField(_("date of the cell's vote"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    eligible_voters = models.PositiveIntegerField(
        _("members entitled to vote"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = acting_user(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member event")
        verbose_name_plural = _("member events")
        ordering = ["member", "date", "id"]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_kind_display()} ({self.date:%d/%m/%Y})"


class Term(models.Model):
    """A congress term of the city committee, e.g. 2020–2025."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="recruitment_term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Quota(models.Model):
    """A target for an organisation (or the whole committee) for a year or a term."""

    class Kind(models.TextChoices):
        ADMISSIONS = "admissions", _("New members admitted")
        TRAINING = "training", _("Elite candidates trained")

    class Basis(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned quota")
        ASPIRATION = "aspiration", _("Own aspiration")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotas",
        help_text=_("Leave empty for the whole city committee."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    basis = models.CharField(
        _("basis"), max_length=20, choices=Basis.choices, default=Basis.ASSIGNED
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, null=True, blank=True
    )
    target = models.PositiveIntegerField(_("target"))

    objects = QuotaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["-year", "organisation__code", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(year__isnull=False) & Q(term__isnull=True))
                | (Q(year__isnull=True) & Q(term__isnull=False)),
                name="recruitment_quota_year_or_term",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1930, year__lte=2100),
                name="recruitment_quota_year_plausible",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "basis", "year"],
                condition=Q(organisation__isnull=False, year__isnull=False),
                name="recruitment_quota_unique_org_year",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "basis", "term"],
                condition=Q(organisation__isnull=False, term__isnull=False),
                name="recruitment_quota_unique_org_term",
            ),
            models.UniqueConstraint(
                fields=["kind", "basis", "year"],
                condition=Q(organisation__isnull=True, year__isnull=False),
                name="recruitment_quota_unique_committee_year",
            ),
            models.UniqueConstraint(
                fields=["kind", "basis", "term"],
                condition=Q(organisation__isnull=True, term__isnull=False),
                name="recruitment_quota_unique_committee_term",
            ),
        ]

    def __str__(self) -> str:
        who = self.organisation or _("Whole city committee")
        period = self.year if self.year else self.term
        return f"{who} – {self.get_kind_display()} {period}: {self.target}"


class RuleSet(models.Model):
    """The statutory parameters of admission, in force from a date until the next set."""

    effective_from = models.DateField(_("effective from"), unique=True)
    reference = models.CharField(
        _("legal reference"),
        max_length=200,
        help_text=_("The regulations these parameters come from, e.g. Quy định 24-QĐ/TW."),
    )
    min_age_years = models.PositiveSmallIntegerField(_("minimum age (years)"), default=18)
    max_age_years = models.PositiveSmallIntegerField(_("maximum age (years)"), default=60)
    youth_age_years = models.PositiveSmallIntegerField(
        _("youth age for a Youth Union introduction (years)"), default=30
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("awareness-course certificate valid (months)"), default=60
    )
    introducer_known_months = models.PositiveSmallIntegerField(
        _("introducer must have known the candidate (months)"), default=12
    )
    vote_numerator = models.PositiveSmallIntegerField(_("vote fraction numerator"), default=2)
    vote_denominator = models.PositiveSmallIntegerField(_("vote fraction denominator"), default=3)
    decision_deadline_workdays = models.PositiveSmallIntegerField(
        _("admission decision deadline (working days)"), default=60
    )
    decision_extension_workdays = models.PositiveSmallIntegerField(
        _("admission decision extension (working days)"), default=30
    )
    ceremony_deadline_workdays = models.PositiveSmallIntegerField(
        _("ceremony deadline (working days)"), default=30
    )
    probation_months = models.PositiveSmallIntegerField(_("probation (months)"), default=12)
    recognition_vote_deadline_workdays = models.PositiveSmallIntegerField(
        _("recognition vote deadline (working days)"), default=30
    )
    recognition_decision_deadline_workdays = models.PositiveSmallIntegerField(
        _("recognition decision deadline (working days)"), default=30
    )
    recognition_decision_extension_workdays = models.PositiveSmallIntegerField(
        _("recognition decision extension (working days)"), default=30
    )
    grassroots_committee_min_members = models.PositiveSmallIntegerField(
        _("members needed for a grassroots committee"), default=30
    )
    min_official_members_for_cell = models.PositiveSmallIntegerField(
        _("official members needed to form a cell"), default=3
    )

    objects = RuleSetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age_years__gt=F("min_age_years")),
                name="recruitment_ruleset_age_limits_in_order",
            ),
            models.CheckConstraint(
                condition=Q(vote_denominator__gt=0) & Q(vote_numerator__lte=F("vote_denominator")),
                name="recruitment_ruleset_vote_fraction_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.effective_from:%d/%m/%Y})"


class ImportBatch(models.Model):
    """One roster import: who brought which file into which organisation, and the counts."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        REFUSED = "refused", _("Refused")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="imports",
    )
    imported_by = acting_user(_("imported by"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    created = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} → {self.organisation} ({self.imported_at:%d/%m/%Y %H:%M})"


class StaffProfile(models.Model):
    """A user's role in the software and, for grassroots staff, their organisation."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        COMMITTEE_STAFF = "committee_staff", _("Committee staff")
        BOARD_HEAD = "board_head", _("Organisation Board head")
        GRASSROOTS_STAFF = "grassroots_staff", _("Grassroots staff")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="grassroots_staff") | Q(organisation__isnull=False),
                name="recruitment_staffprofile_grassroots_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class ProcessingRecord(models.Model):
    """One processing of personal data: who viewed, exported, imported or changed which
    records, and when. Append-only: a record is never changed or deleted (the model refuses,
    and on PostgreSQL a trigger refuses too)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        IMPORT = "import", _("Imported")
        CHANGE = "change", _("Changed")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = acting_user(_("user"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    subject_type = models.CharField(_("record type"), max_length=40)
    subject_id = models.BigIntegerField(_("record id"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=300)
    count = models.PositiveIntegerField(_("records"), default=1)

    class Meta:
        verbose_name = _("processing record")
        verbose_name_plural = _("processing log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="recruitment_proc_subject")
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} {self.description}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The processing log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The processing log is append-only.")
