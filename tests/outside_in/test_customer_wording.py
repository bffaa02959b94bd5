"""The customer form reads as written for customers, in both languages (issue 24, "Dutch")."""

import pytest

from tests.outside_in.conftest import make_link

pytestmark = pytest.mark.django_db


def test_dutch_customer_form_wording(client, check):
    html = client.get(f"/c/{make_link(check).token}/?lang=nl").content.decode()
    assert "Hoe was uw ervaring met Acme Care?" in html
    assert "<title>Uw ervaring met Acme Care" in html
    assert "Hoe waarschijnlijk is het dat u Acme Care aanraadt aan familie, vrienden of collega's?" in html
    assert "Het was makkelijk om bij Acme Care te regelen wat ik nodig had." in html
    for wrong in ("Hoe deed", "aanbeveelt", "een vriend", "mogelijk gemaakt door", "Moeite", " je ", " jouw "):
        assert wrong not in html


def test_english_customer_form_wording(client, check):
    html = client.get(f"/c/{make_link(check).token}/?lang=en").content.decode()
    assert "How was your experience with Acme Care?" in html
    assert "How likely are you to recommend Acme Care to family, friends or colleagues?" in html
    assert "powered by" not in html
    assert "to a friend" not in html


def test_the_form_texts_from_python_are_translated_too(client, check):
    """Labels and errors set in forms.py reach the catalogue (gettext_lazy, which makemessages finds)."""
    link = make_link(check)
    html = client.post(f"/c/{link.token}/", {"grade": "", "lang": "nl"}).content.decode()
    assert "Geef een cijfer van 1 tot 10." in html
    from django.utils import translation

    from assessments.outside_in.forms import CheckForm, EstimateForm, LinkForm

    with translation.override("nl"):
        labels = [str(f.label) for form in (CheckForm(), EstimateForm()) for f in form.fields.values()]
        labels += [str(f.label) for f in LinkForm(check=check).fields.values()]
    assert "Welk cijfer geven onze klanten ons gemiddeld?" in labels
    assert "Label (kanaal of klantgroep)" in labels
    assert not [label for label in labels if label.startswith(("What ", "Minimum customer", "Maximum responses"))]
