"""Draws a described deck (`slides.py`) as a PowerPoint file with python-pptx (with `pieces` and `chart_shapes`).

16:9 slides on the default template's "Title Only" layout (every slide has a real title, so the outline and
screen readers see it), the organisation's accent for the bar, eyebrows and the main series, its logo in the
corner, Arial (Liberation Sans in LibreOffice, same widths), and the reader's language on every run of text
(spelling checks in Dutch or English). Charts are native chart objects whose data the reader can edit.
Text boxes are sized from their text (`fit`) so nothing runs off a slide; LibreOffice and PowerPoint also
shrink a box that is edited past its size.
"""

import io
import logging
from collections.abc import Sequence

from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide as PptxSlide
from pptx.util import Inches

from assessments.core.colours import readable_on, tint, valid_hex
from assessments.organisations.models import Organisation
from assessments.results.charts import OVERLAY_COLOURS
from assessments.results.deck.chart_shapes import ChartDrawing
from assessments.results.deck.pieces import (
    CONTENT_WIDTH,
    GREY,
    HEIGHT,
    LANGUAGES,
    LOGO_TYPES,
    MARGIN,
    TITLE_ONLY,
    WIDTH,
    Pieces,
    emu,
    fit,
    plain_rectangle,
    to_back,
)
from assessments.results.deck.slides import Slide

logger = logging.getLogger(__name__)


class Painter(Pieces, ChartDrawing):
    """One deck's drawing: its colours, language and logo."""

    def __init__(self, *, organisation: Organisation, language: str, footer: str) -> None:
        self.accent = valid_hex(organisation.accent_colour)
        self.on_accent = readable_on(self.accent)
        self.faint = tint(self.accent, 0.92)
        self.language = LANGUAGES.get(language, MSO_LANGUAGE_ID.ENGLISH_UK)
        self.footer = footer
        self.logo = self._logo(organisation)
        self.organisation_name = organisation.name
        # The accent first, then calm colours that differ from it and from each other.
        others = [c for c in ("#c9a227", *OVERLAY_COLOURS) if c.lower() != self.accent.lower()]
        self.palette = (self.accent, *dict.fromkeys(others))
        # Dutch number formats in the charts' own locale, so LibreOffice writes "7,4" as the text does.
        self.number_locale = "[$-413]" if language == "nl" else ""
        self.presentation = Presentation()
        self.presentation.slide_width = WIDTH
        self.presentation.slide_height = HEIGHT

    @staticmethod
    def _logo(organisation: Organisation) -> bytes | None:
        name = organisation.logo.name if organisation.logo else ""
        if not name or name.rsplit(".", 1)[-1].lower() not in LOGO_TYPES:
            return None
        try:
            with organisation.logo.open("rb") as handle:
                data: bytes = handle.read()
                return data
        except OSError:
            logger.warning("Logo of organisation %s could not be read", organisation.public_id)
            return None

    # ------------------------------------------------------------ text

    def _frame(self, slide: PptxSlide, content: Slide, number: int) -> int:
        """The accent bar, eyebrow, title, lead, logo and footer; returns where the content may start."""
        plain_rectangle(slide, 0, 0, WIDTH, Inches(0.12), self.accent)
        logo_room = Inches(2.0) if self.logo else 0
        if self.logo:
            picture = slide.shapes.add_picture(io.BytesIO(self.logo), emu(0), emu(Inches(0.3)), height=Inches(0.6))
            picture._element.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", self.organisation_name)  # its alt text
            if picture.width > Inches(1.8):
                ratio = Inches(1.8) / picture.width
                picture.width, picture.height = Inches(1.8), emu(picture.height * ratio)
            picture.left = emu(WIDTH - MARGIN - picture.width)
        text_width = CONTENT_WIDTH - logo_room
        self._text(
            slide,
            content.eyebrow,
            left=MARGIN,
            top=Inches(0.32),
            width=text_width,
            height=Inches(0.32),
            size=12,
            colour=self.accent,
            bold=True,
        )
        title = slide.shapes.title
        assert title is not None  # the "Title Only" layout
        title.left, title.top, title.width, title.height = MARGIN, Inches(0.62), emu(text_width), Inches(0.8)
        title_frame = title.text_frame
        title_frame.vertical_anchor = MSO_ANCHOR.TOP
        self._fill(
            title_frame,
            content.title,
            size=fit(content.title, width=text_width, height=Inches(0.8), largest=28, smallest=18),
            bold=True,
        )
        top: int = Inches(1.48)
        if content.lead:
            self._text(
                slide,
                content.lead,
                left=MARGIN,
                top=top,
                width=CONTENT_WIDTH,
                height=Inches(0.62),
                size=14,
                colour=GREY,
                smallest=10,
            )
            top += Inches(0.7)
        footer = f"{self.footer}   ·   {number}"
        self._text(
            slide,
            footer,
            left=MARGIN,
            top=Inches(7.05),
            width=CONTENT_WIDTH,
            height=Inches(0.3),
            size=9,
            colour=GREY,
            align=PP_ALIGN.RIGHT,
        )
        return int(top) + Inches(0.1)

    # ------------------------------------------------------------ content pieces

    def add(self, content: Slide) -> None:
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[TITLE_ONLY])
        slide._element.cSld.name = content.key  # the slide's name: which slide it is, for readers and tests
        number = len(self.presentation.slides)
        if content.notes:  # the speaker notes: what the presenter may want at hand, not on the slide
            slide.notes_slide.notes_text_frame.text = content.notes
        if content.key == "title":
            self._title_slide(slide, content)
            return
        top = self._frame(slide, content, number)
        note_height = Inches(0.5) if len(content.note) < 300 else Inches(1.5)
        bottom = Inches(7.0) - note_height if content.note else Inches(6.9)
        if content.note:
            self._text(
                slide,
                content.note,
                left=MARGIN,
                top=bottom,
                width=CONTENT_WIDTH,
                height=note_height,
                size=11,
                colour=GREY,
                smallest=8,
            )
        if content.findings:
            height = int((bottom - top) * 0.58) if content.bullets else min(bottom - top, Inches(3.6))
            self._findings(slide, content.findings, top=top, height=height)
            self._bullets(
                slide,
                content.heading,
                content.bullets,
                left=MARGIN,
                top=top + height + Inches(0.2),
                width=CONTENT_WIDTH,
                height=bottom - top - height - Inches(0.2),
                size=14,
            )
            return
        side = content.table is not None or bool(content.bullets) or bool(content.facts)
        if content.chart is not None:
            share = 0.5 if content.table is not None and content.facts else 0.6
            chart_width = int(CONTENT_WIDTH * share) if side else CONTENT_WIDTH
            self._chart(slide, content.chart, left=MARGIN, top=top, width=chart_width, height=bottom - top)
            left = MARGIN + chart_width + Inches(0.35)
            width = CONTENT_WIDTH - chart_width - Inches(0.35)
        else:
            left, width = MARGIN, CONTENT_WIDTH
        y = top
        if content.facts:
            per_row = min(4, len(content.facts)) if width > Inches(5.5) else 2
            y = self._facts(slide, content.facts, left=left, top=y, width=width, per_row=per_row, height=Inches(0.85))
        if content.table is not None:
            room = (
                bottom - y
                if not content.bullets
                else min(int((bottom - y) * 0.55), Inches(0.36) * (len(content.table.rows) + 1))
            )
            y = self._table(slide, content.table, left=left, top=y, width=width, height=room) + Inches(0.2)
        if content.bullets or content.heading:
            self._bullets(
                slide,
                content.heading,
                content.bullets,
                left=left,
                top=y,
                width=width,
                height=bottom - y,
                size=15 if content.chart is None else 13,
            )

    def _title_slide(self, slide: PptxSlide, content: Slide) -> None:
        plain_rectangle(slide, 0, 0, WIDTH, Inches(3.3), self.accent)
        to_back(slide)  # behind the title placeholder, which the layout put first
        if self.logo:
            picture = slide.shapes.add_picture(io.BytesIO(self.logo), emu(MARGIN), emu(Inches(3.6)), height=Inches(0.8))
            picture._element.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", self.organisation_name)
            if picture.width > Inches(2.4):
                ratio = Inches(2.4) / picture.width
                picture.width, picture.height = Inches(2.4), emu(picture.height * ratio)
        self._text(
            slide,
            content.eyebrow,
            left=MARGIN,
            top=Inches(0.7),
            width=CONTENT_WIDTH,
            height=Inches(0.4),
            size=16,
            colour=self.on_accent,
            bold=True,
        )
        title = slide.shapes.title
        assert title is not None
        title.left, title.top, title.width, title.height = MARGIN, Inches(1.2), emu(CONTENT_WIDTH), Inches(1.3)
        title.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        self._fill(
            title.text_frame,
            content.title,
            size=fit(content.title, width=CONTENT_WIDTH, height=Inches(1.3), largest=40, smallest=24),
            colour=self.on_accent,
            bold=True,
        )
        self._text(
            slide,
            content.extra.get("organisation", ""),
            left=MARGIN,
            top=Inches(2.5),
            width=CONTENT_WIDTH,
            height=Inches(0.5),
            size=20,
            colour=self.on_accent,
        )
        top = Inches(4.7) if self.logo else Inches(3.7)
        self._text(
            slide,
            content.extra.get("period", ""),
            left=MARGIN,
            top=top,
            width=CONTENT_WIDTH,
            height=Inches(0.4),
            size=14,
            colour=GREY,
        )
        self._facts(
            slide,
            content.facts,
            left=MARGIN,
            top=top + Inches(0.5),
            width=CONTENT_WIDTH,
            per_row=max(1, len(content.facts)),
            height=Inches(1.1),
        )
        lines = "\n".join(x for x in (content.extra.get("model", ""), content.note) if x)
        self._text(
            slide, lines, left=MARGIN, top=Inches(6.55), width=CONTENT_WIDTH, height=Inches(0.6), size=11, colour=GREY
        )

    def save(self) -> bytes:
        out = io.BytesIO()
        self.presentation.save(out)
        return out.getvalue()


def draw_deck(*, slides: Sequence[Slide], organisation: Organisation, language: str, footer: str) -> bytes:
    painter = Painter(organisation=organisation, language=language, footer=footer)
    for slide in slides:
        painter.add(slide)
    return painter.save()
