"""Customer figures as the reader sees them: in the reader's number format, gaps signed and with their unit.

A grade gap is in grade points ("+0.3"); a 9+-share gap is in percentage points ("+8 pp" / "+8 procentpunt"),
never "%": 48 % estimated against 40 % actual is 8 percentage points, not 8 %. Rounded half up once, here
(scoring.rounding, the one rule), for the page, the PDF text and the PDF charts alike.
"""

import re

from django.utils import formats
from django.utils.translation import gettext as _

from assessments.scoring.rounding import display_round

MINUS = "\u2212"  # a real minus sign: "-8" reads as a hyphen in a table


def number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    rounded = display_round(value, digits) + 0.0  # + 0.0: no "-0"
    return formats.number_format(rounded, decimal_pos=digits, use_l10n=True)


def signed(value: float | None, digits: int = 0) -> str:
    if value is None:
        return ""
    rounded = display_round(value, digits)
    text = number(abs(rounded), digits)
    return (MINUS if rounded < 0 else "+" if rounded > 0 else "±") + text


def percent(value: float | None) -> str:
    return "–" if value is None else f"{number(value)}%"


def points(value: float | None) -> str:
    """A gap between two shares, in percentage points."""
    if value is None:
        return ""
    return _("%(value)s pp") % {"value": signed(value)}


# The model's customer questions say "this organisation"; the customer knows it by its name.
_THIS_ORGANISATION = re.compile(r"\b(this organisation|deze organisatie)\b", re.IGNORECASE)


def with_organisation(text: str, name: str) -> str:
    """The question with the organisation's name where the model text says "this/deze organisatie"."""
    return _THIS_ORGANISATION.sub(lambda _m: name, text) if name.strip() else text
