"""Elite candidates, the record of each stage of their pipeline, and their introducers."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..querysets import CandidateQuerySet, IntroducerQuerySet, StageRecordQuerySet
from ..states import (
    CLOSED_STAGES,
    PIPELINE,
    IntroductionKind,
    Stage,
)
from .common import acting_user
from .organisations import Cell
from .people import Member, Person, person_constraints


class Candidate(Person):
    """An elite candidate (quần chúng ưu tú) moving through the admission pipeline."""

    Stage = Stage

    #: The pipeline in order; REJECTED and CANCELLED end it early.
    PIPELINE = PIPELINE
    CLOSED_STAGES = CLOSED_STAGES

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
    # A foreign key, not one-to-one: a re-admitted member has two candidacies.
    member = models.ForeignKey(
        Member,
        verbose_name=_("became member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = CandidateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("elite candidate")
        verbose_name_plural = _("elite candidates")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["sort_key", "id"], name="recruitment_candidate_order"),
            # The dashboard leaves out admissions whose decision was cancelled (a few rows
            # among a province's candidates): found without reading them all.
            models.Index(
                fields=["member"],
                condition=Q(stage=Stage.CANCELLED),
                name="recruitment_cand_cancelled",
            ),
        ]
        constraints = [
            *person_constraints("candidate"),
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=~Q(stage__in=CLOSED_STAGES),
                name="recruitment_candidate_citizen_id_unique_while_open",
                violation_error_message=_(
                    "A candidate with this citizen ID is already in the pipeline."
                ),
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=True)
                | Q(stage__in=[Stage.DECISION, Stage.CEREMONY, Stage.CANCELLED]),
                name="recruitment_candidate_member_only_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(stage__in=[Stage.DECISION, Stage.CEREMONY]),
                name="recruitment_candidate_decision_has_member",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("recruitment:candidate-detail", args=[self.pk])


class StageRecord(models.Model):
    """One stage of a candidate's pipeline: when, by which document, who signed and acted."""

    IntroductionKind = IntroductionKind

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
    #: The higher committee's document allowing an exception: the province-level committee's
    #: decision admitting someone over the age limit (cell resolution), the committee above's
    #: approval of a ceremony after the deadline (ceremony).
    approval_number = models.CharField(
        _("number of the approving document"), max_length=50, blank=True
    )
    approval_date = models.DateField(_("date of the approving document"), null=True, blank=True)
    recorded_by = acting_user(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = StageRecordQuerySet.as_manager()
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


class Introducer(models.Model):
    """An official member introducing a candidate, and since when they have known them."""

    record = models.ForeignKey(
        StageRecord, verbose_name=_("stage record"), on_delete=models.CASCADE
    )
    member = models.ForeignKey(
        Member, verbose_name=_("introducing member"), on_delete=models.PROTECT
    )
    known_since = models.DateField(_("has known the candidate since"))

    objects = IntroducerQuerySet.as_manager()

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
