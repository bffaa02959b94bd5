"""Run the tests' OpenID Connect provider: `python -m tests.oidc_provider.serve SPEC_JSON DIRECTORY`.

Makes a fresh SQLite database and RSA key in DIRECTORY, creates the spec's users and clients, binds a free
port on 127.0.0.1 and prints `PORT <n>` on one line, then serves until it is stopped (SIGTERM).

The spec (JSON):
    {"users": [{"username": "anna", "password": "...", "claims": {"email": "...", "email_verified": true}}],
     "clients": [{"client_id": "...", "client_secret": "...", "redirect_uris": "http://...", "quirks": {}}],
     "id_token_lifetime": 300, "issuer": "optional: the issuer to claim instead of this server's own address"}
"""

import os
import secrets
import socketserver
import sys
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _rsa_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _populate(spec: dict) -> None:
    from django.contrib.auth import get_user_model
    from oauth2_provider.models import Application

    User = get_user_model()
    for person in spec.get("users", []):
        User.objects.create_user(username=person["username"], password=person["password"])
    for client in spec.get("clients", []):
        Application.objects.create(
            name=client["client_id"],
            client_id=client["client_id"],
            client_secret=client["client_secret"],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=client["redirect_uris"],
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )


def main() -> None:
    spec_json, directory = sys.argv[1], Path(sys.argv[2])
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    os.environ["OIDC_TEST_SPEC"] = spec_json
    database = directory / "provider.sqlite3"
    database.unlink(missing_ok=True)  # always a fresh provider
    os.environ["OIDC_TEST_DATABASE"] = str(database)
    os.environ["OIDC_TEST_RSA_KEY"] = _rsa_key_pem()
    os.environ["OIDC_TEST_SECRET_KEY"] = secrets.token_urlsafe(32)

    import json

    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    _populate(json.loads(spec_json))
    application = get_wsgi_application()
    server = make_server("127.0.0.1", 0, application, server_class=_ThreadingServer, handler_class=_QuietHandler)
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
