import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dues.services import reminders_send


class Command(BaseCommand):
    help = "Send the dues reminders due on a day (each invoice and stage at most once; safe to re-run)."

    def add_arguments(self, parser):
        parser.add_argument("--date", default=None, help="YYYY-MM-DD (default: today)")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from error
        count = reminders_send(today=today)
        self.stdout.write(f"Queued {count} reminder(s) for {today.isoformat()}.")
