"""Check the processing log's hash chain (recruitment.logchain): a deleted, changed or
backdated record, or one inserted by someone without the key, is reported by its id and the
command fails. ``--head ID:HASH`` (what an earlier run printed, kept outside the database,
for instance beside the backups) also catches the deletion of the last records."""

from django.core.management.base import BaseCommand, CommandError

from recruitment.logchain import FIELDS, breaks
from recruitment.models import ProcessingRecord

EXPLAIN = {
    "missing": "does not follow the record before it (a record was deleted or inserted)",
    "changed": "was changed after it was written (or written without the key)",
    "backdated": "is dated before the record before it (backdated)",
}


class Command(BaseCommand):
    help = "Verify that the processing log is complete and unchanged (its hash chain)."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--head",
            help="ID:HASH of the last record an earlier run reported: it must still be there.",
        )

    def handle(self, *args, head: str | None = None, **options):
        records = (
            ProcessingRecord.objects.order_by("id")
            .values("id", "previous_hash", "hash", *FIELDS)
            .iterator(chunk_size=2000)
        )
        problems, count, last = [], 0, None

        def counted():
            nonlocal count, last
            for values in records:
                count += 1
                last = values
                yield values

        for found in breaks(counted()):
            problems.append(f"record {found.record_id} {EXPLAIN[found.kind]}")
        if head:
            problems += self.head_problems(head)
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                f"The processing log has been tampered with: {len(problems)} problems."
            )
        if last is None:
            self.stdout.write("The processing log is empty.")
        else:
            self.stdout.write(f"{count} records, chain intact. Head: {last['id']}:{last['hash']}")

    def head_problems(self, head: str) -> list[str]:
        """Whether the head an earlier run reported is still in the log, unchanged."""
        record_id, _, digest = head.partition(":")
        if not record_id.isdigit() or len(digest) != 64:
            raise CommandError("--head must be ID:HASH, as an earlier run printed it.")
        stored = ProcessingRecord.objects.filter(pk=int(record_id)).values_list("hash", flat=True)
        if list(stored) != [digest]:
            return [f"record {record_id}, the head of an earlier run, is missing or changed"]
        return []
