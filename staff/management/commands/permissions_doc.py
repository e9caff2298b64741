from django.core.management.base import BaseCommand

from staff.permissions import permissions_markdown


class Command(BaseCommand):
    help = "Print docs/permissions.md, generated from the permission table."

    def handle(self, *args, **options):
        self.stdout.write(permissions_markdown(), ending="")
