"""The customers' figures lead with the share of 9s and 10s and three bands (6 or lower dissatisfied, 7 or 8
indifferent, 9 or 10 loyal), with the 7+ share as the basics seen from outside; the knowledge gap says it is
a proxy of SERVQUAL's gap 1."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.outside_in.figures import GradeBands, grade_bands
from tests.outside_in.test_pdf import _outside_in_page, _text


@given(st.lists(st.integers(min_value=1, max_value=10), min_size=1, max_size=200))
def test_grade_bands_match_a_reference(grades):
    counts = [grades.count(g) for g in range(1, 11)]
    bands = grade_bands(counts)
    n = len(grades)
    assert bands.dissatisfied == pytest.approx(100 * len([g for g in grades if g <= 6]) / n)
    assert bands.indifferent == pytest.approx(100 * len([g for g in grades if g in (7, 8)]) / n)
    assert bands.loyal == pytest.approx(100 * len([g for g in grades if g >= 9]) / n)
    assert bands.basics == pytest.approx(100 * len([g for g in grades if g >= 7]) / n)
    assert bands.dissatisfied + bands.basics == pytest.approx(100)


def test_no_grades_no_bands():
    assert grade_bands(None) is None
    assert grade_bands([0] * 10) is None
    assert grade_bands([1, 0, 0, 0, 0, 0, 1, 0, 0, 2]) == GradeBands(dissatisfied=25.0, indifferent=25.0, loyal=50.0)


@pytest.mark.django_db
def test_outside_in_page_leads_with_the_bands(client_for, manager_a, full_check):
    client = client_for(manager_a)
    page = client.get(f"/a/{full_check.public_id}/outside-in/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # 20 grades: 4 of 9 or 10, 12 of 7 or 8, 4 of 6 or lower.
    assert page.index('id="oi-bands"') < page.index('id="oi-kpis"')
    assert (page.count("oi-bar is-low"), page.count("oi-bar is-top")) == (6, 2)  # grades 1-6 red, 9 and 10 green
    assert "20% of customers give a 9 or 10: loyal customers." in page
    assert "7 or 8, indifferent (“passive”): 60%" in page
    assert "6 or lower, dissatisfied: 20%" in page
    assert "80% give a 7 or higher: the basics seen from outside." in page
    assert "a proxy, because SERVQUAL's gap 1 is about what customers expect" in page


@pytest.mark.django_db
def test_pdf_leads_with_the_bands_in_both_languages(full_check):
    text = _outside_in_page(_text(full_check, "en"), "What customers say")
    assert (
        "20% of customers give a 9 or 10 (loyal), 60% a 7 or 8 (indifferent, “passive”) and 20% a 6 or lower "
        "(dissatisfied). 80% give a 7 or higher: the basics seen from outside." in text
    )
    assert "a proxy, because SERVQUAL's gap 1 is about what customers expect" in text
    dutch = _outside_in_page(_text(full_check, "nl"), "Wat klanten zeggen")
    assert "80% geeft een 7 of hoger: de basis in de ogen van klanten." in dutch
    assert "kloof 1 van SERVQUAL gaat over wat klanten verwachten" in dutch
