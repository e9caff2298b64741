import pytest
from django.core.management import call_command


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    """The demo clinic (17 staff, 40 patients, ~3.7k sessions), seeded once."""
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)
