"""Formatting for the PDF report: safe CSS strings, page counters, signed numbers, embedded images."""

import base64
import logging
import re

from django.utils.translation import gettext

from assessments.scoring.rounding import display_round, display_text

logger = logging.getLogger(__name__)

LOGO_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml"}


def css_string(text):
    """A CSS string literal that cannot break out of its declaration, whatever the text."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-_()&'" else f"\\{ord(ch):x} " for ch in str(text))
    return f'"{escaped}"'


def page_counter_css():
    """'Page X of Y' in the active language as a CSS content value."""
    template = gettext("Page %(page)s of %(pages)s")
    parts = re.split(r"(%\(page\)s|%\(pages\)s)", template)
    out = []
    for part in parts:
        if part == "%(page)s":
            out.append("counter(page)")
        elif part == "%(pages)s":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return " ".join(out)


def signed(value, digits=0):
    if value is None:
        return None
    rounded = display_round(value, digits)  # the one rounding rule, once
    if rounded == 0:
        return "±0"
    text = display_text(abs(rounded), digits)
    return ("+" if rounded > 0 else "\u2212") + text


def logo_data_uri(organisation):
    if not organisation.logo:
        return None
    extension = organisation.logo.name.rsplit(".", 1)[-1].lower()
    mime = LOGO_TYPES.get(extension)
    if mime is None:
        return None
    try:
        with organisation.logo.open("rb") as handle:
            data = handle.read()
    except OSError:
        logger.warning("Logo of organisation %s could not be read", organisation.public_id)
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def svg_data_uri(svg):
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
