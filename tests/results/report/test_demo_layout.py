"""The demo report's layout with the real 9+ model: long Dutch factor names once pushed the perception-gap
note onto a page of its own (the table's unit header took the names' room)."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from assessments.questionnaire.models import Assessment
from assessments.results.services.report_document import build_report_pdf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "note"),
    [
        ("nl", "Perceptiekloof: management en medewerkers", "Verschil = score management min score medewerkers"),
        ("en", "Perception gap: management and staff", "Difference = management score minus staff score"),
    ],
)
def test_the_perception_note_stays_on_the_page_of_its_table(language, heading, note):
    call_command("load_maturity_model", "models_9plus/data/nineplus.yaml", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    assessment = Assessment.objects.select_related("organisation").get(title="CX-scan voorjaar 2026")
    pages = [
        page.extract_text()
        for page in PdfReader(io.BytesIO(build_report_pdf(assessment=assessment, language=language))).pages
    ]
    with_heading = [number for number, text in enumerate(pages) if heading in text]
    with_note = [number for number, text in enumerate(pages) if note in " ".join(text.split())]
    assert len(with_heading) == 1
    assert with_note == with_heading
