"""The public "about the model" page, in English and Dutch."""

import pytest
from django.utils.html import escape

from models_9plus.services import load_model_file
from tests import factories
from tests.models_9plus.conftest import NINEPLUS_PATH, NINEPLUS_V1_PATH, NINEPLUS_V2_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    return load_model_file(path=NINEPLUS_V1_PATH).version


def get_about(client, language):
    client.cookies["django_language"] = language
    response = client.get("/model/")
    assert response.status_code == 200
    return response.content.decode()


def test_english_page_shows_the_model_in_english(client, loaded):
    html = get_about(client, "en")

    assert '<html lang="en">' in html
    assert '<h1 class="about-title">9+ Organisation Maturity Model</h1>' in html
    for text in [
        "Customer Strategy",
        "Emotional Feedback Management",
        "Our strategy states in concrete terms which customers we serve and which experience we want to give them.",
        "Based on the 9+ Organisation Maturity Model by Altuïtion, as publicly described",
        "Not in place",
        "Don't know",
        "Assistant phase",
        "score 35 to under 60",
        "score 80 to 100",
        "Translate the customer strategy into three to five measurable CX objectives",
    ]:
        assert escape(text) in html, text
    assert "Klantstrategie" not in html


def test_dutch_page_shows_the_model_in_dutch(client, loaded):
    html = get_about(client, "nl")

    assert '<html lang="nl">' in html
    for text in [
        "9+ Organisatie Volwassenheidsmodel",
        "Klantstrategie",
        "Emotioneel feedbackmanagement",
        "Onze strategie beschrijft concreet welke klanten wij bedienen en welke ervaring wij hun willen bieden.",
        "Gebaseerd op het 9+ Organisatie Maturity Model van Altuïtion",
        "Niet aanwezig",
        "Weet ik niet",
        "Assistentfase",
        "Vertaal de klantstrategie naar drie tot vijf meetbare CX-doelen en neem die op in het jaarplan.",
    ]:
        assert escape(text) in html, text
    assert "Customer Strategy" not in html


def test_reverse_scored_statements_and_weights_are_marked(client, loaded):
    html = get_about(client, "en")

    # One legend plus one badge per reverse-scored statement (ee2, cj4, ef4).
    assert html.count(">reverse-scored</span>") == 4
    assert html.count(">weight 1.5</span>") == 3


def test_language_switch_by_posting_to_setlang(client, loaded):
    client.post("/i18n/setlang/", {"language": "nl", "next": "/model/"})

    html = client.get("/model/").content.decode()

    assert "Klantstrategie" in html


def test_friendly_empty_state_without_a_model(client, db):
    html = get_about(client, "en")

    assert "The maturity model has not been loaded yet." in html
    assert "python manage.py load_maturity_model models_9plus/data/nineplus.yaml" in html


@pytest.mark.parametrize(("factors", "statements", "levels"), [(1, 1, 1), (7, 6, 5)])
def test_query_count_does_not_grow_with_content(client, django_assert_num_queries, factors, statements, levels):
    factories.make_model_version(code="nineplus", factors=factors, statements=statements, levels=levels)

    with django_assert_num_queries(8):  # the factors' level texts are one query
        response = client.get("/model/")

    assert response.status_code == 200
    assert response.content.decode().count('class="accordion-item"') == factors


def test_the_page_shows_the_latest_content_v21_with_its_derived_advice(client):
    load_model_file(path=NINEPLUS_V1_PATH)
    load_model_file(path=NINEPLUS_V2_PATH)
    load_model_file(path=NINEPLUS_PATH)  # version 2.1, the latest, is the one shown

    english, dutch = get_about(client, "en"), get_about(client, "nl")

    assert escape("Put the customer choice on one page") in english
    assert escape("Plans in my part of the organisation say which customer group they are meant for.") in english
    assert escape("Our strategy names the customer groups we serve.") not in english  # v2's cs1
    assert escape("Our strategy states in concrete terms") not in english  # v1's cs1
    assert ">reverse-scored</span>" not in english  # no reverse-scored statements, so no legend either
    assert "Initial phase" in english
    assert "Assistant phase" not in english
    for text in [
        "9+ Organisatie Maturity Model",
        "Empowerment van teams en medewerkers",
        "Zet de klantkeuze op één A4",
        "Teams zorgen voor uitzonderlijke momenten die klanten laten voelen waar ons merk voor staat.",
        "volwassenheidsindex",
    ]:
        assert escape(text) in dutch, text
    assert "creëren bewust" not in dutch


def test_per_factor_content_shows_level_texts_tags_and_attribution_without_reverse_legend(client):
    load_model_file(path=NINEPLUS_V1_PATH)
    load_model_file(path=NINEPLUS_PATH)  # the current content (2.1) becomes version 2 here, the one shown
    en = get_about(client, "en")
    nl = get_about(client, "nl")
    assert "reverse-scored" not in en
    assert "What this factor looks like at each level" in en
    assert "Zo ziet deze factor eruit op elk niveau" in nl
    assert "developed by Berry Veldhoen together with Stephan van Slooten" in en
    assert ">9+ moment</span>" in en
    assert ">9+-moment</span>" in nl
    assert ">kenniskloof</span>" in nl
    assert "asked of management only" in en
