import os

# Playwright's sync API runs an event loop; Django's ORM must be allowed beside it in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
