from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dues.errors import DuesError
from dues.services import invoices_issue_annual


class Command(BaseCommand):
    help = "Issue the dues invoices of a year for every active member not yet invoiced (safe to re-run)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="dues year (default: this year)")

    def handle(self, *args, year=None, **options):
        year = year or timezone.localdate().year
        try:
            count = invoices_issue_annual(year=year)
        except DuesError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Issued {count} invoice(s) for {year}.")
