"""`{% load benchmark_rule %}{% benchmark_rule as rule %}`: the benchmark's publication rule's numbers
(assessments/benchmarks/guard.py), so every page that states the rule states the numbers the code uses."""

from django import template

from assessments.benchmarks import guard

register = template.Library()


@register.simple_tag
def benchmark_rule() -> dict[str, int]:
    return {"minimum": guard.MIN_OWNERS_MEDIAN, "minimum_quartiles": guard.MIN_OWNERS_QUARTILES, "step": guard.STEP}
