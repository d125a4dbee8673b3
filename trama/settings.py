"""Trama settings: one module, driven by the environment.

SQLite out of the box (zero set-up); PostgreSQL with DATABASE_URL.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Demo mode: the login page lists the demo users and two-factor authentication is off by default
# (make run sets it).
TRAMA_DEMO_MODE = env_bool("TRAMA_DEMO_MODE", False)
# Backups are encrypted with age (age-encryption.org) for these public keys ("age1...", comma-separated); the
# matching private key stays off the server and is needed only to restore (manage.py restore --identity FILE).
TRAMA_BACKUP_RECIPIENTS = [r.strip() for r in os.environ.get("TRAMA_BACKUP_RECIPIENTS", "").split(",") if r.strip()]
# The fallback key is only good for a laptop, the demo (`make run`) and the tests. With DEBUG off and
# outside demo mode Trama refuses to *serve* with it (anyone could forge sessions and password-reset
# links): `manage.py runserver` and every WSGI/ASGI server (trama/wsgi.py sets TRAMA_SERVING) stop
# with ImproperlyConfigured. Other management commands (makemigrations, the test run of `make test`
# with DEBUG off) still work, and `manage.py check --deploy` reports the key.
DEVELOPMENT_SECRET_KEY = "django-insecure-trama-development-key-change-me"  # noqa: S105 - refused when serving
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# pytest-django imports these settings from inside pytest; `manage.py test` is the other test runner.
RUNNING_TESTS = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
SERVING = sys.argv[1:2] == ["runserver"] or env_bool("TRAMA_SERVING", False)
if SECRET_KEY == DEVELOPMENT_SECRET_KEY and SERVING and not (DEBUG or TRAMA_DEMO_MODE or RUNNING_TESTS):
    raise ImproperlyConfigured(
        "SECRET_KEY non impostata: con DEBUG spento Trama non si avvia con la chiave di sviluppo. "
        "Imposta la variabile d'ambiente SECRET_KEY (una stringa casuale lunga), oppure DEBUG=1 per "
        "sviluppare o TRAMA_DEMO_MODE=1 per la demo. / SECRET_KEY is not set: with DEBUG off Trama "
        "refuses to serve with the development key. Set SECRET_KEY (DEBUG=1 to develop, "
        "TRAMA_DEMO_MODE=1 for the demo)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves the static files under runserver too (make run), as in production: compressed, with
    # hashed names and a far-future cache lifetime. Before staticfiles, whose runserver would serve them itself.
    "whitenoise.runserver_nostatic",
    "trama.apps.StaticFilesConfig",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "auditlog",
    "common",
    "accounts",
    "organisation",
    "families",
    "assessments",
    "plans",
    "network",
    "governance",
    "quality",
    "reporting",
    "portal",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "api",
    "interventions",
    "scuola",
    "vicinanza",
    "django_tasks",
    "django_tasks_db",
    "exports",
    "privacy",
    "registri",
    "audit",
    "core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after the session's user is known: no-store on every response to a logged-in user (or an API token).
    "common.middleware.NoStoreMiddleware",
    "portal.middleware.PortalLocaleMiddleware",  # staff pages stay Italian; /famiglia/ in the member's language
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: they tell the user why they were logged out or sent to the 2FA page.
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trama.urls"
WSGI_APPLICATION = "trama.wsgi.application"

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
                "core.context_processors.trama",
                "network.context_processors.network",
            ],
        },
    },
]

# Form widgets rendered by Jinja2 (Django's own widget templates, the same markup): a dropdown's options cost
# one template include each with Django's engine, which made the filter forms a fifth of a list page's time.
# The admin's own widget templates exist only for Django's engine: common.renderers falls back to it for those.
FORM_RENDERER = "common.renderers.Renderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a small ambito's users at once (core/tests/test_sqlite_concurrency.py):
    # - WAL: readers never wait for the writer, nor the writer for them;
    # - IMMEDIATE: a transaction takes the write lock when it begins, so two writers queue at BEGIN (where the
    #   busy timeout applies) instead of both reading and then failing with "database is locked" on their first
    #   write, which SQLite cannot wait out in a deferred transaction;
    # - busy timeout (and sqlite3's own timeout): a writer waits up to 20 s for the lock;
    # - synchronous=NORMAL: safe with WAL (a power cut may lose the last transactions, never corrupt the file).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000",
    })
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Checks silenced on purpose, each with its reason.
SILENCED_SYSTEM_CHECKS: list[str] = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # models.W040 "SQLite does not support indexes with non-key columns": the covering indexes (Index(include=...),
    # interventions.Intervento) are for PostgreSQL's index-only scans; SQLite builds them as plain indexes on the
    # key columns, which is all the embedded default needs.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out username + address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
TRAMA_PASSWORD_MIN_LENGTH = int(os.environ.get("TRAMA_PASSWORD_MIN_LENGTH", "12"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator",
     "OPTIONS": {"min_length": TRAMA_PASSWORD_MIN_LENGTH}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Django's list plus the one shipped in accounts/data/ (see accounts/validators.py).
    {"NAME": "accounts.validators.BreachedPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Two-factor authentication (django-otp, TOTP + single-use recovery codes). When required, every
# user with a staff role (every role but "famiglia") must enrol before using any page. Off by
# default while developing and in the demo of `make run`, on in production.
TRAMA_REQUIRE_2FA = env_bool("TRAMA_REQUIRE_2FA", not DEBUG and not TRAMA_DEMO_MODE and not RUNNING_TESTS)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Trama")
TRAMA_RECOVERY_CODES = 10
# Log out after this many minutes without a request (the session cookie's age is the upper bound).
TRAMA_SESSION_IDLE_MINUTES = int(os.environ.get("TRAMA_SESSION_IDLE_MINUTES", "30"))

# Login throttling (django-axes): locked by the pair username + client address, so that one person's
# mistakes never lock out a colleague behind the same office address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
# Beside it, a higher limit per address whatever the username (password spraying): accounts.security.
AXES_HANDLER = "accounts.security.AddressThrottleHandler"
TRAMA_ADDRESS_FAILURE_LIMIT = int(os.environ.get("TRAMA_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
AXES_VERBOSE = False
# Number of reverse proxies in front of Trama that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRAMA_PROXY_COUNT = int(os.environ.get("TRAMA_PROXY_COUNT", "0"))

LANGUAGE_CODE = "it"
# More languages arrive with their gettext catalogues (the family portal first).
LANGUAGES = [("it", _("Italiano")), ("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية"),
             ("ro", "Română"), ("sq", "Shqip"), ("uk", "Українська"), ("zh-hans", "中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Family members' sessions end after this many seconds of inactivity (portal.middleware).
PORTAL_SESSION_SECONDS = int(os.environ.get("PORTAL_SESSION_SECONDS", 30 * 60))
# Family members get a reminder of their meetings this many days ahead (manage.py send_portal_reminders).
PORTAL_REMINDER_DAYS = int(os.environ.get("PORTAL_REMINDER_DAYS", "1"))
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded documents (consents...) hold personal data: they live outside the web root and are
# served only through views that check access.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media-non-servito/"

# Cached aggregates (the budget's): per process by default. CACHE_DIR shares them between the processes of
# one server (gunicorn workers), so that each is computed once, not once per worker. Correctness never depends
# on the cache: its keys carry the data's version (interventions.activity).
if os.environ.get("CACHE_DIR"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": os.environ["CACHE_DIR"], "TIMEOUT": 6 * 3600,
                          "OPTIONS": {"MAX_ENTRIES": 5000}}}

# Background work (large exports): django-tasks with its database backend; `manage.py db_worker` runs the
# queue (make run starts one). TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs them inline.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# GDPR: closed families are anonymised this many years after closing (manage.py anonymise_expired),
# unless on legal hold. Ten years follows the usual retention of social-services case files; set it by law/policy.
TRAMA_RETENTION_YEARS = int(os.environ.get("TRAMA_RETENTION_YEARS", "10"))
# Finished exports are kept this many days, then `manage.py prune_exports` deletes them.
EXPORT_RETENTION_DAYS = int(os.environ.get("EXPORT_RETENTION_DAYS", "7"))
# Static files: `collectstatic` (make run runs it) writes them to STATIC_ROOT with a hash of their content in the
# name and a gzip and a brotli copy beside each; WhiteNoise serves the compressed copy a browser accepts, and
# hashed names with a cache lifetime of ten years (a new version of a file is a new name). DEBUG and the tests
# serve the files as they are from static/ (no collectstatic needed).
HASHED_STATIC = not (DEBUG or RUNNING_TESTS)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if HASHED_STATIC
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not HASHED_STATIC
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_COOKIE_HTTPONLY = True
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS and not DEBUG:
    # Behind a reverse proxy that terminates TLS, say which header carries the scheme
    # (SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto); the redirect to HTTPS then follows it.
    if os.environ.get("SECURE_PROXY_SSL_HEADER"):
        header = "HTTP_" + os.environ["SECURE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_")
        SECURE_PROXY_SSL_HEADER = (header, "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # /healthz answers on plain HTTP too, for the proxy's and the orchestrator's probes.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole domain (often the Comune's) to HTTPS in every browser for good:
        # it is the domain owner's decision, not Trama's. Off unless SECURE_HSTS_PRELOAD=1.
        SILENCED_SYSTEM_CHECKS.append("security.W021")

# Content-Security-Policy (django-csp): scripts and styles from our own static files only, no inline
# script, no inline style, no framing. Bootstrap Italia's bundle sets styles through the CSSOM
# (element.style), which CSP allows; htmx's indicator <style> is switched off in base.html.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],  # Bootstrap Italia's CSS embeds one icon font as a data: URL
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Trama <noreply@localhost>")
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 3600))

AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
# django-auditlog's own LogEntry is swapped for audit.AuditEntry; without its migrations Django creates
# no table for it (a stray table would also block TRUNCATE of content types in PostgreSQL tests).
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_REMOTE_ADDR = False
# Restores (loaddata) must not write audit entries about themselves.
AUDITLOG_DISABLE_ON_RAW_SAVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.TramaAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "api.exceptions.italian_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Trama API",
    "DESCRIPTION": "API REST v1 di Trama: le stesse regole di accesso dell'interfaccia (404 fuori dal proprio ambito).",
    "VERSION": "1.0.0",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # One name for the path's states wherever they appear (state, from_state, to_state).
    # Two "ruolo": a person's role in the family and the professional role of an activity.
    "ENUM_NAME_OVERRIDES": {"StatoEnum": "families.models.Stato", "RuoloFamiliareEnum": "families.models.Person.Ruolo",
                            "RuoloProfessionaleEnum": "interventions.models.Ruolo",
                            "StatoInvioEnum": "network.models.Referral.Stato"},
}

# --- Trama -------------------------------------------------------------------------------------
# TRAMA_DEMO_MODE is read at the top (it decides whether the development SECRET_KEY is allowed).
TRAMA_DEMO_PASSWORD = os.environ.get("TRAMA_DEMO_PASSWORD", "trama-demo-2026")
# Target children of P.I.P.P.I.: 0-11 years, and 11-14 for about a fifth of the families.
TRAMA_TARGET_MAX_AGE = int(os.environ.get("TRAMA_TARGET_MAX_AGE", "14"))
TRAMA_FAMILIES_PER_PAGE = 25
# An alert to the RT when one user opens more than this many families within the window.
TRAMA_BULK_ACCESS_THRESHOLD = int(os.environ.get("TRAMA_BULK_ACCESS_THRESHOLD", "40"))
# Days within which a complaint must be answered (Carta dei servizi).
TRAMA_COMPLAINT_DAYS = int(os.environ.get("TRAMA_COMPLAINT_DAYS", "30"))
TRAMA_BULK_ACCESS_MINUTES = int(os.environ.get("TRAMA_BULK_ACCESS_MINUTES", "10"))
