"""Rehabana settings.

Development (the default) runs on SQLite with DEBUG on. ``DJANGO_ENV=production``
requires a secret key and allowed hosts from the environment and turns on every
transport-security setting, so that ``manage.py check --deploy`` is clean.
``DATABASE_URL`` selects PostgreSQL (or any database dj-database-url understands).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from rehabana.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = env_choice("DJANGO_ENV", "development", {"development", "production"})
PRODUCTION = DJANGO_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    DEBUG = env_bool("DJANGO_DEBUG", False)
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name the hosts in production.")
else:
    # A fixed key is fine for a development database of demo data; production refuses it.
    SECRET_KEY = env_str(
        "DJANGO_SECRET_KEY", "dev-only-insecure-key-8f3k2m1q9w7e5r4t6y8u0i2o4p6a8s0d2f4g6h8j"
    )
    DEBUG = env_bool("DJANGO_DEBUG", True)
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "rehabana.apps.ClinicAdminConfig",  # django.contrib.admin, without deletes
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "reference",
    "staff",
    "patients",
    "plans",
    "delivery",
    "desk",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in pages are never cached (Cache-Control: no-store, private).
    "rehabana.middleware.NoStoreWhenSignedIn",
    # Every page but login needs a signed-in user; views opt out explicitly.
    # An expired session's htmx request gets HX-Redirect to the login page (not the login
    # page inside the page) and the login page says the session expired.
    "rehabana.middleware.LoginRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records request.user as the author of every audited change.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rehabana.urls"
WSGI_APPLICATION = "rehabana.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "staff.context_processors.role",
                "rehabana.middleware.session_timing",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    )
}
# A request's writes (a record and its audit history) commit together or not at all.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# A persistent connection broken by a database restart is replaced, not reused.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "staff.User"
# django-axes counts failed sign-ins before the usual password check runs.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# This many failed sign-ins lock the account, whatever address they come from (guessing
# one password from many machines), and lock the address, whatever accounts it tries
# (one common password sprayed over many accounts). A successful sign-in resets the
# count. The lock lifts by itself after the cool-off, or at once when an administrator
# deletes the "access attempt" in the admin.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
# The (account, address) pair locks at LOGIN_FAILURE_LIMIT; an address alone, across any
# accounts, only at LOGIN_ADDRESS_FAILURE_LIMIT (staff/signin.py).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "staff.signin.SignInLockHandler"
AXES_LOCKOUT_CALLABLE = "staff.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "staff.signin.client_address"
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30, minimum=1)
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failed sign-in, for the audit trail
AXES_VERBOSE = False  # axes logs each failure with its own wording; ours is the page
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "staff.passwords.NotMadeOfNamesValidator"},
]

LANGUAGE_CODE = "en-gb"
# The clinic's text formats ("7 Nov 2026", 24-hour times) over the locale's: see
# rehabana/formats/en_GB/formats.py. Input formats live on the fields, as the locale's
# DATE_INPUT_FORMATS would win over the setting.
FORMAT_MODULE_PATH = "rehabana.formats"
TIME_ZONE = "Asia/Kolkata"
# Phone numbers typed without a country code are read in this region (ISO 3166-1 alpha-2)
# and stored in E.164 (rehabana/phones.py).
PHONE_REGION = "IN"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Production serves collected, hashed, compressed files from STATIC_ROOT; development and
# tests serve straight from the finders, so no collectstatic step is needed there.
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION
# Front-end packages come pinned from npm (package-lock.json); only their dist folders
# are exposed, under stable prefixes the templates use.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 15, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age above is an idle timeout, not a fixed lifetime
# The page warns this long before the idle timeout, with "Stay signed in" (static/js/session.js).
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 60, minimum=1)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Scripts only from our own static files: no inline script, no eval. Inline *styles*
# stay allowed for the widths of the mix and progress bars (style attributes).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

PAGE_SIZE = 25

# The clinic's name as patients know it: the appointment reminders sign with it.
CLINIC_NAME = env_str("CLINIC_NAME", "Rehabana Neuro-Rehabilitation Clinic")

# A discipline's adherence (delivered ÷ planned minutes) below this percentage in each of
# this many completed weeks running raises an alert on the chart and the dashboard.
ADHERENCE_ALERT_PERCENT = env_int("ADHERENCE_ALERT_PERCENT", 70, minimum=1)
ADHERENCE_ALERT_WEEKS = env_int("ADHERENCE_ALERT_WEEKS", 2, minimum=1)

# The clinic's minimum for signing an attended session's note: these parts of SOAP
# (subjective, objective, assessment, plan) written, and the minutes. An empty note
# signed is a record of nothing; the assessment and plan are what the next clinician
# reads first.
_SOAP_PARTS = ("subjective", "objective", "assessment", "plan")
REHABANA_NOTE_MINIMUM = tuple(env_list("NOTE_MINIMUM", ["assessment", "plan"]))
if _unknown := sorted(set(REHABANA_NOTE_MINIMUM) - set(_SOAP_PARTS)):
    raise ImproperlyConfigured(
        f"NOTE_MINIMUM names {', '.join(_unknown)}: the parts of a note are "
        f"{', '.join(_SOAP_PARTS)}."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
