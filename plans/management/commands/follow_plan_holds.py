"""Run once a day, after midnight in the clinic (cron, or the scheduler of the host):
plans whose dated holds begin or end that day change status."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from plans.services import follow_holds


class Command(BaseCommand):
    help = "Put plans on hold, or back to active, as their dated holds begin and end today."

    def handle(self, *args, **options):
        changed = follow_holds(today=timezone.localdate())
        for plan in changed:
            self.stdout.write(f"Plan {plan.pk}: {plan.get_status_display()}")
        self.stdout.write(f"{len(changed)} plan(s) changed status.")
