"""Fill the database with the Phủ Lý demo committee (see ``recruitment.demo``)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from recruitment.demo import DEFAULT_SEED, build_demo, delete_demo_data, demo_logins
from recruitment.models import Organisation


class Command(BaseCommand):
    help = (
        "Build the Phủ Lý demo committee as it stood on 26/03/2024 (68 grassroots "
        "organisations, 9,805 members, quotas, candidates) and the demo users, then continue "
        "it through 31/10/2026 (admissions, the reorganisation of 01/07/2025 under a province "
        "committee, the 2025-2030 term, the 2025 and 2026 quotas) unless --snapshot. "
        "--reset first deletes all organisations, cells, members, candidates, quotas, "
        "terms and the demo users."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (but print the demo logins) when any organisation exists.",
        )
        parser.add_argument("--reset", action="store_true", help="Delete the existing data first.")
        parser.add_argument(
            "--snapshot",
            action="store_true",
            help="Stop at the snapshot of 26/03/2024 (no later admissions, no reorganisation).",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Copies of the grassroots organisations and their people (default 1).",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed (default 2024)."
        )

    def handle(
        self, *args, if_empty: bool, reset: bool, snapshot: bool, scale: int, seed: int, **options
    ):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if if_empty and reset:
            raise CommandError("--if-empty and --reset contradict each other; give one.")
        if Organisation.objects.exists():
            if if_empty:
                self.stdout.write("Organisations already exist: nothing created (--if-empty).")
                self._print_logins()
                return
            if not reset:
                raise CommandError(
                    "The database already holds organisations. Run with --reset to delete them "
                    "and build the demo data again, or with --if-empty to leave them alone."
                )
        started = time.perf_counter()
        with transaction.atomic():
            if reset:
                delete_demo_data()
            summary = build_demo(scale=scale, seed=seed, continued=not snapshot)
        # Statistics for the query planner, as PostgreSQL advises after a bulk load: without
        # them it plans for nearly empty tables (nested loops over 10,000 members) until
        # autovacuum's next pass, and forever where autovacuum is off.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data built in {elapsed:.1f} s (scale {summary.scale}, seed {summary.seed}): "
                f"{summary.grassroots_organisations:,} grassroots organisations, "
                f"{summary.committee_cells:,} cells under grassroots committees, "
                f"{summary.members:,} members ({summary.admitted_in_term:,} admitted in the "
                f"term), {summary.candidates:,} candidates with {summary.stage_records:,} "
                f"stage records, {summary.quotas:,} quotas."
            )
        )
        if not snapshot:
            self.stdout.write(
                "Continued through 31/10/2026: admissions of 2024-2026, on 01/07/2025 the "
                "organisations under four ward committees of Tỉnh ủy Ninh Bình (an illustrative "
                "mapping), the 2025-2030 term, the 2025 and 2026 quotas."
            )
        self._print_logins()

    def _print_logins(self) -> None:
        logins = demo_logins()
        if not logins:
            self.stdout.write("No demo users in this database.")
            return
        self.stdout.write("Demo logins:")
        width = max(len(login.username) for login in logins)
        for login in logins:
            where = f" – {login.organisation}" if login.organisation else ""
            self.stdout.write(
                f"  {login.username:<{width}}  password {login.password}  {login.role}{where}"
            )
