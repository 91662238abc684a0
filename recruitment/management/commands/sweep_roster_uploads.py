"""Delete the uploaded rosters of abandoned previews (older than ``ROSTER_UPLOAD_MAX_AGE``),
for a timer or cron job: the import page sweeps too, but only when someone opens it."""

from django.core.management.base import BaseCommand

from recruitment.roster.uploads import RosterUploadStorage


class Command(BaseCommand):
    help = "Delete uploaded roster files left by abandoned import previews."
    requires_system_checks = []

    def handle(self, *args, **options):
        removed = RosterUploadStorage.sweep()
        self.stdout.write(f"{removed} abandoned upload(s) deleted.")
