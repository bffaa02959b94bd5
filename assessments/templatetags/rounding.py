"""`{{ value|rounded:1 }}`: a figure rounded by the one rule (assessments.scoring.rounding) and localised
("46,3" in Dutch), in place of `floatformat`, which rounds the float's shortest repr (46.249999999999996
-> 46.2 where the figure is 46.25). Empty for None or a non-number, like floatformat, so `|default:"–"` works.
"""

from typing import SupportsFloat, cast

from django import template

from assessments.scoring.rounding import display_text

register = template.Library()


@register.filter
def rounded(value: object, digits: int | str = 0) -> str:
    try:
        # Anything that is not a number raises inside display_text, and the except below makes it "".
        text: str = display_text(cast(SupportsFloat | None, value), int(digits))
        return text
    except (TypeError, ValueError, ArithmeticError):
        return ""
