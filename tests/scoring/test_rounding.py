"""One rounding rule: half away from zero on the exact value, once, to the decimals shown (scoring.rounding)."""

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from assessments.benchmarks import guard
from assessments.scoring.rounding import display_round, display_text
from assessments.scoring.statistics import to_score

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (46.25, 1, 46.3),  # the dashboard showed 46.2 (binary-exact .25 rounded to even)
        (46.5, 0, 47.0),
        (45.5, 0, 46.0),  # not to even
        (2.675, 2, 2.68),  # 2.675 is 2.67499999... as a float; the figure is 2.675
        (-2.5, 0, -3.0),  # away from zero
        (-0.4, 0, 0.0),
        (25.486, 0, 25.0),  # the PDF showed 26: 25.486 -> 25.5 -> 26 (rounded twice)
        (71.24999999999999, 1, 71.3),  # (3.85 - 1) / 4 * 100 as floats: exactly 71.25 on paper
        (None, 1, None),
    ],
)
def test_boundaries(value, digits, expected):
    assert display_round(value, digits) == expected


def test_scores_that_are_halves_on_paper_round_up():
    # A mean of 1.17 on a 1-5 scale is a score of exactly 4.25; floats give 4.249999999999998.
    score = to_score(1.17, scale_min=1, scale_max=5)
    assert score < 4.25
    assert f"{score:.1f}" == "4.2"  # what a rounding of the float itself shows
    assert display_round(score, 1) == 4.3
    assert display_text(score, 1) == "4.3"


@given(numerator=st.integers(-(10**7), 10**7), digits=st.integers(0, 2))
def test_matches_exact_decimal_half_up(numerator, digits):
    # Reference: the exact value (a multiple of 1/1000), rounded half away from zero in exact arithmetic.
    exact = Fraction(numerator, 1000)
    reference = Decimal(exact.numerator) / Decimal(exact.denominator)
    want = float(reference.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    assert display_round(numerator / 1000, digits) == (want if want != 0 else 0.0)


def test_filter_rounds_once_and_localises():
    template = Template(
        "{% load rounding %}{{ a|rounded:1 }} {{ b|rounded:0 }} {{ c|rounded }}|{{ d|rounded:1|default:'–' }}"
    )
    context = Context({"a": 46.25, "b": 46.5, "c": -0.2, "d": None})
    with translation.override("en"):
        assert template.render(context) == "46.3 47 0|–"
    with translation.override("nl"):
        assert template.render(context) == "46,3 47 0|–"


def test_benchmark_steps_are_rounded_once_by_the_rule():
    # A published benchmark figure is the unrounded quantile taken to whole 5-point steps by the one rule:
    # halves away from zero, float noise off first (47.499999999999996 is 47.5 on paper, so 50).
    assert [guard.to_step(v) for v in (47.4, 47.5, 47.499999999999996, 52.49, 0.0, 100.0)] == [45, 50, 50, 50, 0, 100]
    assert guard.published([25.486] * 5, 0.5) == 25
    html = Template("{% load rounding %}{{ m|rounded:0 }}").render(Context({"m": guard.published([25.486] * 5, 0.5)}))
    assert html == "25"


def test_no_template_uses_floatformat_for_a_figure():
    """Every displayed figure goes through the one filter; floatformat is left only for CSS lengths ('u')."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        for match in re.finditer(r"\|floatformat(:[^\s|}%]*)?", path.read_text()):
            if not (match.group(1) or "").endswith("u'"):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert offenders == []


@pytest.mark.django_db
def test_dashboard_heatmap_and_export_show_one_rounding_of_the_same_score(org_a, manager_a, client_for):
    """A factor score of exactly 62.5 shows as 63 on the dashboard and in the heatmap (Python's own
    rounding of the float says 62), and as 62.5 in the export's one decimal."""
    from assessments.results import charts
    from assessments.scoring import score_assessment
    from tests import factories

    version = factories.make_model_version(code="rounding", factors=2, statements=2)
    team = factories.make_team(organisation=org_a)
    assessment = factories.make_assessment(organisation=org_a, model_version=version, teams=[team])
    answers = [{"f1s1": 3, "f1s2": 3, "f2s1": 2, "f2s2": 2}] * 5 + [{"f1s1": 4, "f1s2": 4, "f2s1": 2, "f2s2": 2}] * 5
    factories.make_responses(assessment=assessment, answers=answers, team=team)
    result = score_assessment(assessment=assessment)
    assert result.organisation.factor("f1").score == 62.5
    assert f"{62.5:.0f}" == "62"  # what the heatmap used to print

    client = client_for(manager_a)
    html = client.get(f"/a/{assessment.public_id}/results/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    shown = re.findall(r'<div class="factor-score">(\d+)<span', html)
    assert shown == ["63", "25"]
    heatmap = charts.heatmap_figure(result=result, language="en")
    assert list(heatmap.data[0].text[0]) == ["63", "25"]
    body = b"".join(
        client.get(f"/a/{assessment.public_id}/results/export/scores.csv", HTTP_ACCEPT_LANGUAGE="en").streaming_content
    ).decode("utf-8-sig")
    organisation_f1 = next(line for line in body.splitlines()[1:] if ",f1," in line)
    assert ",62.5," in organisation_f1
