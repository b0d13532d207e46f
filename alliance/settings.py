"""Settings, read from the environment.

The embedded default (no variables set) is a development site on SQLite with a
broker that needs no server (kombu's filesystem transport). Production sets
DEBUG=False, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL; with those,
``manage.py check --deploy`` is clean. A mistyped value fails at start-up.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from alliance import conf as alliance_conf

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("ALLIANCE_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
# A local `.env` (written by `make setup` for development, never committed) may
# set any variable below; real environment variables win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    # A development-only key: production must set its own (no default there).
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-" + "x" * 40)
else:
    SECRET_KEY = env.str("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.syndication",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_countries",
    "simple_history",
    "alliance.apps.AxesConfig",
    "django_ratelimit",
    "django_htmx",
    "csp",
    "post_office",
    "alliance",
    "members",
    "meetings",
    "dues",
    "secretariat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in person's pages open in their preferred language.
    "alliance.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: its 400 and 404 pages are rendered with the user.
    "alliance.middleware.RefuseUnusableInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliance.urls"
WSGI_APPLICATION = "alliance.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alliance.context_processors.roles",
                "alliance.context_processors.bounced_form",
            ],
        },
    },
    {
        # Plain-text email parts and subjects: never HTML-escaped (a unit named
        # "<b>A & B</b>" must read as typed). HTML parts use the engine above.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# An empty DATABASE_URL (a compose file's "${DATABASE_URL:-}") means the embedded default too.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Embedded SQLite default: concurrent writers (issue 10 §4) ---
# runserver serves requests in threads. SQLite's default DEFERRED transactions
# fail at once with "database is locked" when a reader becomes a writer while
# another writer holds the lock (the busy timeout cannot help there); BEGIN
# IMMEDIATE takes the write lock up front so writers queue on the timeout, and
# WAL lets readers go on while one writes.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# --- end of the SQLite block ---

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: lock a username from one address after AXES_FAILURE_LIMIT
# failures, and a username from any address after the higher per-username cap, so
# guesses spread over many addresses are capped too (alliance.accounts.AxesHandler
# gives each parameter its own cap). A completed password reset lifts the lock.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "alliance.accounts.AxesHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Internationalisation: the secretariat works in Kunming; times are stored in UTC.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
]
# Our catalogues first; then the strings third-party apps ship untranslated (locale/third_party,
# kept by hand: makemessages does not regenerate it).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "third_party"]
# Dates, times and numbers: one format module per language (alliance/formats/__init__.py).
FORMAT_MODULE_PATH = ["alliance.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files (application documents, PDFs issued) are private: they are
# never under a public URL and are served only through views that check access.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "private")))
# No URL pattern serves MEDIA_URL; it is set only because Django requires a value.
MEDIA_URL = "/private/"

# --- Private file storage: one backend, chosen by settings (issue 10 §6) ---
# Every uploaded and issued file (application documents, logos, certificates,
# letters, attachments, meeting materials and mandates) is read and written
# through Django's storage API only, so the backend is configuration: the file
# system under MEDIA_ROOT by default, or object storage that every web replica
# and worker shares, e.g. FILE_STORAGE_BACKEND=storages.backends.s3.S3Storage with
# FILE_STORAGE_OPTIONS='{"bucket_name": "...", "endpoint_url": "https://..."}' (the
# README lists the options). Nothing is served from the storage's own URLs.
FILE_STORAGE_BACKEND = env.str("FILE_STORAGE_BACKEND", default="alliance.storage.PrivateStorage")
FILE_STORAGE_OPTIONS = env.json("FILE_STORAGE_OPTIONS", default={})
STORAGES["default"] = {"BACKEND": FILE_STORAGE_BACKEND, "OPTIONS": FILE_STORAGE_OPTIONS}
# --- end of the private file storage block ---
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="secretariat@alliance.example")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Absolute address of the site, for links in emails and QR codes on certificates.
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.str('PORT', default='8000')}").rstrip("/")

# Cache: counters of the rate limits. REDIS_URL (or CACHE_URL) gives one shared by every
# process; the embedded default keeps it in the memory of its single web process.
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {"default": env.cache_url("CACHE_URL", default=REDIS_URL or "locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis outage is a cache miss, never a 500 (alliance.cache).
    CACHES["default"]["BACKEND"] = "alliance.cache.TolerantRedisCache"
RATELIMIT_USE_CACHE = "default"
# While the cache is unreachable a visitor's application is not counted, rather than every
# applicant refused as "too many" until Redis is back (alliance.cache logs each failure).
RATELIMIT_FAIL_OPEN = True
# The address is the one axes locks logins by, so both limits agree on who a client is.
RATELIMIT_IP_META_KEY = "axes.helpers.get_client_ip_address"
SILENCED_SYSTEM_CHECKS = [
    # Django's own RedisCache increments atomically (INCRBY); the library lists only django-redis.
    "django_ratelimit.W001",
]
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    # Embedded default only: runserver is one process, so its memory is shared by all requests.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# The outbox (alliance.outbox): every email is a django-post-office row written in the
# transaction that causes it; the worker renders and delivers it after commit.
POST_OFFICE = {
    # Delivery is ours (alliance.outbox claims rows so two workers never send one
    # twice); post_office's own Celery push would run inside the request.
    "CELERY_ENABLED": False,
    "LOG_LEVEL": 2,
    "DEFAULT_PRIORITY": "medium",
    "MESSAGE_ID_ENABLED": True,
}

# Celery. REDIS_URL (or CELERY_BROKER_URL) selects a real broker; without one the
# embedded default uses kombu's filesystem transport, which needs no server.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    # kombu's filesystem transport fails on a missing folder; any process may send first.
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        # Broadcast messages (worker control); the default is ./control.
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_ACKS_LATE = True
# A request hands work to the broker after commit; with the broker down it must not
# hang or fail: one quick try, and the beat sweep (or a re-run) picks the work up.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
# The schedules of every app live here, in one place (foundation issue).
CELERY_BEAT_SCHEDULE = {
    "alliance-outbox-sweep": {
        # Delivers whatever the after-commit push missed (broker down, worker restarted)
        # and the retries that have come due.
        "task": "alliance.tasks.deliver_outbox",
        "schedule": 60.0,
    },
    "dues-statement-sweep": {
        # Imports the bank statements whose after-upload task never reached a worker.
        "task": "dues.tasks.sweep_statements",
        "schedule": 60.0,
    },
    "alliance-prune-submission-keys": {
        # Forgets the one-time submission keys older than ALLIANCE_SUBMISSION_KEY_RETENTION_DAYS.
        "task": "alliance.tasks.prune_submission_keys",
        "schedule": crontab(minute=15, hour=3),
    },
    "dues-issue-annual-invoices": {
        # Annual dues invoices on 1 January (dues issue).
        "task": "dues.tasks.issue_annual_invoices",
        "schedule": crontab(minute=5, hour=0, day_of_month=1, month_of_year=1),
    },
    "dues-send-reminders": {
        # Daily run; the stages before and after 20 December decide who gets what.
        "task": "dues.tasks.send_dues_reminders",
        "schedule": crontab(minute=0, hour=9),
    },
    "secretariat-participation-flags": {
        # Nightly: raises flags for the secretariat to confirm; changes no status (003 第九条).
        "task": "secretariat.tasks.recompute_participation_flags",
        "schedule": crontab(minute=30, hour=2),
    },
}

# Security: on whenever DEBUG is off, so `check --deploy` is clean in production.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp 4: one dict). Everything comes from the project
# itself (no CDN, DESIGN.md): no inline script, event handler or style attribute anywhere
# in our templates, so neither script-src nor style-src needs 'unsafe-inline'. img-src
# allows data: only because Bootstrap's CSS draws its icons (select arrows, the navbar
# toggler, form validation marks) as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy (django-permissions-policy): the application uses none of the
# browser's powerful features, so every one that a page or a script could ask for is off.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint and fontTools are chatty at INFO about every font they subset.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The ALLIANCE_* settings read from the environment (the login cap, uploads, the outbox,
# accounts): each is declared once, with its default and check, in alliance/conf.py.
vars().update(alliance_conf.from_environment(env))
