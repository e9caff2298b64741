from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.clinic import DEMO_PASSWORD, STAFF, DemoClinic


class Command(BaseCommand):
    help = "Create a believable demo clinic (idempotent: running it again adds nothing)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            # The demo accounts share a published password, an administrator among them.
            raise CommandError("seed_demo refuses to run with DJANGO_ENV=production.")
        report = DemoClinic().build()
        self.stdout.write(
            f"Demo clinic ready: {report.staff} staff, {report.patients} patients, "
            f"{report.sessions} sessions, {report.assessments} assessments added."
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, first, last, role, discipline, _ in STAFF:
            label = role.label + (f", {discipline}" if discipline else "")
            self.stdout.write(f"  {username:<16} {first} {last} ({label})")
