"""The one rounding rule for every figure a reader sees (dashboard, PDF, exports, outside-in, benchmark).

Half away from zero, on the exact value, to the number of decimals shown: 46.25 -> 46.3, 46.5 -> 47,
-2.5 -> -3. Scores are floats from a division, so a value that is exactly 46.25 on paper can arrive as
46.249999999999996; the float noise is taken off at 9 decimals first (far below any decimal shown), then
decimal's ROUND_HALF_UP (which rounds halves away from zero) does the rest. Figures are computed
unrounded and rounded once, where they are shown: never round an already rounded number.
The template filter is `{% load rounding %}{{ value|rounded:1 }}` (assessments/templatetags/rounding.py).
"""

from decimal import ROUND_HALF_UP, Decimal

_NOISE_DIGITS = 9


def rounded_decimal(value, digits=0):
    """`value` rounded by the rule as a Decimal (keeps the trailing zeros: 46.0 at one decimal); None stays None."""
    if value is None:
        return None
    exact = Decimal(repr(round(float(value), _NOISE_DIGITS)))
    result = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return result.copy_abs() if result == 0 else result  # never "-0"


def display_round(value, digits=0):
    """`value` rounded by the rule: an int for 0 decimals (so "33%" never prints as "33.0%"), else a float;
    None stays None."""
    result = rounded_decimal(value, digits)
    if result is None:
        return None
    return int(result) if digits <= 0 else float(result)


def display_text(value, digits=0):
    """`value` rounded by the rule and localised for the active language ("46,3" in Dutch); "" for None."""
    from django.utils import formats  # here, so the rule itself needs no Django

    number = rounded_decimal(value, digits)
    return "" if number is None else formats.number_format(number, digits)
