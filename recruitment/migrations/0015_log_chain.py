"""The processing log becomes tamper-evident: each record carries the keyed hash of its
content and of the record before it (recruitment.logchain), the records already there are
chained in id order, the user is kept by name (``actor``) without a foreign key, and on
PostgreSQL a trigger refuses TRUNCATE as the existing one refuses UPDATE and DELETE."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from recruitment.logchain import FIELDS, GENESIS, chain_hash

TABLE = "recruitment_processingrecord"
NO_TRUNCATE = f"""
CREATE TRIGGER recruitment_processing_no_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION recruitment_processing_append_only();
"""


def chain_existing(apps, schema_editor):
    """Hash the records already in the log, in id order (the append-only trigger is set
    aside for this one migration, by the table's owner)."""
    Record = apps.get_model("recruitment", "ProcessingRecord")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(
            f"ALTER TABLE {TABLE} DISABLE TRIGGER recruitment_processing_append_only"
        )
    names = dict(User.objects.values_list("pk", "username"))
    previous = GENESIS
    for record in Record.objects.order_by("id").iterator():
        record.actor = names.get(record.user_id, "")
        record.previous_hash = previous
        record.hash = chain_hash(previous, {name: getattr(record, name) for name in FIELDS})
        Record.objects.filter(pk=record.pk).update(
            actor=record.actor, previous_hash=record.previous_hash, hash=record.hash
        )
        previous = record.hash
    if postgresql:
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ENABLE TRIGGER recruitment_processing_append_only"
        )
        schema_editor.execute(NO_TRUNCATE)


def unchain(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS recruitment_processing_no_truncate ON {TABLE}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0014_password_reset"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="processingrecord",
            name="actor",
            field=models.CharField(blank=True, max_length=160, verbose_name="by"),
        ),
        migrations.AddField(
            model_name="processingrecord",
            name="previous_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="hash of the record before"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="processingrecord",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="processingrecord",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, verbose_name="time"
            ),
        ),
        migrations.AlterField(
            model_name="processingrecord",
            name="user",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
        migrations.RunPython(chain_existing, unchain, elidable=False),
    ]
