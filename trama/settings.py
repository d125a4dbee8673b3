"""Trama settings: one module, driven by the environment.

SQLite out of the box (zero set-up); PostgreSQL with DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The fallback key is only good for a laptop: `manage.py check --deploy` flags it, and the
# production section of the README requires SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-trama-development-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "auditlog",
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
    "portal.middleware.PortalLocaleMiddleware",  # staff pages stay Italian; /famiglia/ in the member's language
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
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

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "it"
# More languages arrive with their gettext catalogues (the family portal first).
LANGUAGES = [("it", _("Italiano")), ("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية"),
             ("ro", "Română"), ("sq", "Shqip"), ("uk", "Українська"), ("zh-hans", "中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Family members' sessions end after this many seconds of inactivity (portal.middleware).
PORTAL_SESSION_SECONDS = int(os.environ.get("PORTAL_SESSION_SECONDS", 30 * 60))
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and env_bool("HTTPS", False))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

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
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
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
}

# --- Trama -------------------------------------------------------------------------------------
# Demo mode: the login page lists the demo users (make run sets it).
TRAMA_DEMO_MODE = env_bool("TRAMA_DEMO_MODE", False)
TRAMA_DEMO_PASSWORD = os.environ.get("TRAMA_DEMO_PASSWORD", "trama-demo-2026")
# Target children of P.I.P.P.I.: 0-11 years, and 11-14 for about a fifth of the families.
TRAMA_TARGET_MAX_AGE = int(os.environ.get("TRAMA_TARGET_MAX_AGE", "14"))
TRAMA_FAMILIES_PER_PAGE = 25
# An alert to the RT when one user opens more than this many families within the window.
TRAMA_BULK_ACCESS_THRESHOLD = int(os.environ.get("TRAMA_BULK_ACCESS_THRESHOLD", "40"))
# Days within which a complaint must be answered (Carta dei servizi).
TRAMA_COMPLAINT_DAYS = int(os.environ.get("TRAMA_COMPLAINT_DAYS", "30"))
TRAMA_BULK_ACCESS_MINUTES = int(os.environ.get("TRAMA_BULK_ACCESS_MINUTES", "10"))
