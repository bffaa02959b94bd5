"""Settings for cxmaturity: one module, driven by environment variables.

Local defaults are safe for development (SQLite under ./data, console email,
tasks run inline). Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and
usually DATABASE_URL and CELERY_BROKER_URL; see the README for every variable.
"""

from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cxmaturity.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("CXM_DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", default=False)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-in-production-0123456789"  # noqa: S105 (local development only; refused in production)
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    if env_bool("CXM_ALLOW_DEV_SECRET", default=True) and not env_str("ALLOWED_HOSTS"):
        # Local runs without any configuration: a fixed key is fine for localhost.
        SECRET_KEY = _DEV_SECRET
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when ALLOWED_HOSTS is configured.")
if not DEBUG and env_str("ALLOWED_HOSTS") and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "cxmaturity.apps.StaticFiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    # After allauth: axes' lockout sees allauth's sign-in attempts (AXES_USERNAME_CALLABLE below).
    "axes",
    "csp",
    "models_9plus",
    "assessments",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",
    "assessments.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "cxmaturity.urls"
WSGI_APPLICATION = "cxmaturity.wsgi.application"

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
                "assessments.organisations.context_processors.navigation",
                "assessments.organisations.context_processors.accounts",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", DATA_DIR / "cxmaturity.sqlite3")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and DATABASES["default"]["NAME"] != ":memory:":
    # A fresh clone has no data folder yet; SQLite cannot create it.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_REDIS_URL = env_str("REDIS_URL")
CACHES: dict[str, dict[str, object]]
if _REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL}}
else:
    # Room for a consultant's thousand clients' scores (one entry each; the default keeps 300).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cxm",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# Scoring results are cached under a key that changes with the data (see assessments/selectors/scoring/cached.py);
# the timeout only frees memory. 0 turns the cache off.
CXM_SCORING_CACHE_SECONDS = env_int("CXM_SCORING_CACHE_SECONDS", 7 * 24 * 3600, minimum=0)

AUTHENTICATION_BACKENDS = [
    # First: refuses every attempt on a locked-out account and IP, whatever the backend after it.
    "axes.backends.AxesStandaloneBackend",
    # allauth's sign-in (email and password, the sign-up and invitation accounts, later OpenID Connect).
    "allauth.account.auth_backends.AuthenticationBackend",
    # The admin's form posts "username": the email address, case-insensitive.
    "assessments.organisations.auth.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Accounts (django-allauth): people sign in with their email address; sign-up can be closed for
# installations where accounts come only by invitation (the invitation link works either way).
ACCOUNT_ADAPTER = "assessments.organisations.accounts.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "assessments.organisations.auth_forms.EmailLoginForm",
    "signup": "assessments.organisations.auth_forms.EmailSignupForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
CXM_SIGNUP_OPEN = env_bool("CXM_SIGNUP_OPEN", default=True)
# "mandatory": no sign-in before the address is confirmed; "optional" and "none" exist for closed test set-ups.
ACCOUNT_EMAIL_VERIFICATION = env_str("CXM_EMAIL_VERIFICATION", "mandatory")
if ACCOUNT_EMAIL_VERIFICATION not in ("mandatory", "optional", "none"):
    raise ImproperlyConfigured("CXM_EMAIL_VERIFICATION must be mandatory, optional or none.")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = env_int("CXM_EMAIL_CONFIRMATION_DAYS", 3, minimum=1, maximum=30)
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# A reset asked for an unknown address sends nothing (and the page looks the same).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_REDIRECT_URL = "login"
# Failed sign-ins are counted by django-axes (per account and address) and by our per-address rate limit;
# allauth's own count would lock people out before axes' clear message.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
# Two-factor sign-in: an authenticator app (TOTP) and one-time recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {"authenticate": "assessments.organisations.auth_forms.TwoFactorCodeForm"}
MFA_TOTP_ISSUER = env_str("CXM_MFA_ISSUER", "cxmaturity")
SOCIALACCOUNT_ONLY = False
# Sign-in through an organisation's own identity provider (OpenID Connect, assessments/organisations/sso.py):
# which addresses a provider may sign in, and no silent take-over of an existing account.
SOCIALACCOUNT_ADAPTER = "assessments.organisations.sso.OrganisationSocialAccountAdapter"
# An existing account that an organisation allowed to be connected (verified address) is connected once.
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
# Identity providers on this machine (localhost, 127.0.0.1) are refused unless this is on (tests, local trials).
OIDC_ALLOW_LOOPBACK_ISSUERS = env_bool("CXM_OIDC_ALLOW_LOOPBACK_ISSUERS", default=False)

# Internationalisation: Dutch and English, chosen by the user.
LANGUAGE_CODE = "en"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# Production (ALLOWED_HOSTS set, DEBUG off) serves what `collectstatic` wrote: hashed names, so WhiteNoise
# sends them with far-future "immutable" caching, and gzip and brotli copies made once at collect time.
# Elsewhere (development, tests) files come straight from the app folders, without collectstatic.
_MANIFEST_STATIC = not DEBUG and env_bool("CXM_MANIFEST_STATIC", default=bool(env_str("ALLOWED_HOSTS")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _MANIFEST_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not _MANIFEST_STATIC
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console locally, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cxmaturity <noreply@localhost>")

# Celery: a broker makes tasks asynchronous; without one they run inline.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Separate queues let several deployments (or test runs) share one Redis.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
# Scheduled jobs (assessments/scheduling.py). Without a broker, cron runs `manage.py run_scheduled` instead.
CELERY_BEAT_SCHEDULE = {
    "close-due-assessments": {"task": "assessments.close_due_assessments", "schedule": crontab(minute="*/15")},
    "send-due-reminders": {"task": "assessments.send_due_reminders", "schedule": crontab(minute="*/15")},
    "send-scheduled-emails": {"task": "assessments.send_scheduled_emails", "schedule": crontab(minute="*/5")},
    "apply-retention": {"task": "assessments.apply_retention", "schedule": crontab(hour=3, minute=30)},
    "send-action-digests": {"task": "assessments.send_action_digests", "schedule": crontab(hour=7, minute=0)},
    "send-pulse-reminders": {"task": "assessments.send_pulse_reminders", "schedule": crontab(minute=5)},
    "send-pulse-signals": {"task": "assessments.send_pulse_signals", "schedule": crontab(minute=35)},
}
# PDF reports without a broker render in a background thread of the web process ("thread"); "inline"
# renders during the request (tests). A render running longer than the timeout counts as killed.
CXM_REPORT_EXECUTOR = env_str("CXM_REPORT_EXECUTOR", "thread")
CXM_REPORT_RENDER_TIMEOUT = env_int("CXM_REPORT_RENDER_TIMEOUT", 180, minimum=10)

# Chromium for static chart export (kaleido) in PDF reports; empty: /usr/bin/chromium-headless-shell if
# installed (the lighter build), else /usr/bin/chromium.
CHROMIUM_PATH = env_str("CHROMIUM_PATH", "")
# A kept-warm Chromium (Celery worker) holds 200-400 MB: it closes this many seconds after its last drawing;
# 0 closes it right after a report's charts are drawn (a report of unchanged data reuses its cached charts).
CXM_CHART_BROWSER_IDLE_SECONDS = env_int("CXM_CHART_BROWSER_IDLE_SECONDS", 0, minimum=0)
# Drawn report charts are cached under a key that changes with the data; the timeout only frees memory.
CXM_CHART_CACHE_SECONDS = env_int("CXM_CHART_CACHE_SECONDS", 7 * 24 * 3600, minimum=0)

# Security. HTTPS settings switch on in production (DEBUG off).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
_HTTPS = env_bool("HTTPS", default=not DEBUG and bool(env_str("ALLOWED_HOSTS")))
SESSION_COOKIE_SECURE = _HTTPS
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if _HTTPS else "http"  # links in sign-up and reset emails
CSRF_COOKIE_SECURE = _HTTPS
SECURE_SSL_REDIRECT = _HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if _HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS
SECURE_HSTS_PRELOAD = _HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # plotly.js sets inline styles on the SVG it draws.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Sign-in lockout (django-axes) and rate limits (django-ratelimit).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# allauth's sign-in passes the address as "email" (axes reads "username" by default).
AXES_USERNAME_CALLABLE = "assessments.organisations.auth.attempted_email"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_VERBOSE = False
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "assessments.core.errors.ratelimited"
# Behind reverse proxies, the client's address is in X-Forwarded-For: trust exactly this many proxies.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)
RATELIMIT_IP_META_KEY = "assessments.core.client_ip.client_ip"
AXES_CLIENT_IP_CALLABLE = "assessments.core.client_ip.client_ip"
SILENCED_SYSTEM_CHECKS = [] if _REDIS_URL else ["django_ratelimit.E003", "django_ratelimit.W001"]

# Retention: invitation email addresses are erased this many days after an assessment closes.
CXM_INVITATION_RETENTION_DAYS = env_int("CXM_INVITATION_RETENTION_DAYS", 30, minimum=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Chart export (kaleido/Chromium) and PDF font subsetting chat at INFO on every chart.
        **{
            name: {"level": "WARNING"}
            for name in ("kaleido", "choreographer", "browser_proc", "fontTools", "weasyprint.progress")
        },
    },
}

# REST API (assessments/api): personal tokens, one JSON error shape, per-token rate limits.
CXM_API_RATE = env_str("CXM_API_RATE", "120/min")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["assessments.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["assessments.api.permissions.TokenScopePermission"],
    "DEFAULT_PAGINATION_CLASS": "assessments.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["assessments.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": CXM_API_RATE},
    "EXCEPTION_HANDLER": "assessments.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["assessments.api.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # `?format=` chooses the export file type (csv/xlsx), not a renderer.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "cxmaturity API",
    "DESCRIPTION": "Organisations, assessments, progress, results and exports of cxmaturity.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status" field with their own choices: each enum gets a name of its own.
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "assessments.api.serializers.LANGUAGES",
        "AssessmentStatusEnum": "assessments.questionnaire.models.assessments.Assessment.Status",
        "ActionStatusEnum": "assessments.actions.models.PlanAction.Status",
    },
}
