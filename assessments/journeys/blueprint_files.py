"""The service blueprint as files for the workshop: a PDF to print (WeasyPrint, A3 landscape, as the results
report is rendered) and a PowerPoint file to edit (python-pptx, as the results slide deck).

Why PowerPoint as the editable format, not a spreadsheet: facilitators run a blueprint workshop on a screen
or a printed wall chart and write into the cells and beside them (sticky notes, arrows); a slide table keeps
its layout while they type, prints on one sheet per slide and opens in PowerPoint, Keynote, Google Slides
and LibreOffice. A spreadsheet suits numbers to sort and sum, which a blueprint has few of.
"""

import io
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.text.text import TextFrame
from pptx.util import Inches, Pt
from weasyprint import HTML

from assessments.core.colours import readable_on, tint, valid_hex
from assessments.journeys.blueprint import (
    CUSTOMER,
    LANES,
    SYSTEMS,
    TEAM_LANES,
    Blueprint,
    Column,
    lane_hints,
    lane_names,
)
from assessments.organisations.models import Organisation
from assessments.results.deck.pieces import rgb
from assessments.results.services.pdf_fetcher import BASE_URL, StaticOnlyFetcher
from assessments.results.services.report_document import _font_config

# Slides 16:9 (13.33 x 7.5 in): a lane column and up to four moments, so that two statements per cell at 8 pt
# still fit the slide's height (PowerPoint grows a row to its text, past the slide's edge if need be).
SLIDE_COLUMNS = 4
SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
LANE_COLUMN = Inches(1.6)
MARGIN = Inches(0.35)


def blueprint_filename(*, blueprint: Blueprint, extension: str) -> str:
    return f"blueprint-{slugify(blueprint.title) or 'journey'}.{extension}"


def blueprint_html(*, blueprint: Blueprint, organisation: Organisation, language: str) -> str:
    accent = valid_hex(organisation.accent_colour)
    with translation.override(language):
        return render_to_string(
            "journeys/blueprint_pdf.html",
            {
                "blueprint": blueprint,
                "pages": blueprint.pages(),
                "lanes": _lanes(),
                "organisation": organisation,
                "language": language,
                "accent": accent,
                "accent_soft": tint(accent, 0.86),
                "accent_text": readable_on(accent),
                "generated_on": timezone.localdate(),
            },
        )


def blueprint_pdf(*, blueprint: Blueprint, organisation: Organisation, language: str) -> bytes:
    html = blueprint_html(blueprint=blueprint, organisation=organisation, language=language)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    pdf: bytes = document.write_pdf(font_config=_font_config())
    return pdf


def _lanes() -> list[dict[str, str]]:
    names, hints = lane_names(), lane_hints()
    return [{"code": lane, "name": names[lane], "hint": hints[lane]} for lane in LANES]


def cell_lines(column: Column, lane: str) -> list[str]:
    """A cell's text as lines: the slide writes them, the tests read them back."""
    if lane == CUSTOMER:
        return [column.name, column.target_text, *column.customer_lines]
    if lane == SYSTEMS:
        return []
    statements = column.cells.get(lane, ())
    if not statements:
        return [column.team_note] if column.team_note and lane == TEAM_LANES[0] else []
    return [line for placed in statements for line in (placed.text, placed.detail)]


def _write(frame: TextFrame, lines: Sequence[str], *, size: float, bold_first: bool, colour: str | None) -> None:
    frame.word_wrap = True
    first = True
    for i, line in enumerate(lines or [""]):
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()  # type: ignore[no-untyped-call]
        first = False
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold_first and i == 0
        if colour:
            run.font.color.rgb = rgb(colour)


def blueprint_pptx(*, blueprint: Blueprint, organisation: Organisation, language: str) -> bytes:
    """One slide per page of moments, each a table: lanes down, moments across; blank cells to fill in."""
    accent = valid_hex(organisation.accent_colour)
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    layout = presentation.slide_layouts[5]  # title only
    lanes = _lanes()
    with translation.override(language):
        for page in blueprint.pages(SLIDE_COLUMNS):
            slide = presentation.slides.add_slide(layout)
            title = slide.shapes.title
            title.left, title.top, title.width, title.height = (
                MARGIN,
                Inches(0.2),
                SLIDE_WIDTH - 2 * MARGIN,
                Inches(0.7),
            )
            title.text = f"{blueprint.title} · {translation.gettext('Service blueprint')}"
            for paragraph in title.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(24)
                    run.font.language_id = MSO_LANGUAGE_ID.DUTCH if language == "nl" else MSO_LANGUAGE_ID.ENGLISH_UK
            columns = max(1, len(page))
            width = SLIDE_WIDTH - 2 * MARGIN
            shape = slide.shapes.add_table(
                len(lanes) + 1, columns + 1, MARGIN, Inches(1.0), width, SLIDE_HEIGHT - Inches(1.3)
            )
            table = shape.table
            table.columns[0].width = LANE_COLUMN
            for i in range(1, columns + 1):
                table.columns[i].width = int((width - LANE_COLUMN) / columns)
            _write(
                table.cell(0, 0).text_frame,
                [blueprint.assessment.title if blueprint.assessment else ""],
                size=9,
                bold_first=False,
                colour=None,
            )
            for i, column in enumerate(page, start=1):
                header = table.cell(0, i)
                header.fill.solid()
                header.fill.fore_color.rgb = rgb(accent)
                team = column.team_name or "–"
                _write(
                    header.text_frame,
                    [f"{column.step}. {column.name}", team],
                    size=11,
                    bold_first=True,
                    colour=readable_on(accent),
                )
            for row, lane in enumerate(lanes, start=1):
                label = table.cell(row, 0)
                label.fill.solid()
                label.fill.fore_color.rgb = rgb(tint(accent, 0.86))
                _write(label.text_frame, [lane["name"], lane["hint"]], size=10, bold_first=True, colour=None)
                for i, column in enumerate(page, start=1):
                    cell = table.cell(row, i)
                    cell.fill.background()
                    lines = cell_lines(column, lane["code"])
                    if lane["code"] == CUSTOMER:
                        lines = lines[1:]  # the header names the moment already
                    _write(cell.text_frame, lines, size=8, bold_first=False, colour=None)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
