"""`{{ value|rounded:1 }}`: a figure rounded by the one rule (assessments.scoring.rounding) and localised
("46,3" in Dutch), in place of `floatformat`, which rounds the float's shortest repr (46.249999999999996
-> 46.2 where the figure is 46.25). Empty for None or a non-number, like floatformat, so `|default:"–"` works.
"""

from django import template

from assessments.scoring.rounding import display_text

register = template.Library()


@register.filter
def rounded(value, digits=0):
    try:
        return display_text(value, int(digits))
    except (TypeError, ValueError, ArithmeticError):
        return ""
