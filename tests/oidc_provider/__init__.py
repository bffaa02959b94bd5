"""A real OpenID Connect provider for the tests: a small Django project on django-oauth-toolkit.

`serve.py` starts one on a free loopback port (its own settings, SQLite file and RSA key);
`fixtures.py` holds the pytest fixture that starts it, waits for its discovery document and stops it.
Nothing here is imported by the app.
"""
