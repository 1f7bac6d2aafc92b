from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from identity.conf import settings
from identity.services.audit import verify_chain
from identity.services.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Delete audit rows older than AUDIT_RETENTION_DAYS (six years by default). The database refuses "
        "to delete younger rows; the hash chain stays verifiable from an anchor. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count the rows that would go, delete nothing")

    def handle(self, *args, dry_run: bool, **options):
        days = settings.AUDIT_RETENTION_DAYS
        try:
            purge = purge_expired(days, dry_run=dry_run)
        except DatabaseError as error:
            raise CommandError(
                f"the database refused the purge ({error}); audit rows younger than six years are kept, "
                f"so AUDIT_RETENTION_DAYS={days} is too short"
            ) from error
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {purge.rows} audit rows created before {purge.cutoff:%Y-%m-%d %H:%M:%S} UTC")
        if not dry_run:
            check = verify_chain()
            if not check["valid"]:
                raise CommandError(f"the audit chain does not verify: first broken row {check['firstBrokenId']}")
            self.stdout.write(f"the audit chain verifies ({check['checked']} rows)")
