"""Roundtable settings: one file, driven by environment variables.

SQLite at ``var/demo.sqlite3`` is the embedded default; ``DATABASE_URL`` switches to PostgreSQL
(``postgres://user@host:5432/name``) or another SQLite file (``sqlite:////abs/path``).
Secrets come from the environment or from ``<NAME>_FILE``; in a development checkout, missing
secrets are created once under ``var/`` so that ``make demo`` needs no setup.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ROUNDTABLE_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# "production" refuses to invent secrets; anything else is a development or demo checkout.
ENVIRONMENT = os.environ.get("ROUNDTABLE_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"


def secret(name: str, generate) -> str:
    """A secret from NAME, NAME_FILE, or (outside production) a file created once in var/."""
    if os.environ.get(name):
        return os.environ[name]
    if os.environ.get(f"{name}_FILE"):
        return Path(os.environ[f"{name}_FILE"]).read_text().strip()
    if PRODUCTION:
        raise RuntimeError(f"{name} (or {name}_FILE) must be set in production")
    path = VAR_DIR / name.lower()
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        # Created with 0600: these files are keys, not configuration.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(generate())
    return path.read_text().strip()


SECRET_KEY = secret("SECRET_KEY", lambda: secrets.token_urlsafe(50))
# Field encryption keys are separate from SECRET_KEY: comma-separated Fernet keys, newest first.
# MultiFernet decrypts with any of them and encrypts with the first, so rotation is "prepend".
FIELD_ENCRYPTION_KEYS = [
    k.strip()
    for k in secret("FIELD_ENCRYPTION_KEYS", lambda: Fernet.generate_key().decode()).split(",")
    if k.strip()
]
# Keyed digest of national ids, so duplicates can be found without decrypting anything.
NATIONAL_ID_DIGEST_KEY = secret("NATIONAL_ID_DIGEST_KEY", lambda: secrets.token_hex(32))
# The key of the keyed pseudonyms in research exports (SECURITY.md 24): never in an export.
RESEARCH_PSEUDONYM_KEY = secret("RESEARCH_PSEUDONYM_KEY", lambda: secrets.token_hex(32))

DEBUG = envbool("DEBUG", "False")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # Listed so that the API docs use its bundled files instead of a CDN and inline script.
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "roundtable.core",
    "roundtable.accounts",
    "roundtable.audit",
    "roundtable.organisations",
    "roundtable.citizens",
    "roundtable.portal",
    "roundtable.sickleave",
    "roundtable.meetings",
    "roundtable.care",
    "roundtable.vocational",
    "roundtable.lifesituation",
    "roundtable.assessments",
    "roundtable.plans",
    "roundtable.consent",
    "roundtable.journal",
    "roundtable.breakglass",
    "roundtable.exports",
    "roundtable.interop",
    "roundtable.retention",
    "roundtable.research",
    "roundtable.workspace",
    "roundtable.operations",
    "roundtable.outcomes",
    "roundtable.instruments",
    "roundtable.family",
    "roundtable.network",
    "roundtable.supervision",
    "roundtable.demo",
]

MIDDLEWARE = [
    "roundtable.core.middleware.RequestIdMiddleware",
    # Inside the request id (audit events carry it): the request's memo and its noted reads.
    "roundtable.audit.middleware.RequestScopeMiddleware",
    # Only with replicas: where this request's reads go, and the person's WAL position.
    *(
        ["roundtable.core.db_router.ReplicaReadsMiddleware"]
        if envlist("DATABASE_REPLICA_URLS")
        else []
    ),
    "roundtable.core.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before CSRF reads the form: control characters (400/422) and oversize input (413), with
    # a reason, for every page and the API (roundtable.core.input_limits).
    "roundtable.core.input_limits.InputLimitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "roundtable.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "roundtable.accounts.session_limits.SessionLimitsMiddleware",
    "roundtable.accounts.mfa.MfaRequiredMiddleware",
    "roundtable.core.middleware.PrivateDataHeadersMiddleware",
    # Last, so that it sees the outcome of authentication: a sign-in tried inside its delay
    # answers 429 (roundtable.accounts.throttling).
    "roundtable.accounts.throttling.SignInThrottleMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "roundtable" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "roundtable.core.context_processors.deployment",
                "roundtable.citizens.context_processors.terms",
                "roundtable.breakglass.banner.break_glass",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'demo.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the server is away, so the app answers 503 instead of hanging a worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint(
        "DB_CONNECT_TIMEOUT", "3"
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_roundtable")}
    # Behind PgBouncer in transaction pooling (DATABASE_POOLING=transaction) one connection is
    # shared by many clients between transactions: a named cursor (QuerySet.iterator) would
    # outlive its transaction on a server that is no longer ours. Django already sends no
    # prepared statements (psycopg's prepare_threshold is None) and sets the time zone only when
    # the server's differs: run the server in UTC (deploy/postgresql.conf) so it never does.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = (
        os.environ.get("DATABASE_POOLING", "session") == "transaction"
    )
else:
    # WAL lets the demo serve pages while the reminder worker writes; the timeout absorbs
    # short write contention instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Streaming replicas for reads of the records (roundtable/core/db_router.py): comma-separated
# URLs, aliases replica1, replica2, ... Unset: one database, no router, nothing changes.
DATABASE_REPLICA_URLS = envlist("DATABASE_REPLICA_URLS")
# A replica further behind than this (seconds) is skipped; one that cannot be reached is not
# asked again for DATABASE_REPLICA_RETRY seconds.
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "5"))
DATABASE_REPLICA_RETRY = float(os.environ.get("DATABASE_REPLICA_RETRY", "5"))
# Answer X-Roundtable-Read-From: primary|replica (operations checks; off by default).
DATABASE_REPLICA_HEADER = envbool("DATABASE_REPLICA_HEADER", "False")
for _number, _url in enumerate(DATABASE_REPLICA_URLS, start=1):
    _replica = dj_database_url.parse(
        _url,
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
    _replica.setdefault("OPTIONS", {})["connect_timeout"] = envint(
        "DB_REPLICA_CONNECT_TIMEOUT", "1"
    )
    _replica["DISABLE_SERVER_SIDE_CURSORS"] = DATABASES["default"].get(
        "DISABLE_SERVER_SIDE_CURSORS", False
    )
    # In tests a replica is the test database itself, through a second connection.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number}"] = _replica
DATABASE_REPLICA_ALIASES = [f"replica{n}" for n in range(1, len(DATABASE_REPLICA_URLS) + 1)]
DATABASE_ROUTERS = ["roundtable.core.db_router.ReplicaRouter"] if DATABASE_REPLICA_URLS else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for all app servers (rate limits, TOTP replay protection): the database, so no
# extra service is needed. The table is created by roundtable/core/migrations/0001.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "roundtable_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: a try inside its delay after wrong passwords is refused before any password is
    # checked (roundtable.accounts.throttling).
    "roundtable.accounts.throttling.SignInThrottleBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's model backend, loading the user with their role, organisation and teams.
    "roundtable.accounts.identity.UserWithActorBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: staff and citizens get accounts from an administrator or the team; nobody signs up.
ACCOUNT_ADAPTER = "roundtable.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
# Per-address only: allauth's per-username limit would let anyone lock a chosen colleague out.
# Wrong passwords per (username, address) slow down below (SIGN_IN_*).
ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip"}

# Two-factor sign-in (allauth.mfa): an authenticator app for everyone who wants one, required
# for staff where the deployment says so (roundtable.accounts.mfa). No security keys yet.
MFA_ADAPTER = "roundtable.accounts.mfa.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Roundtable"
# Accept the code of the previous or next 30-second step too: phones drift.
MFA_TOTP_TOLERANCE = 1
ROUNDTABLE_MFA_REQUIRED_FOR_STAFF = envbool("ROUNDTABLE_MFA_REQUIRED_FOR_STAFF", str(PRODUCTION))

# Wrong passwords slow the next try down, per (username, address), never lock anyone out
# (roundtable.accounts.throttling): SIGN_IN_FREE_FAILURES tries cost nothing, then each try
# waits a delay that doubles from SIGN_IN_FIRST_DELAY_SECONDS up to SIGN_IN_MAX_DELAY_SECONDS.
SIGN_IN_FREE_FAILURES = envint("SIGN_IN_FREE_FAILURES", "5")
SIGN_IN_FIRST_DELAY_SECONDS = envint("SIGN_IN_FIRST_DELAY_SECONDS", "2")
SIGN_IN_MAX_DELAY_SECONDS = envint("SIGN_IN_MAX_DELAY_SECONDS", "60")
# How many proxies in front of the app set X-Forwarded-For (0: the client connects directly).
ROUNDTABLE_PROXY_COUNT = envint("PROXY_COUNT", "0")

# A session ends SESSION_ABSOLUTE_SECONDS after sign-in however busy it is, and after
# SESSION_IDLE_MINUTES without a request (roundtable.accounts.session_limits).
SESSION_ABSOLUTE_SECONDS = envint("SESSION_ABSOLUTE_SECONDS", str(10 * 3600))
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", "30")
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", str(PRODUCTION))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# HSTS is sent on HTTPS responses only; behind a TLS-terminating proxy set
# TRUST_X_FORWARDED_PROTO so that Django knows the request was HTTPS.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "False")
if envbool("TRUST_X_FORWARDED_PROTO", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("da", "Dansk"),
    ("sv", "Svenska"),
    ("nb", "Norsk bokmål"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["roundtable.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Set STATIC_ROOT and run `roundtable collectstatic` in production; otherwise files are served
# straight from the apps by WhiteNoise's finders.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the apps' static folders: no collectstatic step in the demo or tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "roundtable@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Roundtable -----------------------------------------------------------------------------

# The words for the roles, the person, the employment organisation, the benefit and who decides,
# per jurisdiction and language (roundtable/organisations/terms.py has the defaults and the
# shape): {"<jurisdiction or *>": {"<language>": {"<term>": [one, the, many]}}}, e.g.
# ROUNDTABLE_TERMS='{"dk": {"en": {"citizen": ["participant", "the participant", "participants"]}}}'
ROUNDTABLE_TERMS: dict[str, dict[str, dict[str, list[str]]]] = json.loads(
    os.environ.get("ROUNDTABLE_TERMS", "") or "{}"
)

# Team-shape warnings (DOMAIN §2): a team of 4 to 10, and few cross-sector relationships.
TEAM_MIN_MEMBERS = envint("TEAM_MIN_MEMBERS", "4")
TEAM_MAX_MEMBERS = envint("TEAM_MAX_MEMBERS", "10")
TEAM_MAX_CROSS_SECTOR_PARTNERS = envint("TEAM_MAX_CROSS_SECTOR_PARTNERS", "3")

# Background work (reminders) on a database-backed queue: no broker to run.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Overrides of the sick-leave rules' configurable defaults (the items legislation.md marks
# UNVERIFIED), per jurisdiction, e.g. {"dk": {"employer_period_days": 30}}. See
# roundtable/sickleave/rules/{dk,se,no}.py for the parameters and their sources.
SICKLEAVE_RULE_PARAMS: dict[str, dict] = {}
# Reminders go out this many days before each legal deadline (the nearest that still applies).
REMINDER_DAYS_BEFORE = [int(d) for d in envlist("REMINDER_DAYS_BEFORE", "7,1")]

# The integrated pathway (issue 3): the programme's default session budget per course (a team
# can set its own in /config/), and the legal maximum of weekly hours in a return-to-work ramp.
ROUNDTABLE_SESSION_BUDGET = envint("SESSION_BUDGET", "12")
ROUNDTABLE_MAX_WEEKLY_HOURS = envint("MAX_WEEKLY_HOURS", "37")
# Break-glass (emergency access): the longest a clinician may open a record that is not theirs.
ROUNDTABLE_BREAK_GLASS_MAX_MINUTES = envint("BREAK_GLASS_MAX_MINUTES", "60")
# SDM-Q-9 and SDM-Q-Doc: items that may be left unanswered and still give a total (the
# person's mean is imputed; UNVERIFIED, ../shared/reference/instruments.md §3).
ROUNDTABLE_SDM_MAX_MISSING = envint("SDM_MAX_MISSING", "1")
# IPS fidelity reviews: the cut points that turn a team's figures into a suggested rating, per
# item (the figure for 5, 4, 3 and 2), replacing the UNVERIFIED defaults of
# roundtable/instruments/fidelity_prefill.py, e.g. '{"SV6": [6, 4, 2, 1]}' (JSON).
IPS_FIDELITY_ANCHORS: dict = json.loads(os.environ.get("IPS_FIDELITY_ANCHORS", "") or "{}")
# Relational coordination (issue 12 §4): a work group's answers count only when at least this
# many of its members answered; the strength bands (strong above the first, moderate from the
# second) are often cited but UNVERIFIED (../shared/reference/instruments.md §5).
ROUNDTABLE_RC_MIN_RESPONDENTS = envint("RC_MIN_RESPONDENTS", "3")
ROUNDTABLE_RC_THRESHOLDS = tuple(float(v) for v in envlist("RC_THRESHOLDS", "4.0,3.5"))

# No field of any form or API body may be longer than this (each has its own smaller limit
# beside it); a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB) answers 413 too.
ROUNDTABLE_MAX_FIELD_CHARS = envint("MAX_FIELD_CHARS", "50000")

API_TOKEN_HOURS = envint("API_TOKEN_HOURS", "12")
# Where the FHIR door is reached from outside: the full URLs of `roundtable fhir export`'s
# Bundle entries (the door itself answers with the URL it was asked on).
FHIR_BASE_URL = os.environ.get("ROUNDTABLE_FHIR_BASE_URL", "https://roundtable.example/fhir/R4/")
DEMO_PASSWORD = os.environ.get("ROUNDTABLE_DEMO_PASSWORD", "roundtable-demo")
