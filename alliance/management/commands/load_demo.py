from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from alliance import demo


class Command(BaseCommand):
    help = "Load the fictional demo data of every app (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        autodiscover_modules("demo")
        with transaction.atomic():
            for load in demo.loaders():
                load()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Demo logins (password: {demo.DEMO_PASSWORD}):")
        )
        for role, username in demo.logins():
            self.stdout.write(f"  {role:<22} {username}")
