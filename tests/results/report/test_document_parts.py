"""Small parts of the PDF document: what it may load, safe header strings, logo, number formats."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from assessments.results.quotes import pick_quotes
from assessments.results.services.pdf_fetcher import StaticOnlyFetcher
from assessments.results.services.report_format import (
    css_string,
    logo_data_uri,
    page_counter_css,
    signed,
)
from tests import factories


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/tracker.png",
        "https://example.org/font.woff2",
        "file:///etc/passwd",
        "file:///static/../../etc/passwd",
        "file://remote-host/static/css/report.css",
        "ftp://example.org/x",
    ],
)
def test_the_pdf_may_not_load_anything_but_static_files(url):
    with pytest.raises(ValueError, match=r"(?i)static file"):
        StaticOnlyFetcher().fetch(url)


def test_the_pdf_loads_the_bundled_font_and_stylesheet():
    fetcher = StaticOnlyFetcher()
    font = fetcher.fetch("file:///static/fonts/source-sans-3/source-sans-3-latin-400-normal.woff2")
    assert font.content_type == "font/woff2"
    assert font.read(4) == b"wOF2"
    css = fetcher.fetch("file:///static/css/report.css")
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    data = fetcher.fetch("data:text/plain;base64,aGk=")
    assert data.read() == b"hi"


def test_header_strings_cannot_break_out_of_css():
    value = css_string('Acme "Care"; } @page { x: url(http://evil) } \\')
    assert value.startswith('"')
    assert value.endswith('"')
    inner = value[1:-1]
    assert '"' not in inner
    assert ";" not in inner
    assert "{" not in inner
    assert "}" not in inner
    assert ":" not in inner
    assert css_string("Zorggroep Horizon") == '"Zorggroep Horizon"'


def test_page_counter_follows_the_language():
    with translation.override("en"):
        assert page_counter_css() == '"Page " counter(page) " of " counter(pages)'


def test_signed_changes_use_the_languages_decimal_mark():
    with translation.override("nl"):
        assert signed(4.26, 1) == "+4,3"
        assert signed(-3.0) == "\u22123"
    with translation.override("en"):
        assert signed(0.2) == "±0"
        assert signed(12.4) == "+12"
    assert signed(None) is None


def test_identical_comments_are_quoted_once_in_alphabetical_order():
    quotes = pick_quotes(("C", "B", "b.", " ", "A"))
    assert quotes.shown == ("A", "B", "C")
    assert quotes.total == 3


@pytest.mark.django_db
def test_logo_becomes_an_inline_image(org_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#8b1f5f").save(buffer, format="PNG")
    org_a.logo = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    org_a.save()
    uri = logo_data_uri(org_a)
    assert uri.startswith("data:image/png;base64,")
    org_b = factories.make_organisation(name="No Logo")
    assert logo_data_uri(org_b) is None
