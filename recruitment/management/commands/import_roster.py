"""Import a member roster (.xlsx or .csv) from the command line, with the same service as
the import page and the admin: nothing is written when any row is rejected."""

import getpass
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from recruitment.models import Cell, Organisation
from recruitment.priority import run_at_nice
from recruitment.processing import acting_as
from recruitment.roster.origin import other_organisation
from recruitment.roster.plan import ImportChanged
from recruitment.roster.read import RosterFileError
from recruitment.roster.service import (
    importable_organisations,
    roster_import,
    roster_preview,
    roster_read,
)
from recruitment.text import mask_citizen_id, search_key

#: Warnings listed at the default verbosity (a file whose every citizen ID lost its zeros
#: has one per row).
WARNINGS_LISTED = 20

#: The nice value a command-line import runs at (``--priority low``; the web server runs at 0).
IMPORT_NICENESS = 10

CITIZEN_ID = re.compile(r"(?<!\d)\d{12}(?!\d)")


def masked(text: str) -> str:
    return CITIZEN_ID.sub(lambda match: mask_citizen_id(match.group(0)), text)


def organisation_of_cells(names: set[str]) -> Organisation:
    """The one grassroots organisation that has every cell the file names (by search key),
    its own or its sub-committees'."""
    wanted = {search_key(str(name)) for name in names if name}
    grassroots = set(Organisation.objects.grassroots().values_list("id", flat=True))
    found: dict[int, set[str]] = {}
    for organisation_id, parent_id, name in Cell.objects.values_list(
        "organisation_id", "organisation__parent_id", "name"
    ):
        key = search_key(name)
        if key in wanted:
            found.setdefault(organisation_id, set()).add(key)
            if parent_id:
                found.setdefault(parent_id, set()).add(key)
    matches = [pk for pk, keys in found.items() if keys == wanted and pk in grassroots]
    if len(matches) != 1:
        raise CommandError(
            "Cannot tell the organisation from the file's cells; give --organisation CODE."
        )
    return Organisation.objects.get(pk=matches[0])


class Command(BaseCommand):
    help = "Import a member roster into an organisation (all rows or none)."
    # A data command: the system checks run with every server start and in CI, not here.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--organisation",
            help="The organisation's code (by default, the one whose cells the file names).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, write nothing."
        )
        parser.add_argument(
            "--user",
            help="The account the import is recorded under (by default the operating system's "
            "user, written os:NAME in the processing log).",
        )
        parser.add_argument(
            "--priority",
            choices=["low", "normal"],
            default="low",
            help=f"low (the default): run at nice {IMPORT_NICENESS}, below the web server, so "
            "that the staff's pages stay quick while a large roster is read and checked; "
            "normal: at the server's priority.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Import even though the file's titles or cells name another organisation.",
        )

    def handle(
        self,
        *args,
        file: Path,
        organisation: str | None,
        dry_run: bool,
        force: bool = False,
        user: str | None = None,
        priority: str = "low",
        **options,
    ):
        if priority == "low":
            nice = run_at_nice(IMPORT_NICENESS)
            if options.get("verbosity", 1) >= 2:
                self.stdout.write(f"Running at nice {nice} (--priority low).")
        account = None
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"No active account {user!r}.")
        with acting_as(f"os:{getpass.getuser()}"):
            self.run(file, organisation, dry_run, force, account, options.get("verbosity", 1))

    def report(self, rows, verbosity: int) -> None:
        """Every rejected row's reasons; the first ``WARNINGS_LISTED`` warnings (all of them
        from verbosity 2), then how many more. Output may end in a log: citizen IDs
        masked."""
        shown = 0
        for row in rows:
            for problem in row.problems:
                self.stdout.write(
                    masked(f"  row {problem.row}, {problem.column}: {problem.message}")
                )
            for warning in row.warnings:
                shown += 1
                if shown <= WARNINGS_LISTED or verbosity >= 2:
                    self.stdout.write(
                        masked(
                            f"  row {warning.row}, {warning.column} (warning): {warning.message}"
                        )
                    )
        if shown > WARNINGS_LISTED and verbosity < 2:
            self.stdout.write(
                f"  … and {shown - WARNINGS_LISTED:,} more warnings (--verbosity 2 lists them "
                "all; the import page lists them too)."
            )

    @staticmethod
    def may_import(account, target: Organisation) -> None:
        if account is not None and not importable_organisations(account).filter(pk=target.pk):
            raise CommandError(f"{account.username} may not import into {target.code}.")

    def run(
        self, file: Path, organisation, dry_run: bool, force: bool, account, verbosity: int = 1
    ) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        target = None
        if organisation:
            try:
                target = Organisation.objects.get(code=organisation)
            except Organisation.DoesNotExist:
                raise CommandError(f"No organisation with code {organisation!r}.") from None
            self.may_import(account, target)
        try:
            # Given the organisation, the rows are checked against it while the file is read.
            roster = roster_read(
                data=data, file_name=file.name, organisation=target, for_import=not dry_run
            )
        except RosterFileError as error:
            raise CommandError(str(error)) from None
        if target is None:
            target = organisation_of_cells({values["cell"] for _row, values in roster.rows})
            self.may_import(account, target)
        elsewhere = other_organisation(organisation=target, roster=roster)
        if elsewhere is not None and not force:
            raise CommandError(
                f"The file names {elsewhere.code} ({elsewhere.name}), not {target.code}: give "
                f"--organisation {elsewhere.code}, or --force to import it into {target.code}."
            )
        try:
            if dry_run:
                result = roster_preview(organisation=target, roster=roster)
            else:
                result = roster_import(
                    user=account, organisation=target, roster=roster, file_name=file.name
                )
        except ImportChanged as error:
            raise CommandError(str(error)) from None
        counts = result.plan.counts
        self.stdout.write(
            f"{file.name} → {target.code}: {counts['new']} new, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['rejected']} rejected."
        )
        self.report(result.plan.rows, verbosity)
        if not result.plan.can_apply:
            raise CommandError("Rows are rejected: nothing was imported.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        self.stdout.write(self.style.SUCCESS(f"Imported (batch {result.batch.pk})."))
