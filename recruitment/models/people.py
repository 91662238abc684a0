"""People: the personal details members and candidates share, members and what happens to them."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import rules
from ..choices import (
    ETHNICITY_CHOICES,
    KINH,
    Gender,
    Occupation,
    PoliticalTheory,
    ProfessionalLevel,
    Religion,
)
from ..querysets import MemberEventQuerySet, MemberQuerySet
from ..states import (
    ACTIVE_STATUSES,
    LeavingReason,
    MemberEventKind,
    MemberStatus,
)
from ..text import name_keys
from .common import acting_user, citizen_id_validator, general_education_validator
from .organisations import Cell


class Person(models.Model):
    """Personal details shared by members and candidates."""

    full_name = models.CharField(_("full name"), max_length=120)
    # The name key is searched with "contains", which no B-tree index serves; the lists
    # are ordered by (sort_key, id), indexed in the members' and candidates' own Meta. Their
    # history tables are never searched or ordered by either: no index there to keep up
    # (a roster import writes thousands of history rows at once).
    name_key = models.CharField(_("name without diacritics"), max_length=120, editable=False)
    sort_key = models.CharField(
        _("Vietnamese sort key"), max_length=500, editable=False, default=""
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
        # Columns derived from the name, kept in step with it: search and Vietnamese order.
        for name, value in name_keys(self.full_name).items():
            setattr(self, name, value)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        # A malformed number is the field's own error (said once); a well-formed one is
        # checked against the birth date and gender.
        well_formed = len(self.citizen_id or "") == 12 and self.citizen_id.isdigit()
        if well_formed and self.date_of_birth and self.gender:
            problems = rules.citizen_id_problems(
                self.citizen_id, date_of_birth=self.date_of_birth, gender=self.gender
            )
            if problems:
                raise ValidationError({"citizen_id": problems})


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

    Status = MemberStatus

    ACTIVE_STATUSES = ACTIVE_STATUSES

    cell = models.ForeignKey(
        Cell, verbose_name=_("cell"), on_delete=models.PROTECT, related_name="members"
    )
    party_card_number = models.CharField(_("party card number"), max_length=20, blank=True)
    decision_date = models.DateField(_("admission decision date"))
    ceremony_date = models.DateField(_("ceremony date"), null=True, blank=True)
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
    earlier_decision_date = models.DateField(
        _("earlier admission decision date"),
        null=True,
        blank=True,
        help_text=_("Set on re-admission: the first admission, from which Party age counts."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Party member")
        verbose_name_plural = _("Party members")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["sort_key", "id"], name="recruitment_member_order"),
            # Admissions of a period (dashboards count by either date), with the cell (and the
            # id the cancelled decisions are looked up by), so that the counts per organisation
            # read the index alone on PostgreSQL, not rows scattered over the table.
            models.Index(
                fields=["decision_date"], include=["cell", "id"], name="recruitment_member_decided"
            ),
            models.Index(
                fields=["ceremony_date"], include=["cell", "id"], name="recruitment_member_sworn"
            ),
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
            # Official after the ceremony; a roster that gives no ceremony date (most do not:
            # their "Ngày vào Đảng" is the decision) still puts it after the decision.
            models.CheckConstraint(
                condition=Q(official_date__isnull=True)
                | (Q(ceremony_date__isnull=False) & Q(official_date__gt=F("ceremony_date")))
                | (Q(ceremony_date__isnull=True) & Q(official_date__gt=F("decision_date"))),
                name="recruitment_member_official_after_ceremony",
            ),
            models.CheckConstraint(
                condition=~Q(status=MemberStatus.OFFICIAL) | Q(official_date__isnull=False),
                name="recruitment_member_official_has_official_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=MemberStatus.PROBATIONARY) | Q(official_date__isnull=True),
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

    @property
    def awaiting_ceremony(self) -> bool:
        """Admitted by the decision, ceremony not yet held: not yet probationary (probation
        runs from the ceremony)."""
        return self.status == MemberStatus.PROBATIONARY and self.ceremony_date is None

    @property
    def status_css(self) -> str:
        return "awaiting_ceremony" if self.awaiting_ceremony else self.status

    def status_label(self) -> str:
        """The status as lists and pages show it ("admitted, awaiting ceremony" between the
        decision and the ceremony)."""
        if self.awaiting_ceremony:
            return str(_("Admitted, awaiting ceremony"))
        return str(self.get_status_display())

    def party_age_days(self, on: date) -> int:
        """Party age counts from the (first) admission decision, less time outside the Party."""
        start = self.earlier_decision_date or self.decision_date
        return max((on - start).days - self.days_outside_party, 0)

    def party_age_months(self, on: date) -> int:
        """Party age in whole calendar months (Hướng dẫn 01-HD/TW): from the admission
        decision, the start moved on by the days spent outside the Party, counted by the
        calendar (02/09/1995 to 26/08/2025 is 29 years 11 months, not 30 years)."""
        start = (self.earlier_decision_date or self.decision_date) + timedelta(
            days=self.days_outside_party
        )
        if on < start:
            return 0
        return rules.age_in_months(start, on)


class MemberEvent(models.Model):
    """Something that happened to a member after admission: transfer, death, striking off, ..."""

    Kind = MemberEventKind

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
    deadline_extended = models.BooleanField(
        _("the committee above extended the deadline"), default=False
    )
    leaving_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=LeavingReason.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = acting_user(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = MemberEventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member event")
        verbose_name_plural = _("member events")
        ordering = ["member", "date", "id"]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_kind_display()} ({self.date:%d/%m/%Y})"
