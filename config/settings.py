"""Alur SKJ settings: one module, driven by the environment (DESIGN.md section 5).

Every value that differs between a laptop, CI and production comes from an environment
variable; the defaults are those of `make run` (SQLite, eager tasks, console email).
"""

import datetime
import os
import sys
import tempfile
from pathlib import Path

import django_stubs_ext
import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

# Django's generic classes accept type arguments at run time (ModelAdmin[Notification]), as the
# strictly typed apps write them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# pytest imports this module too; the test run gets fast hashing and a throwaway secret. Both
# signs are required, so a production process that merely has pytest importable is never "testing".
TESTING = "pytest" in sys.modules and "PYTEST_VERSION" in os.environ

### Debugging and secrets

DEBUG = env.bool("DEBUG", default=False)
INSECURE_DEFAULT_SECRET_KEY = "django-insecure-alur-skj-development-only"
# The development default and the placeholder of .env.example are as good as no key at all.
PLACEHOLDER_SECRET_KEYS = {INSECURE_DEFAULT_SECRET_KEY, "change-me-to-a-long-random-value", ""}
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEFAULT_SECRET_KEY)
if not DEBUG and not TESTING and SECRET_KEY.strip() in PLACEHOLDER_SECRET_KEYS:
    raise ImproperlyConfigured(
        "SECRET_KEY is unset or left at its development default or the placeholder of .env.example "
        "while DEBUG is off. "
        "Set SECRET_KEY to a long random value (or DEBUG=1 on a development machine)."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

### Applications

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "security",
    "submissions",
    "workflow",
    "notifications",
    "api",
    "web",
    "integrations",
    # Last: the demo world and the scale generator (their commands); no other app imports it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.RefuseNulInQueryMiddleware",  # 400, never a database error
    # Serves collected static files under gunicorn (compressed, cached), no proxy needed.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "web.middleware.IndonesianByDefaultMiddleware",  # before LocaleMiddleware (web/middleware.py)
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "security.middleware.SessionLimitsMiddleware",  # idle and absolute session limits
    "security.middleware.PrivateResponsesMiddleware",  # no-store when logged in; refusals logged
    "api.middleware.TokenRequestLogMiddleware",  # one log line per token request (api/middleware.py)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "web.middleware.SecurityHeadersMiddleware",  # CSP and other headers (web/middleware.py)
    "django_htmx.middleware.HtmxMiddleware",
    # Marks the read-only API requests whose reads may go to the replica (config/routers.py).
    "config.routers.ReplicaReadsMiddleware",
    # Last, as django-axes asks: it turns a lock-out into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context_processors.setup_menu",
            ],
        },
    },
]

### Database

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# With DATABASE_MIGRATION_URL set, the tables' owner runs the migrations and the grants after them
# (security/database.py); every other process connects as DATABASE_URL's role, which owns nothing
# and cannot change or empty the transition log or the snapshots. Unset: one role does everything.
DATABASE_MIGRATION_URL = env.str("DATABASE_MIGRATION_URL", default="")
DATABASE_APP_ROLE = DATABASES["default"].get("USER", "") if DATABASE_MIGRATION_URL else ""
OWNER_COMMANDS = ("migrate", "grant_app_privileges")
if DATABASE_MIGRATION_URL and sys.argv[1:2] and sys.argv[1] in OWNER_COMMANDS:
    DATABASES["default"] = env.db_url_config(DATABASE_MIGRATION_URL)
DATABASES["default"]["ATOMIC_REQUESTS"] = False  # services own their transactions
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A read replica for the read-only API endpoints (config/routers.py); tests mirror it onto the
# default database, so the same code runs with one database.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["ATOMIC_REQUESTS"] = False
    DATABASES["replica"].setdefault("CONN_MAX_AGE", DATABASES["default"]["CONN_MAX_AGE"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
# DATABASE_POOLER=pgbouncer: behind PgBouncer in transaction mode a connection may change between
# transactions, so no server-side cursor may outlive one (Django's .iterator() would open them).
DATABASE_POOLER = env.str("DATABASE_POOLER", default="")
if DATABASE_POOLER not in ("", "pgbouncer"):
    raise ImproperlyConfigured("DATABASE_POOLER harus kosong atau 'pgbouncer'.")
if DATABASE_POOLER == "pgbouncer":
    for alias in DATABASES:
        DATABASES[alias]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

### Cache and Celery (Redis when REDIS_URL is set, in-process otherwise)

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            # An unreachable Redis answers within a second, so a request never hangs on it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = not REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# At-least-once delivery: a task is acknowledged only after it ran, a worker killed mid-task
# gives its message back, and a worker reserves one message at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The worker never gives up on Redis: it waits for it at startup and reconnects after an outage,
# retrying for ever (kombu's default stops after 100 tries and the worker exits).
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# A task acknowledged late cannot be acknowledged on a lost connection: it is cancelled and its
# message redelivered (our tasks claim their rows, so running again is safe).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Deadlines live in the database; no message waits in Redis longer than this.
CELERY_MAX_COUNTDOWN_SECONDS = 300
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than any countdown (else Redis redelivers it in a loop), short enough that the
    # message of a killed worker comes back within minutes, not an hour.
    "visibility_timeout": 600,
    # A Redis that vanishes without closing the connection is noticed, not waited on for ever.
    "socket_timeout": 10,
    "socket_connect_timeout": 5,
    "health_check_interval": 25,
}
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
# /readyz/: the worker writes its heartbeat this often, and one older than the maximum means none runs.
WORKER_HEARTBEAT_SECONDS = 15
WORKER_HEARTBEAT_MAX_AGE_SECONDS = 60
CELERY_TIMEZONE = "UTC"
# Every periodic schedule of the project, in one place (run exactly one `celery -A config beat`).
CELERY_BEAT_SCHEDULE = {
    # Every minute: re-enqueue notifications left pending (broker down at commit, dead worker).
    "notifications-sweep-outbox": {"task": "notifications.tasks.sweep_outbox", "schedule": 60.0},
    # Every minute: webhook deliveries left pending or stuck sending (notifications.webhooks).
    "notifications-sweep-webhooks": {"task": "notifications.tasks.sweep_webhooks", "schedule": 60.0},
    # Every 5 minutes (https://crontab.guru/#*/5_*_*_*_*): reminders and escalations that are due.
    "workflow-send-reminders": {"task": "workflow.tasks.send_reminders", "schedule": crontab(minute="*/5")},
    # Daily at 00:30 UTC = 07:30 WIB (https://crontab.guru/#30_0_*_*_*): the daily digests.
    # Daily at 19:00 UTC = 02:00 WIB (https://crontab.guru/#0_19_*_*_*): old login records.
    "security-purge-login-records": {
        "task": "security.tasks.purge_login_records",
        "schedule": crontab(minute="0", hour="19"),
    },
    "notifications-daily-digests": {
        "task": "notifications.tasks.send_daily_digests",
        "schedule": crontab(minute="30", hour="0"),
    },
    # Every 5 minutes (https://crontab.guru/#*/5_*_*_*_*): export files past their expiry deleted,
    # export jobs whose message was lost queued again.
    "exports-sweep": {"task": "workflow.tasks.sweep_exports", "schedule": crontab(minute="*/5")},
}

### Exports (books, recaps): background jobs whose files are kept in the default storage for a while

EXPORT_FILE_TTL_HOURS = env.int("EXPORT_FILE_TTL_HOURS", default=24)
# A running job whose worker has not reported for this long is taken up again by a redelivered task.
# Longer than the task's time limit, so a live job is never taken twice (a PDF's layout is one long
# step without progress reports): a copy the broker redelivers meanwhile finds it running and stops;
# the sweep queues a job again once it has been silent this long (its worker died).
EXPORT_STALE_SECONDS = env.int("EXPORT_STALE_SECONDS", default=3000)
EXPORT_MAX_ATTEMPTS = env.int("EXPORT_MAX_ATTEMPTS", default=3)
# A 250-standard PDF took 176 s of CPU, 25 minutes on a loaded 2-core machine (bench/RESULTS.md).
EXPORT_TASK_TIME_LIMIT = env.int("EXPORT_TASK_TIME_LIMIT", default=2700)
# How often the export page asks for progress (htmx polling), in seconds.
EXPORT_POLL_SECONDS = 2

### Email

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Alur SKJ <noreply@alur-skj.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

### Internationalisation

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="id")
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

### Static files

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Uploaded letters (PDF) go to MEDIA_ROOT, or to an S3-compatible bucket through django-storages
# (`pip install "alur-skj[s3]"`) when S3_BUCKET is set. They are never served from MEDIA_URL:
# only the pages and the API hand them out, to users who may see them.
if env.str("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("S3_SECRET_KEY", default="") or None,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
# The largest letter PDF accepted, in bytes (default 10 MB).
LETTER_MAX_BYTES = env.int("LETTER_MAX_BYTES", default=10 * 1024 * 1024)

### Authentication and sessions

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
# A session ends after this long without a request, and at the latest SESSION_COOKIE_AGE after
# login (security.middleware.SessionLimitsMiddleware).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = SESSION_COOKIE_AGE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Login protection (security/lockout.py): failures per username and per address, counted apart.
AXES_ENABLED = env.bool("AXES_ENABLED", default=not TESTING)
AXES_HANDLER = "security.lockout.LoginGuardHandler"
# Failures of one username (from addresses it never logged in from) before it is locked.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# Failures from one address, any usernames, before the address is locked (an office shares one).
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = 0.5  # hours: a locked-out official can try again after 30 minutes
# What the axes admin and commands filter by; the lock decision itself is LoginGuardHandler's.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True  # the handler clears the username's failures only
AXES_LOCKOUT_CALLABLE = "api.lockout.lockout_response"  # the API's error shape; a page elsewhere
# Read by api.lockout.lockout_response: the status of a locked-out login (429, as throttling), and the
# template of the page shown outside the API (none: a plain Indonesian sentence).
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE: str | None = None
AXES_CLIENT_IP_CALLABLE = "security.addresses.client_address"
AXES_USERNAME_CALLABLE = "security.lockout.username_of"  # bounded, as the records' column is
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # one row per failed login (who, when, from where)
# Successful logins (AccessLog, the addresses an account is known at) and failed ones are kept this
# many days, then removed by the daily `purge_login_records`.
LOGIN_RECORDS_RETENTION_DAYS = env.int("LOGIN_RECORDS_RETENTION_DAYS", default=180)
# Reverse proxies in front of the application that append to X-Forwarded-For (0: none, the
# socket's peer is the client). Used by the lockout and the API throttles alike.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

### Security headers (production values unless DEBUG)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not TESTING:
    # No SECURE_PROXY_SSL_HEADER: Django would believe X-Forwarded-Proto from anyone. gunicorn
    # sets the scheme from it only for requests from FORWARDED_ALLOW_IPS (the TLS proxy).
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

### REST API

REST_FRAMEWORK: dict[str, object] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.permissions.IntegrationAccountsReadOnly",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # API: one error shape, JSON only, fair-use throttles whose rates are read at each request.
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.AnonThrottle", "api.throttles.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/min"),
        "user": env.str("API_THROTTLE_USER", default="600/min"),
        "login": env.str("API_THROTTLE_LOGIN", default="10/min"),
        # The public verification page of printed copies, per client address.
        "verify": env.str("VERIFY_THROTTLE", default="30/min"),
    },
}
# API tokens (django-rest-knox): stored as SHA-512 digests, shown once, each with its own expiry.
# The header keyword stays `Token`, as with DRF's former tokens.
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=90)
KNOX_TOKEN_MODEL = "knox.AuthToken"  # knox's own model; integrations.TokenLabel adds name and use
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=API_TOKEN_TTL_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Alur SKJ API",
    "DESCRIPTION": (
        "API v1 Alur SKJ: status dan tindakan atas Standar Kompetensi Jabatan.\n\n"
        "Alur SKJ API v1: status checks and actions on competency standards."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 1, "maximum": 2**53 - 1}},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.strict_request_bodies",
    ],
    "ENUM_NAME_OVERRIDES": {
        "StateEnum": "workflow.machine.State",
        "PositionKindEnum": "submissions.models.PositionKind",
        "FunctionalRankEnum": "submissions.models.FunctionalRank",
        "CompetencyGroupEnum": "submissions.models.CompetencyGroup",
        "RequirementSectionEnum": "submissions.models.RequirementSection",
        "ImportanceEnum": "submissions.models.Importance",
        "ExportKindEnum": "submissions.models.ExportKind",
        "ExportFormatEnum": "submissions.models.ExportFormat",
        "ExportStatusEnum": "submissions.models.ExportStatus",
        "OrientationEnum": "submissions.models.Orientation",
        "DecreeKindEnum": "workflow.decrees.models.DecreeKind",
        "HeadOfRegionEnum": "workflow.decrees.models.HeadOfRegion",
        "PackageStatusEnum": "workflow.packages.models.PackageStatus",
        "OutcomeEnum": "workflow.packages.models.Outcome",
        "RoleEnum": "submissions.models.Role",
        "GrantableRoleEnum": "workflow.setup.people.GRANTABLE_CHOICES",
        "EventKindEnum": "workflow.events.models.EventKind",
        "WebhookDeliveryStatusEnum": "notifications.webhooks.models.DeliveryStatus",
    },
}

### Alur SKJ logic

# Working-day budgets per stage (DOMAIN.md defaults); an instansi may set its own.
WORKFLOW_DEFAULT_STAGE_BUDGETS = {
    "draft": 10,
    "opd_review": 5,
    "compilation": 10,
    "ministry_consultation": 30,
}
# Reminders: working days before the deadline; escalations once overdue, at most this many.
REMINDER_WORKING_DAYS_BEFORE = [2, 0]
ESCALATION_MAX_COUNT = 5

# The outbox (notifications.delivery). A failed email is tried this many times in all, waiting
# base, 2x base, 4x base ... seconds between attempts; then it is marked failed for the administrators.
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=5)
NOTIFICATION_RETRY_BASE_SECONDS = env.float("NOTIFICATION_RETRY_BASE_SECONDS", default=60)
# The delivery task stops after this (prefork pool), so an SMTP conversation never lasts longer;
# a row still `sending` after the timeout has no live worker behind it and the sweeper takes it
# back (never less than the delivery limit + 2, however it is set).
NOTIFICATION_DELIVERY_TIME_LIMIT_SECONDS = env.int("NOTIFICATION_DELIVERY_TIME_LIMIT_SECONDS", default=60)
NOTIFICATION_SENDING_TIMEOUT_SECONDS = env.int("NOTIFICATION_SENDING_TIMEOUT_SECONDS", default=90)
# An invitation's link to set one's password works once, for this many days (workflow.setup.invitations).
INVITATION_MAX_AGE_DAYS = env.int("INVITATION_MAX_AGE_DAYS", default=7)
# The beat sweep leaves pending rows younger than this to the message enqueued at commit.
NOTIFICATION_SWEEP_GRACE_SECONDS = env.int("NOTIFICATION_SWEEP_GRACE_SECONDS", default=60)

# Webhooks (notifications.webhooks): a receiver is cut off after this many seconds in all; a
# transient failure (connection, timeout, 408, 429, 5xx) is tried this many times in all, waiting
# base, 2x base, 4x base ... seconds; then the delivery is failed and shown to its owner and admins.
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=30)
# Loopback receivers (127.0.0.1, ::1, names resolving there) are refused unless this is on; it is on
# in tests only. Private, link-local and other internal ranges are refused whatever it says.
WEBHOOKS_ALLOW_LOOPBACK = env.bool("WEBHOOKS_ALLOW_LOOPBACK", default=False)
# The event feed (GET /api/v1/events/): events per page by default and at most.
EVENT_FEED_PAGE_SIZE = 100
EVENT_FEED_MAX_PAGE_SIZE = 1000

### Logging

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "security.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # One JSON object per line (security/audit.py): logins, lockouts, refused authorizations.
        "security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # WeasyPrint and fontTools report every layout step at INFO: only their warnings are news.
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
    },
}

### Tests

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Unit tests run tasks in-process; the integration tier starts a real worker on REDIS_URL.
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Tests' webhook receivers are real HTTP servers on 127.0.0.1.
    WEBHOOKS_ALLOW_LOOPBACK = True
    # Letters uploaded by tests land in a throwaway folder, never in the project's media/.
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="alur-skj-media-"))
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
        "anon": "100000/min",
        "user": "100000/min",
        "login": "100000/min",
        "verify": "100000/min",
    }
