from django.core.management.base import BaseCommand

from secretariat import services


class Command(BaseCommand):
    help = "Raise or update the participation-rule flags (003 art. 9); statuses change only on confirmation."

    def handle(self, *args, **options):
        count = services.participation_recompute()
        self.stdout.write(self.style.SUCCESS(f"{count} participation flags raised or updated."))
