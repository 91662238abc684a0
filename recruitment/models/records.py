"""Roster imports, staff roles and the processing log."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..logchain import FIELDS, GENESIS, chain_hash
from ..querysets import ImportBatchQuerySet
from ..states import (
    ImportStatus,
    ProcessingAction,
    Role,
)
from .common import acting_user
from .organisations import Organisation


class ImportBatch(models.Model):
    """One roster import: who brought which file into which organisation, and the counts."""

    Status = ImportStatus

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

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} → {self.organisation} ({self.imported_at:%d/%m/%Y %H:%M})"


class StaffProfile(models.Model):
    """A user's role in the software and, for grassroots staff, their organisation."""

    Role = Role

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
                condition=~Q(role=Role.GRASSROOTS_STAFF) | Q(organisation__isnull=False),
                name="recruitment_staffprofile_grassroots_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class PasswordResetRequest(models.Model):
    """One request for a password-reset message: the address it came from and a keyed hash
    of the e-mail address asked for (not the address itself), counted by the throttle."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    account_key = models.CharField(_("e-mail address (hashed)"), max_length=64, db_index=True)

    class Meta:
        verbose_name = _("password-reset request")
        verbose_name_plural = _("password-reset requests")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.address}"


class ProcessingRecord(models.Model):
    """One processing of personal data: who viewed, exported, imported or changed which
    records, and when. Append-only: a record is never changed or deleted (the model refuses;
    on PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE, and the application's role may
    only INSERT and SELECT). Tamper-evident: each record carries the keyed hash of its content
    and of the record before it (``recruitment.logchain``)."""

    Action = ProcessingAction

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # No foreign key in the database: the log outlives user accounts, and keeps the name.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.CharField(_("by"), max_length=160, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    subject_type = models.CharField(_("record type"), max_length=40)
    subject_id = models.BigIntegerField(_("record id"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=300)
    count = models.PositiveIntegerField(_("records"), default=1)
    previous_hash = models.CharField(_("hash of the record before"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

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
        """Appends the record at the end of the chain (two queries and the insert; on
        PostgreSQL one more, the lock that keeps appends in order until the transaction
        ends)."""
        if self.pk is not None:
            raise PermissionError("The processing log is append-only.")
        with transaction.atomic(savepoint=False):
            connection = transaction.get_connection()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
            last = ProcessingRecord.objects.order_by("-id").values_list("hash", flat=True)[:1]
            self.previous_hash = next(iter(last), GENESIS)
            self.at = timezone.now()
            if not self.actor and self.user_id is not None:
                self.actor = self.user.get_username()
            self.hash = chain_hash(
                self.previous_hash, {name: getattr(self, name) for name in CHAINED}
            )
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The processing log is append-only.")


#: The advisory lock that serialises appends to the chain (an arbitrary, fixed number).
CHAIN_LOCK = 7_305_301
CHAINED = FIELDS


class DataChange(models.Model):
    """One transaction that wrote to the application's tables, counted for the figures kept
    between requests (``recruitment.datacache``). On PostgreSQL a statement trigger on every
    table of the application adds the row, in the writing transaction itself; readers fold
    old rows into the row numbered 0, keeping the sum of the weights."""

    id = models.BigAutoField(primary_key=True)
    txid = models.BigIntegerField(_("transaction"))
    weight = models.BigIntegerField(_("transactions"), default=1)

    class Meta:
        verbose_name = _("data change")
        verbose_name_plural = _("data changes")

    def __str__(self) -> str:
        return f"{self.pk}: {self.txid} × {self.weight}"
