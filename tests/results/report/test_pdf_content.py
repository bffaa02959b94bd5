"""What the rendered PDF says, read back with pypdf.

Rendering takes seconds, so the scenario is built and rendered once per language for the module
(inside a transaction that is rolled back afterwards) and every test reads the same PDFs.
"""

import io
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject

from assessments.results.services.report_document import build_report_pdf
from assessments.scoring import score_assessment
from tests import factories
from tests.conftest import assert_test_database
from tests.results.report.builders import HIDDEN_TEAM, build_scenario


@dataclass
class Rendered:
    pdf: bytes
    pages: list  # text per page
    reader: PdfReader

    @property
    def text(self):
        return "\n".join(self.pages)


@dataclass
class Facts:
    organisation: str
    title: str
    factors: list  # (code, name_en, name_nl, score)
    priorities: list  # (rank, factor name_en, name_nl, first advice en, first advice nl)
    hidden_teams: list
    visible_teams: list
    respondents: int
    comment: str


def _half_up(value):
    return str(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _read(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return Rendered(pdf=pdf, pages=[page.extract_text() or "" for page in reader.pages], reader=reader)


# pytest-django sets up the test databases only for the items that ask for one: without this mark the
# module-scoped fixture below would write to the developer's own database when this file runs alone.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        organisation = factories.make_organisation(name="Acme Care", accent_colour="#8b1f5f")
        model_version = factories.make_model_version(code="pdfmodel", factors=3)
        scenario = build_scenario(model_version=model_version, organisation=organisation)
        result = score_assessment(assessment=scenario.assessment)
        facts = Facts(
            organisation=organisation.name,
            title=scenario.assessment.title,
            factors=[(f.code, f.name_en, f.name_nl, result.organisation.factor(f.code).score) for f in result.factors],
            priorities=[
                (p.rank, result.factor(p.factor_code).name_en, result.factor(p.factor_code).name_nl)
                + (p.advice_en[0], p.advice_nl[0])
                for p in result.priorities
            ],
            hidden_teams=[t.group.name_en for t in result.teams if t.suppressed],
            visible_teams=[t.group.name_en for t in result.teams if not t.suppressed],
            respondents=result.respondents,
            comment=scenario.comment,
        )
        rendered = {
            language: _read(build_report_pdf(assessment=scenario.assessment, language=language))
            for language in ("en", "nl")
        }
        transaction.set_rollback(True)
    return facts, rendered


def _page_with(rendered, needle):
    return next(i for i, text in enumerate(rendered.pages) if needle in text)


def test_the_scenario_has_what_the_assertions_need(report):
    facts, _ = report
    assert HIDDEN_TEAM in facts.hidden_teams
    assert "Customer Service" in facts.visible_teams
    assert len(facts.priorities) == 3
    assert all(score is not None for *_, score in facts.factors)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_cover_names_organisation_title_and_respondents(report, language):
    facts, rendered = report
    cover = rendered[language].pages[0]
    assert facts.organisation in cover
    assert facts.title in cover
    assert str(facts.respondents) in cover
    assert rendered[language].pdf.startswith(b"%PDF")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_page_has_the_running_header_and_page_number_except_the_cover(report, language):
    facts, rendered = report
    pages = rendered[language].pages
    total = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert facts.title in text
        assert re.search(rf"\b{number}\D+{total}\b", text), f"no page number on page {number}"
    assert not re.search(rf"\b1\D+{total}\b", pages[0].replace(facts.title, ""))


def test_every_factor_has_a_page_with_its_name_and_score(report):
    facts, rendered = report
    for code, name_en, name_nl, score in facts.factors:
        for language, name in (("en", name_en), ("nl", name_nl)):
            pages = rendered[language].pages
            factor_pages = [
                text for text in pages if re.search(rf"^{re.escape(name)}$", text, re.MULTILINE) and "/100" in text
            ]
            assert factor_pages, f"no page for {code} in {language}"
            assert re.search(rf"\b{_half_up(score)}\s*/100", factor_pages[-1]), (code, language, _half_up(score))


def test_summary_lists_the_three_priorities_with_their_advice(report):
    facts, rendered = report
    for language, name_index, advice_index in (("en", 1, 3), ("nl", 2, 4)):
        rendered_lang = rendered[language]
        # The key message comes first; the summary is the page with "Where the organisation stands".
        stands = "Where the organisation stands" if language == "en" else "Waar de organisatie staat"
        summary = rendered_lang.pages[_page_with(rendered_lang, stands)]
        positions = []
        for priority in facts.priorities:
            assert priority[name_index] in summary
            assert priority[advice_index] in summary
            positions.append(summary.rindex(priority[name_index]))  # strengths come first
        assert positions == sorted(positions), "priorities out of order"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_team_below_the_threshold_is_absent_everywhere(report, language):
    facts, rendered = report
    text = rendered[language].text
    for hidden in facts.hidden_teams:
        assert hidden not in text
    for visible in facts.visible_teams:
        assert visible in text


def test_comments_are_shown_when_the_organisation_is_large_enough(report):
    facts, rendered = report
    assert facts.comment in rendered["en"].text


def test_english_report_is_english_and_dutch_report_uses_dutch_model_content(report):
    _facts, rendered = report
    en, nl = rendered["en"].text, rendered["nl"].text
    assert "Executive summary".upper() in en.upper()
    assert "Description of level" in en
    assert "Beschrijving van niveau" in nl
    assert "Description of level" not in nl
    assert "Beschrijving van niveau" not in en
    assert "Factor 1 (nl)" in nl
    assert "Factor 1 (nl)" not in en
    # The maturity score is not turned into a school grade (a grade is what customers give).
    assert "grade" not in en.lower()
    assert "cijfer" not in nl.lower()
    assert not re.search(r"\b\d,\d\b", en)


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _drawn_xobjects(content, resources, reader, depth=0):
    """The XObjects a content stream actually paints (`Do`), following nested forms.

    WeasyPrint shares one resource dictionary between pages, so listing resources is not enough.
    """
    resources = _resolve(resources) or {}
    available = _resolve(resources.get("/XObject")) or {}
    found = []
    for operands, operator in ContentStream(content, reader).operations:
        if operator != b"Do" or operands[0] not in available:
            continue
        xobject = _resolve(available[operands[0]])
        found.append(xobject)
        if xobject.get("/Subtype") == "/Form" and depth < 10:
            found.extend(_drawn_xobjects(xobject, xobject.get("/Resources", resources), reader, depth + 1))
    return found


def test_radar_is_vector_graphics_with_real_text(report):
    facts, rendered = report
    en = rendered["en"]
    index = _page_with(en, "Current practice and ambition")
    page = en.reader.pages[index]
    xobjects = _drawn_xobjects(page.get_contents(), page["/Resources"], en.reader)
    assert [x for x in xobjects if x.get("/Subtype") == "/Image"] == []
    # WeasyPrint draws SVG straight into the page (or into forms): count the path operators there.
    streams = [page.get_contents(), *(x for x in xobjects if x.get("/Subtype") == "/Form")]
    operators = [op for stream in streams for _operands, op in ContentStream(stream, en.reader).operations]
    # The radar's grid circles and polygons: many line and curve segments, stroked and filled.
    assert operators.count(b"l") + operators.count(b"c") >= 100
    assert operators.count(b"S") >= 10
    assert b"f" in operators or b"f*" in operators
    text = en.pages[index]
    # The legend ("Current", "Ambition") exists only in the chart; the factor names appear in the chart and the table.
    assert "Current" in text
    assert "Ambition" in text
    for _code, name_en, _name_nl, _score in facts.factors:
        assert text.count(name_en) >= 2


def test_no_page_is_empty(report):
    _facts, rendered = report
    for language in ("en", "nl"):
        for number, text in enumerate(rendered[language].pages, start=1):
            body = [line for line in text.splitlines() if line.strip()]
            assert len(body) > 4, f"page {number} of the {language} report is nearly empty"
