"""Import a member roster (.xlsx or .csv) from the command line, with the same code as the
import page: nothing is written when any row is rejected."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recruitment.models import Organisation
from recruitment.roster.plan import ImportChanged, apply_plan, make_plan
from recruitment.roster.read import RosterFileError, read


class Command(BaseCommand):
    help = "Import a member roster into an organisation (all rows or none)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="The organisation's code.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, write nothing."
        )

    def handle(self, *args, file: Path, organisation: str, dry_run: bool, **options):
        try:
            target = Organisation.objects.get(code=organisation)
        except Organisation.DoesNotExist:
            raise CommandError(f"No organisation with code {organisation!r}.") from None
        data = file.read_bytes()
        try:
            roster = read(data, filename=file.name)
        except RosterFileError as error:
            raise CommandError(str(error)) from None
        plan = make_plan(roster, target)
        counts = plan.counts
        self.stdout.write(
            f"{file.name} → {target.code}: {counts['new']} new, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['rejected']} rejected."
        )
        for row in plan.rows:
            for problem in row.problems:
                self.stdout.write(f"  row {problem.row}, {problem.column}: {problem.message}")
            for warning in row.warnings:
                self.stdout.write(
                    f"  row {warning.row}, {warning.column} (warning): {warning.message}"
                )
        if not plan.can_apply:
            raise CommandError("Rows are rejected: nothing was imported.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            batch = apply_plan(
                roster,
                target,
                user=None,
                file_name=file.name,
                sha256=hashlib.sha256(data).hexdigest(),
                expected=plan.fingerprint(),
            )
        except ImportChanged as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported (batch {batch.pk})."))
