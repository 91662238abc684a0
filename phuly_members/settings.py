"""Settings for the Phủ Lý party-membership development tracker.

Everything that differs between a developer's laptop and production comes from
environment variables read through the small helpers below. With no variable set
the project runs on SQLite inside the repository with DEBUG on.
"""

import os
from datetime import timedelta
from pathlib import Path

import bootstrap_wrapper
import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# Django's developer error pages, when DEBUG is on and they are asked for; otherwise the
# error pages users see in production (recruitment.middleware.FriendlyErrorsMiddleware).
DEBUG_ERROR_PAGES = env_bool("DEBUG_ERROR_PAGES", False)
CSRF_FAILURE_VIEW = "recruitment.views.errors.csrf_failure"

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-not-for-production"

# The key of the processing log's hash chain (recruitment.logchain). Keep it apart from the
# database and never change it: records chained with another key no longer verify.
PROCESSING_LOG_KEY = env_str("PROCESSING_LOG_KEY") or f"processing-log:{SECRET_KEY}"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin, its modules loaded with the URLs, not at start-up (phuly_members/apps.py).
    "phuly_members.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
    "recruitment",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "recruitment.middleware.SessionActivityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "recruitment.middleware.FriendlyErrorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "recruitment.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers for locked-out log-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "phuly_members.urls"

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
                "recruitment.context_processors.role",
                "recruitment.context_processors.committee",
            ],
        },
    },
]

WSGI_APPLICATION = "phuly_members.wsgi.application"

# SQLite in the repository unless DATABASE_URL points elsewhere (postgres://...).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Each worker keeps its connection between requests (a new one per request costs
        # the database a new process and its catalogue caches, at every page); checked
        # before reuse, so a restarted database costs one error-free reconnection.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
    # The member indexes carry the cell for PostgreSQL's index-only scans; SQLite builds them
    # without it, as intended.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# On PostgreSQL the dashboard's independent queries run at once on this many threads of each
# process, each with a connection of its own (``recruitment.together``); 0 runs them one
# after the other on the request's connection.
QUERY_THREADS = env_int("QUERY_THREADS", 2)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords: Argon2id (memory-hard, with Django's parameters: 2 passes over 100 MiB), which
# costs a guessing attacker far more than PBKDF2 does and the server less processor time per
# log-in (docs/security.md). A password kept with an older hasher is rehashed with Argon2 at
# its next log-in. The hash runs on a thread of lower CPU priority, so that a burst of log-ins
# does not hold up the pages of those already in (recruitment/hashers.py).
PASSWORD_HASHERS = [
    "recruitment.hashers.YieldingArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "recruitment:home"
LOGOUT_REDIRECT_URL = "login"

# Language, time and date formats: the interface is Vietnamese, dates dd/mm/yyyy.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"]
FORMAT_MODULE_PATH = ["phuly_members.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap 5 dist files shipped by the bootstrap-wrapper package (no CDN).
    ("bootstrap", bootstrap_wrapper.get_bootstrap_dir()),
]

# Django's form renderer, with select lists written out in Python (recruitment/renderers.py).
FORM_RENDERER = "recruitment.renderers.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions end after a working day of inactivity and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
# The expiry is pushed ahead as the session is used, at most once a minute
# (recruitment.middleware.SessionActivityMiddleware), not written at every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ACTIVITY_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# A strict Content Security Policy (Django's own): scripts, styles, fonts and images from
# this site only, no inline script, style or event handler anywhere (the pages, the admin
# and the import pages have none); images also as data: URIs (Bootstrap's icons).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Which date counts an admission against a year's quota: "decision" (the date the
# admission decision was signed, the default) or "ceremony" (ngày vào Đảng).
QUOTA_COUNT_DATE = env_str("QUOTA_COUNT_DATE", "decision")
if QUOTA_COUNT_DATE not in {"decision", "ceremony"}:
    raise ImproperlyConfigured("QUOTA_COUNT_DATE must be 'decision' or 'ceremony'.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

AUTHENTICATION_BACKENDS = [
    # First: refuses a log-in while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "recruitment.roles.RoleBackend",
]

# Log-in throttling (django-axes, recruitment.security.LoginThrottle): AXES_FAILURE_LIMIT
# failed log-ins to one account from one address lock that account at that address only,
# so that someone guessing from one place cannot lock the owner out everywhere;
# LOGIN_ADDRESS_FAILURE_LIMIT failures from one address, on any accounts, lock the address.
# Both for AXES_COOLOFF_TIME; the administrator unlocks early in the admin (access attempts:
# delete). The same page answers for accounts that exist and those that do not.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "recruitment.security.LoginThrottle"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "recruitment.security.client_ip"
AXES_VERBOSE = False
# Password reset by e-mail: only with a mail server (EMAIL_HOST); without one the reset
# pages say so (404) instead of promising a message that never comes. Each address may ask
# PASSWORD_RESET_PER_ADDRESS times and each e-mail address PASSWORD_RESET_PER_ACCOUNT times
# an hour.
MAIL_HOST = env_str("EMAIL_HOST")
PASSWORD_RESET_BY_EMAIL = bool(MAIL_HOST)
if MAIL_HOST:  # without one, no MAILERS: nothing sends mail
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": MAIL_HOST,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
PASSWORD_RESET_PER_ADDRESS = env_int("PASSWORD_RESET_PER_ADDRESS", 5)
PASSWORD_RESET_PER_ACCOUNT = env_int("PASSWORD_RESET_PER_ACCOUNT", 3)
# Behind the reverse proxy (docs/deploy.md) the client's address is the last one the proxy
# added to X-Forwarded-For; set to 0 when the application is reached directly.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Roster imports: the size limit, where an uploaded file waits between the preview and the
# confirmation, and how long before an abandoned preview's file is deleted.
ROSTER_MAX_BYTES = env_int("ROSTER_MAX_BYTES", 10 * 1024 * 1024)
ROSTER_UPLOAD_DIR = Path(env_str("ROSTER_UPLOAD_DIR", str(BASE_DIR / "var" / "roster-uploads")))
ROSTER_UPLOAD_MAX_AGE = env_int("ROSTER_UPLOAD_MAX_AGE", 60 * 60)
# What a roster file may hold, checked before a sheet's grid is built: rows and columns of a
# sheet, both together (cells), and what an .xlsx or .ods may unpack to.
ROSTER_MAX_ROWS = env_int("ROSTER_MAX_ROWS", 50_000)
ROSTER_MAX_COLUMNS = env_int("ROSTER_MAX_COLUMNS", 100)
ROSTER_MAX_CELLS = env_int("ROSTER_MAX_CELLS", 2_000_000)
ROSTER_MAX_UNPACKED_BYTES = env_int("ROSTER_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
# A file is parsed in a child process that may use this much more memory than the web
# worker it comes from, for this many seconds, at a lower priority (nice) than the pages.
ROSTER_PARSE_MEMORY_BYTES = env_int("ROSTER_PARSE_MEMORY_BYTES", 192 * 1024 * 1024)
ROSTER_PARSE_SECONDS = env_int("ROSTER_PARSE_SECONDS", 60)
ROSTER_PARSE_NICE = env_int("ROSTER_PARSE_NICE", 10)
# How many rows of one file may name a citizen ID held by another organisation before the
# whole file is refused (each such row is recorded in the processing log).
ROSTER_MAX_OTHER_ORGANISATION_HITS = env_int("ROSTER_MAX_OTHER_ORGANISATION_HITS", 5)
# Uploads above this size go to a temporary file rather than memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
