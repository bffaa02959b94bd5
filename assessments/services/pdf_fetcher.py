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
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Templates reference `{% static %}` paths ("/static/..."); with this base URL they
# become file:///static/... which the fetcher maps onto the staticfiles finders.
BASE_URL = "file:///"


class StaticOnlyFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=("data", "file"))

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if parts.scheme != "file" or parts.netloc or not parts.path.startswith(static_prefix):
            raise ValueError(f"PDF reports may only load static files, not {url}")
        relative = unquote(parts.path[len(static_prefix) :])
        if not relative or ".." in Path(relative).parts:
            raise ValueError(f"Not a static file: {url}")
        found = finders.find(relative)
        if not found:
            raise ValueError(f"Static file not found: {relative}")
        content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        if relative.endswith(".woff2"):
            content_type = "font/woff2"
        return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type})
