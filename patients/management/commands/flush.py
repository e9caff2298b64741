from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

from patients.guards import database_maintenance


class Command(DjangoFlush):
    """Django's flush, which empties every table (the test harness runs it between
    transactional tests): on PostgreSQL it passes the TRUNCATE guards of the tables kept
    forever through the sanctioned maintenance setting, for its own run only."""

    def handle(self, **options):
        with database_maintenance(connections[options["database"]]):
            return super().handle(**options)
