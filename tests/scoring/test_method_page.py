"""The method page says how the numbers are made, in both languages (issue 23 item 7 and the rounding rule)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _text(client, language):
    html = client.get("/how-we-score/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_method_page_documents_the_rules(client):
    text = _text(client, "en")
    for phrase in (
        "the median is the average of the two middle scores",
        "“don’t know” answers divided by all answers given to the factor's statements a person was asked",
        "It is withheld when any factor's score is hidden",
        "It is measured on what customers give (their grade and their share of 9s and 10s), not on what they expect",
        "A statement “pulls the factor down” when its score is at least 5 points below",
        "excluded responses are left out, and so are answers to statements a person's current role is not asked",
        "The overall basics and 9+ moments are the average of the factors' basics and 9+ scores",
        "half away from zero, to the number of decimals shown (46.25 becomes 46.3, 46.5 becomes 47",
        "too few respondents counted for the factor",
        "Each organisation's value is exactly the factor score on its own dashboard",
    ):
        assert phrase in text, phrase


def test_method_page_in_dutch(client):
    text = _text(client, "nl")
    for phrase in (
        "bij een even aantal personen is de mediaan het gemiddelde van de twee middelste scores",
        "De index ontbreekt als de score van een factor verborgen is",
        "15. Afronden",
        "46,25 wordt 46,3",
        "13. De stellingen achter een factor",
        "minstens 5 punten onder de score van de factor",
    ):
        assert phrase in text, phrase
    assert "Rounding" not in text


def test_method_page_says_the_nine_plus_rules_and_counts_the_links_from_the_data(client):
    from models_9plus.models import Statement
    from models_9plus.selectors import latest_version_with_content
    from tests import factories

    factories.make_model_version(code="nineplus", factors=2, statements=3, per_factor=True)
    version = latest_version_with_content(code="nineplus")
    assert version is not None
    html = client.get("/how-we-score/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    text = _text(client, "en")
    assert "The top level, the 9+ phase, needs both layers high" in text
    assert "at least two of them, or all of them when they were asked fewer" in text
    assert "is a proxy: it compares the organisation's estimate of the customers' grade" in text
    table = re.search(r'<table[^>]*id="servqual-links".*?</table>', html, re.S).group(0)
    counts = [int(n) for n in re.findall(r'class="text-end">(\d+)</td>', table)]
    expected = [
        Statement.objects.filter(factor__version=version, servqual_gap=gap).count()
        for gap in ("knowledge", "standards", "delivery", "communication")
    ]
    assert counts == expected
    assert sum(counts) > 0
    nl = _text(client, "nl")
    assert "Het hoogste niveau, de 9+-fase, vraagt om twee sterke lagen" in nl
    assert "Schakel Stellingen Weten wat klanten verwachten (kennis)" in nl
