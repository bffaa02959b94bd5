"""The margin of error in the deck's words, taken from the partials the PDF and the pages render.

`results/_change_mark.html` is the one wording of a change with its margin ("▲ +8 beyond the margin (±6)",
"-4 within the margin (±5)"); `results/_change_legend.html` explains the compact form. The deck renders those
partials and keeps their text, so a slide can never word a change differently from the PDF or the trend page.
Margins round by the one rule (`display_text`), like the scores they belong to; a hidden figure has none.
"""

import re
from html import unescape
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from assessments.scoring.rounding import display_text


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def change_words(change: Any, *, compact: bool = False) -> str:
    """A change (anything with .change, .margin and .meaningful: scoring's FactorChange, the trend's TrendChange)
    as the PDF words it; "" without a change."""
    if change is None:
        return ""
    return _text(render_to_string("results/_change_mark.html", {"c": change, "compact": compact}))


def change_legend() -> str:
    """What the compact marks mean (the sentence below the PDF's and the dashboard's tables)."""
    return _text(render_to_string("results/_change_legend.html"))


def plus_minus(margin: float | None, digits: int = 0) -> str:
    """ "±5" by the one rounding rule; "" when there is no margin (hidden, or not computable)."""
    return f"±{display_text(margin, digits)}" if margin is not None else ""


def margin_label(label: str, margin: float | None, digits: int = 0) -> str:
    """A tile's label with the margin, as the PDF's headline captions: "maturity index · margin ±5"."""
    if margin is None:
        return label
    return f"{label} · " + _("margin ±%(margin)s") % {"margin": display_text(margin, digits)}
