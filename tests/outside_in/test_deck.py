"""The customer check's slides in the deck: what customers say and the knowledge gap, read back with
python-pptx against the outside-in summary (every minimum applied), rounded by the one rule."""

import pytest

from assessments.outside_in.selectors import customer_check_for, outside_in_summary
from assessments.results.deck.document import build_report_deck
from assessments.scoring.rounding import display_round, display_text
from tests.outside_in.conftest import add_customer_responses, make_link
from tests.results.deck.conftest import all_text, charts_of, read_deck, slides_by_name

pytestmark = pytest.mark.django_db


def _values(chart):
    return {s.name: tuple(s.values) for s in chart.plots[0].series}


def test_customer_slides_equal_the_outside_in_summary(full_check):
    summary = outside_in_summary(assessment=full_check, check=customer_check_for(assessment=full_check))
    deck = slides_by_name(read_deck(build_report_deck(assessment=full_check, language="en")))
    assert {"knowledge_gap", "customers", "customers:factors"} <= set(deck)

    [grades] = charts_of(deck["customers"])
    counts = summary.overall.distribution
    assert tuple(grades.plots[0].categories) == tuple(str(g) for g in range(1, 11))
    assert _values(grades) == {"Grade distribution": tuple(float(display_round(100 * c / sum(counts))) for c in counts)}
    text = "\n".join(s.text_frame.text for s in deck["customers"].shapes if s.has_text_frame)
    margin = display_text(summary.overall.grade_margin, 1)
    assert f"Average grade: 7.4 ± {margin} (20 responses)." in text
    assert f"Average grade · margin ±{margin}" in text
    low, high = (display_text(x) for x in summary.overall.nine_plus_interval)
    basics_low, basics_high = (display_text(x) for x in summary.overall.basics_interval)
    assert (
        f"Margins of error (95%): the share of 9s and 10s lies between {low}% and {high}%, the share of 7 or "
        f"higher between {basics_low}% and {basics_high}%."
    ) in text

    [gap] = charts_of(deck["knowledge_gap"])
    shown = [g for g in summary.estimates if g.shown and g.grade is not None]
    assert list(gap.plots[0].categories) == [g.name("en") for g in shown]
    assert _values(gap) == {
        "Estimated grade": tuple(float(display_round(g.grade, 1)) for g in shown),
        "Customers' grade": tuple(float(display_round(summary.actual.grade_mean, 1)) for _g in shown),
    }

    [agreement] = charts_of(deck["customers:factors"])
    assert _values(agreement) == {
        "Share of customers who agree": tuple(
            None if r.agree_share is None else float(display_round(r.agree_share)) for r in summary.factors
        )
    }


def test_customer_figures_below_the_minimum_are_not_in_the_deck(check, cx_assessment):
    add_customer_responses(make_link(check), [10, 9, 9, 8, 8, 7, 7, 6, 5])  # one below the minimum of 10
    deck = slides_by_name(read_deck(build_report_deck(assessment=cx_assessment, language="nl")))
    customers = deck["customers"]
    assert charts_of(customers) == []
    text = "\n".join(s.text_frame.text for s in customers.shapes if s.has_text_frame)
    assert "Klantcijfers worden getoond vanaf 10 reacties; er zijn er nu 9." in text
    assert "Gemiddeld cijfer" not in all_text(read_deck(build_report_deck(assessment=cx_assessment, language="nl")))
