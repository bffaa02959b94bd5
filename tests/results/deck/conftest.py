import io

import openpyxl
import pytest
from pptx import Presentation

from tests import factories
from tests.results.report.builders import build_scenario


@pytest.fixture
def scenario(org_a):
    """Acme Care's second round on a version 2 style model (basics, 9+ moments and the chain): four teams
    (Legal too small to show), management and staff, a previous round for the change and the trend."""
    version = factories.make_model_version(code="deckmodel", factors=4, per_factor=True)
    return build_scenario(model_version=version, organisation=org_a)


def read_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def slides_by_name(deck):
    return {slide.name: slide for slide in deck.slides}


def charts_of(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def all_text(deck) -> str:
    """Every word a reader can find in the deck: shapes, tables, chart titles, categories and series, notes."""
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
            if shape.has_chart:
                plot = shape.chart.plots[0]
                parts.extend(str(c) for c in plot.categories)
                parts.extend(s.name for s in plot.series)
                parts.append(shape.chart.part.blob.decode("utf-8"))
                parts.extend(_workbook_cells(shape.chart.part.chart_workbook.xlsx_part.blob))
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _workbook_cells(blob: bytes) -> list[str]:
    """The chart's embedded spreadsheet (what "Edit data" opens): every cell as text."""
    book = openpyxl.load_workbook(io.BytesIO(blob), read_only=True)
    return [str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]


@pytest.fixture
def fake_pdf(monkeypatch):
    """Replace the slow PDF renderer: returns the list of (assessment id, language) it was asked for."""
    calls = []

    def build(*, assessment, language):
        calls.append((assessment.public_id, language))
        return b"%PDF-1.7 fake report"

    monkeypatch.setattr("assessments.results.services.report_document.build_report_pdf", build)
    return calls
