"""The demo's three rounds with the real 9+ model: the trend page and the PDF mark the changes beyond
their margin of error and say "within the margin" for the rest, in English and Dutch (exact strings)."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from assessments.organisations.models import Organisation
from assessments.questionnaire.models import Assessment
from assessments.results.services.report_document import build_report_pdf

pytestmark = pytest.mark.django_db

# (row, autumn 2025, spring 2026 with its change mark); the open autumn 2026 round has no answers yet.
TREND_EN = [
    ("Maturity index", "48", "50 +1 within the margin (±5)"),
    ("Customer Strategy", "59", "55 -4 within the margin (±5)"),
    ("Brand Connection", "54", "52 -3 within the margin (±5)"),
    ("Team & Employee Empowerment", "85", "83 -2 within the margin (±4)"),
    ("Customer Journey anchoring", "38", "46 ▲ +8 beyond the margin (±6)"),
    ("Service & Experience Design", "55", "51 -3 within the margin (±5)"),
    ("Steering on customer themes", "32", "41 ▲ +8 beyond the margin (±6)"),
    ("Emotional Feedback Management", "17", "23 ▲ +6 beyond the margin (±5)"),
]
TREND_NL = [
    ("Volwassenheidsindex", "48", "50 +1 binnen de foutmarge (±5)"),
    ("Klantstrategie", "59", "55 -4 binnen de foutmarge (±5)"),
    ("Merkverbinding", "54", "52 -3 binnen de foutmarge (±5)"),
    ("Empowerment van teams en medewerkers", "85", "83 -2 binnen de foutmarge (±4)"),
    ("Verankering van de klantreis", "38", "46 ▲ +8 buiten de foutmarge (±6)"),
    ("Service & Experience Design", "55", "51 -3 binnen de foutmarge (±5)"),
    ("Sturen op klantthema's", "32", "41 ▲ +8 buiten de foutmarge (±6)"),
    ("Management van emotionele feedback", "17", "23 ▲ +6 buiten de foutmarge (±5)"),
]


@pytest.fixture
def demo(db):
    call_command("load_maturity_model", "models_9plus/data/nineplus.yaml", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    return Organisation.objects.get(name="Zorggroep Horizon")


def _text(fragment):
    text = re.sub(r"<[^>]+>", " ", fragment).replace("&amp;", "&").replace("&#x27;", "'")
    return re.sub(r"\s+", " ", text).strip()


def _trend_rows(page):
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [
        tuple(_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S))
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


@pytest.mark.parametrize(("language", "expected"), [("en", TREND_EN), ("nl", TREND_NL)])
def test_the_trend_page_marks_only_changes_beyond_their_margin(demo, django_user_model, language, expected):
    client = Client()
    client.force_login(django_user_model.objects.get(email="consultant@demo.cxmaturity.nl"))
    page = client.get(f"/o/{demo.public_id}/trend/", headers={"accept-language": language}).content.decode()
    assert _trend_rows(page)[: len(expected)] == expected


@pytest.mark.parametrize(
    ("language", "lines", "key_message"),
    [
        (
            "en",
            [
                "Maturity index 48 50 +1 within the margin (±5)",
                "Customer Strategy 59 55 -4 within the margin (±5)",
                "Customer Journey anchoring 38 46 ▲ +8 beyond the margin (±6)",
                "Emotional Feedback Management 17 23 ▲ +6 beyond the margin (±5)",
            ],
            "Since CX-scan najaar 2025, these 3 changes are larger than their margin of error, so they are "
            "unlikely to be chance. 4 other factors changed within their margin: that may be chance.",
        ),
        (
            "nl",
            [
                "Volwassenheidsindex 48 50 +1 binnen de foutmarge (±5)",
                "Klantstrategie 59 55 -4 binnen de foutmarge (±5)",
                "Verankering van de klantreis 38 46 ▲ +8 buiten de foutmarge (±6)",
                "Management van emotionele feedback 17 23 ▲ +6 buiten de foutmarge (±5)",
            ],
            "Sinds CX-scan najaar 2025 zijn deze 3 veranderingen groter dan hun foutmarge, dus waarschijnlijk "
            "geen toeval. 4 andere factoren veranderden binnen hun foutmarge: dat kan toeval zijn.",
        ),
    ],
)
def test_the_pdf_marks_only_changes_beyond_their_margin(demo, language, lines, key_message):
    assessment = Assessment.objects.select_related("organisation").get(title="CX-scan voorjaar 2026")
    reader = PdfReader(io.BytesIO(build_report_pdf(assessment=assessment, language=language)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for line in lines:
        assert line in text
    assert key_message in text
    # The key message names only the three changes beyond their margin, largest first.
    named = {
        "en": "Steering on customer themes: 32 → 41; Customer Journey anchoring: 38 → 46; "
        "Emotional Feedback Management: 17 → 23",
        "nl": "Sturen op klantthema's: 32 → 41; Verankering van de klantreis: 38 → 46; "
        "Management van emotionele feedback: 17 → 23",
    }[language]
    assert named in text
