"""The only resources a PDF may load: our own static files and inline data.

WeasyPrint would otherwise follow any URL in the HTML, including http(s) and
arbitrary local files. Reports are rendered from user-provided text, so every
other URL is refused.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Templates reference `{% static %}` paths ("/static/..."); with this base URL they
# become file:///static/... which the fetcher maps onto the staticfiles finders.
BASE_URL = "file:///"


def _static_path(relative: str) -> Path | None:
    """The source file (finders), else the collected one: with the manifest storage in production,
    `{% static %}` yields hashed names that only exist in STATIC_ROOT."""
    found = finders.find(relative)
    if found:
        return Path(found)
    try:
        collected = Path(staticfiles_storage.path(relative))
    except (NotImplementedError, ValueError):
        return None
    root = Path(settings.STATIC_ROOT).resolve()
    collected = collected.resolve()
    if collected.is_file() and collected.is_relative_to(root):
        return collected
    return None


class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint ships no type hints
    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "file"))

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if parts.scheme != "file" or parts.netloc or not parts.path.startswith(static_prefix):
            raise ValueError(f"PDF reports may only load static files, not {url}")
        relative = unquote(parts.path[len(static_prefix) :])
        if not relative or ".." in Path(relative).parts:
            raise ValueError(f"Not a static file: {url}")
        found = _static_path(relative)
        if found is None:
            raise ValueError(f"Static file not found: {relative}")
        content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        if relative.endswith(".woff2"):
            content_type = "font/woff2"
        return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": content_type})
