"""The statutory parameters in force since 2016, one row per revision of the regulations."""

import datetime

from django.db import migrations

RULE_SETS = [
    (datetime.date(2016, 7, 25), "Quy định 29-QĐ/TW; Hướng dẫn 01-HD/TW (2016)"),
    (datetime.date(2021, 7, 30), "Quy định 24-QĐ/TW; Hướng dẫn 01-HD/TW (2021)"),
    (datetime.date(2025, 1, 20), "Quy định 232-QĐ/TW (2025)"),
    (datetime.date(2025, 7, 1), "Quy định 294-QĐ/TW; Hướng dẫn 06-HD/TW (2025)"),
]


def add_rule_sets(apps, schema_editor):
    RuleSet = apps.get_model("recruitment", "RuleSet")
    for effective_from, reference in RULE_SETS:
        # The parameters these revisions share are the model's defaults.
        RuleSet.objects.get_or_create(
            effective_from=effective_from, defaults={"reference": reference}
        )


def remove_rule_sets(apps, schema_editor):
    RuleSet = apps.get_model("recruitment", "RuleSet")
    RuleSet.objects.filter(effective_from__in=[day for day, _ in RULE_SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0001_initial")]

    operations = [migrations.RunPython(add_rule_sets, remove_rule_sets)]
