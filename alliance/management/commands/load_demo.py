from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from alliance import demo
from alliance.db import analyze
from alliance.models import OutgoingEmail
from alliance.outbox import outbox_record_history_sent


class Command(BaseCommand):
    help = "Load the fictional demo data of every app (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        autodiscover_modules("demo")
        with transaction.atomic():
            before = OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            for load in demo.loaders():
                load()
            # The demo's emails belong to its history: recorded as sent, never mailed.
            outbox_record_history_sent(after_pk=before)
        # The demo fills most tables at once: fresh statistics for every one of them.
        analyze()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Demo logins (password: {demo.DEMO_PASSWORD}):")
        )
        for role, username in demo.logins():
            self.stdout.write(f"  {role:<22} {username}")
