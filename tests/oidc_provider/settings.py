"""Settings of the tests' OpenID Connect provider (not the app's): read from the environment `serve.py` sets."""

import json
import os

SECRET_KEY = os.environ["OIDC_TEST_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
USE_TZ = True
ROOT_URLCONF = "tests.oidc_provider.urls"
LOGIN_URL = "/login/"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(os.path.dirname(__file__), "templates")],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OIDC_TEST_DATABASE"]}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_SPEC = json.loads(os.environ["OIDC_TEST_SPEC"])
OIDC_TEST_CLIENT_QUIRKS = {client["client_id"]: client.get("quirks", {}) for client in _SPEC.get("clients", [])}
OIDC_TEST_CLAIMS = {user["username"]: user.get("claims", {}) for user in _SPEC.get("users", [])}

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": os.environ["OIDC_TEST_RSA_KEY"],
    # Every authorization-code request must carry a PKCE challenge (S256).
    "PKCE_REQUIRED": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["http"],
    "SCOPES": {"openid": "OpenID Connect", "profile": "Your name", "email": "Your e-mail address"},
    "DEFAULT_SCOPES": ["openid"],
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_provider.validator.TestProviderValidator",
    "ID_TOKEN_EXPIRE_SECONDS": int(_SPEC.get("id_token_lifetime", 300)),
    # Empty: the issuer is this server's own address (http://127.0.0.1:<port>/o); a spec may name another.
    "OIDC_ISS_ENDPOINT": _SPEC.get("issuer", ""),
}
