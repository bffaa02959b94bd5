"""Draws a described deck (`slides.py`) as a PowerPoint file with python-pptx: the only module that knows it.

16:9 slides on the default template's "Title Only" layout (every slide has a real title, so the outline and
screen readers see it), the organisation's accent for the bar, eyebrows and the main series, its logo in the
corner, Arial (Liberation Sans in LibreOffice, same widths), and the reader's language on every run of text
(spelling checks in Dutch or English). Charts are native chart objects whose data the reader can edit.
Text boxes are sized from their text (`_fit`) so nothing runs off a slide; LibreOffice and PowerPoint also
shrink a box that is edited past its size.
"""

import dataclasses
import io
import logging
from collections.abc import Sequence
from typing import Any, cast

from pptx import Presentation
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide as PptxSlide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Length, Pt

from assessments.core.colours import readable_on, tint, valid_hex
from assessments.organisations.models import Organisation
from assessments.results.charts import OVERLAY_COLOURS
from assessments.results.deck.slides import Chart, Fact, Finding, Slide, Table

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
CONTENT_WIDTH = WIDTH - 2 * MARGIN
FONT = "Arial"
DARK = "#1f2933"
GREY = "#5f6b76"
LINE_GREY = "#d7dee5"
LANGUAGES = {"nl": MSO_LANGUAGE_ID.DUTCH, "en": MSO_LANGUAGE_ID.ENGLISH_UK}
TITLE_ONLY = 5  # the default template's "Title Only" layout
LOGO_TYPES = {"png", "jpg", "jpeg"}  # what PowerPoint embeds as a picture (an SVG logo: the name instead)


def _rgb(hex_colour: str) -> RGBColor:
    digits = hex_colour.lstrip("#")
    return RGBColor(int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def _emu(value: float) -> Length:
    """A position or size in EMU as python-pptx's annotations want it (arithmetic on lengths gives ints)."""
    return Emu(int(value))


def _fit(
    text: str, *, width: int, height: int, largest: float, smallest: float = 9, max_lines: int | None = None
) -> float:
    """The largest font size (pt) from `largest` down at which `text` fits the box, by Arial's average widths."""
    size = largest
    while size > smallest:
        chars_per_line = max(1, int((Emu(width).inches - 0.1) * 72 / (size * 0.55)))
        lines = 0
        for paragraph in text.split("\n"):
            lines += max(1, -(-len(paragraph) // chars_per_line))
        if lines * size * 1.25 / 72 <= Emu(height).inches and (max_lines is None or lines <= max_lines):
            return size
        size -= 1
    return smallest


def _plain_rectangle(slide: PptxSlide, left: int, top: int, width: int, height: int, colour: str) -> None:
    """A filled rectangle without outline or the theme's shadow."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, _emu(left), _emu(top), _emu(width), _emu(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False
    # The theme style's effect reference draws a shadow in LibreOffice even under an empty effect list.
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _to_back(slide: PptxSlide) -> None:
    """Moves the shape added last behind every other shape (e.g. behind the title placeholder)."""
    tree = slide.shapes._spTree
    tree.remove(last := tree[-1])
    tree.insert(2, last)  # after the group's nvGrpSpPr and grpSpPr


def _plot_layout(drawn: PptxChart, *, x: float, y: float, w: float, h: float) -> None:
    """Places the plot area by hand (shares of the chart's box): a radar then uses the room its labels leave."""
    plot_area = drawn._chartSpace.chart.plotArea
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    layout = parse_xml(
        f'<c:layout {nsdecls("c")}><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/>'
        f'<c:yMode val="edge"/><c:x val="{x}"/><c:y val="{y}"/><c:w val="{w}"/><c:h val="{h}"/>'
        "</c:manualLayout></c:layout>"
    )
    plot_area.insert(0, layout)


class Painter:
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

    def _text(
        self,
        slide: PptxSlide,
        text: str,
        *,
        left: int,
        top: int,
        width: int,
        height: int,
        size: float,
        colour: str = DARK,
        bold: bool = False,
        align: PP_ALIGN = PP_ALIGN.LEFT,
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
        smallest: float = 9,
        max_lines: int | None = None,
    ) -> None:
        box = slide.shapes.add_textbox(_emu(left), _emu(top), _emu(width), _emu(height))
        frame = box.text_frame
        self._fill(
            frame,
            text,
            size=_fit(text, width=width, height=height, largest=size, smallest=smallest, max_lines=max_lines),
            colour=colour,
            bold=bold,
            align=align,
        )
        frame.vertical_anchor = anchor

    def _fill(
        self,
        frame: TextFrame,
        text: str,
        *,
        size: float,
        colour: str = DARK,
        bold: bool = False,
        align: PP_ALIGN = PP_ALIGN.LEFT,
    ) -> None:
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        frame.margin_left = frame.margin_right = Inches(0.05)
        frame.margin_top = frame.margin_bottom = Inches(0.03)
        for i, line in enumerate(text.split("\n")):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.alignment = align
            run = paragraph.add_run()
            run.text = line
            font = run.font
            font.name = FONT
            font.size = Pt(size)
            font.bold = bold
            font.color.rgb = _rgb(colour)
            font.language_id = self.language

    def _bullets(
        self,
        slide: PptxSlide,
        heading: str,
        bullets: Sequence[str],
        *,
        left: int,
        top: int,
        width: int,
        height: int,
        size: float = 15,
    ) -> None:
        if heading:
            self._text(
                slide,
                heading,
                left=left,
                top=top,
                width=width,
                height=Inches(0.4),
                size=14,
                colour=self.accent,
                bold=True,
            )
            top += Inches(0.42)
            height -= Inches(0.42)
        if not bullets:
            return
        text = "\n".join(f"•\u00a0{b}" if "\n" not in b else "•\u00a0" + b.replace("\n", "\n\u2003") for b in bullets)
        self._text(slide, text, left=left, top=top, width=width, height=height, size=size)

    # ------------------------------------------------------------ frame of every slide

    def _frame(self, slide: PptxSlide, content: Slide, number: int) -> int:
        """The accent bar, eyebrow, title, lead, logo and footer; returns where the content may start."""
        _plain_rectangle(slide, 0, 0, WIDTH, Inches(0.12), self.accent)
        logo_room = Inches(2.0) if self.logo else 0
        if self.logo:
            picture = slide.shapes.add_picture(io.BytesIO(self.logo), _emu(0), _emu(Inches(0.3)), height=Inches(0.6))
            picture._element.nvPicPr.cNvPr.set("descr", self.organisation_name)  # its alternative text
            if picture.width > Inches(1.8):
                ratio = Inches(1.8) / picture.width
                picture.width, picture.height = Inches(1.8), _emu(picture.height * ratio)
            picture.left = _emu(WIDTH - MARGIN - picture.width)
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
        title.left, title.top, title.width, title.height = MARGIN, Inches(0.62), _emu(text_width), Inches(0.8)
        title_frame = title.text_frame
        title_frame.vertical_anchor = MSO_ANCHOR.TOP
        self._fill(
            title_frame,
            content.title,
            size=_fit(content.title, width=text_width, height=Inches(0.8), largest=28, smallest=18),
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

    def _facts(
        self,
        slide: PptxSlide,
        facts: Sequence[Fact],
        *,
        left: int,
        top: int,
        width: int,
        per_row: int,
        height: int = Inches(0.95),
    ) -> int:
        gap = Inches(0.15)
        tile_width = int((width - gap * (per_row - 1)) / per_row)
        for i, fact in enumerate(facts):
            x = left + (i % per_row) * (tile_width + gap)
            y = top + (i // per_row) * (height + gap)
            _plain_rectangle(slide, x, y, tile_width, height, self.faint)
            self._text(
                slide,
                fact.value,
                left=x,
                top=y + Inches(0.05),
                width=tile_width,
                height=Inches(0.55),
                size=26,
                bold=True,
                colour=self.accent,
                align=PP_ALIGN.CENTER,
                smallest=11,
                max_lines=1,
            )
            self._text(
                slide,
                fact.label,
                left=x,
                top=y + height - Inches(0.36),
                width=tile_width,
                height=Inches(0.32),
                size=11,
                colour=GREY,
                align=PP_ALIGN.CENTER,
            )
        rows = -(-len(facts) // per_row)
        return int(top + rows * (height + gap))

    def _findings(self, slide: PptxSlide, findings: Sequence[Finding], *, top: int, height: int) -> None:
        gap = Inches(0.25)
        count = max(1, len(findings))
        width = int((CONTENT_WIDTH - gap * (count - 1)) / count)
        for i, finding in enumerate(findings):
            x = MARGIN + i * (width + gap)
            _plain_rectangle(slide, x, top, width, height, self.faint)
            _plain_rectangle(slide, x, top, Inches(0.08), height, self.accent)
            inner, y = x + Inches(0.25), top + Inches(0.15)
            inner_width = width - Inches(0.4)
            if finding.label:
                self._text(
                    slide,
                    finding.label,
                    left=inner,
                    top=y,
                    width=inner_width,
                    height=Inches(0.35),
                    size=12,
                    colour=self.accent,
                    bold=True,
                )
                y += Inches(0.38)
            headline_height = Inches(0.9) if finding.detail else height - (y - top) - Inches(0.1)
            self._text(
                slide,
                finding.headline,
                left=inner,
                top=y,
                width=inner_width,
                height=headline_height,
                size=18,
                bold=True,
                smallest=12,
            )
            if finding.detail:
                y += headline_height + Inches(0.05)
                self._text(
                    slide,
                    finding.detail,
                    left=inner,
                    top=y,
                    width=inner_width,
                    height=top + height - y - Inches(0.1),
                    size=13,
                    colour=GREY,
                    smallest=9,
                )

    @staticmethod
    def _column_widths(table: Table, width: int) -> list[int]:
        """Shares of the width by what each column holds: its longest word (so a header never breaks inside
        a word) and its longest cell (capped, since long cells wrap)."""
        weights = []
        for c, header in enumerate(table.header):
            cells = [row[c] for row in table.rows]
            longest_word = max((len(w) for text in (header, *cells) for w in text.split()), default=1)
            longest_cell = max((len(text) for text in cells), default=1)
            weights.append(max(longest_word + 2, min(longest_cell, 34) * 0.8))
        total = sum(weights)
        return [int(width * w / total) for w in weights]

    def _table(self, slide: PptxSlide, table: Table, *, left: int, top: int, width: int, height: int) -> int:
        rows, columns = len(table.rows) + 1, len(table.header)
        row_height = min(Inches(0.48) if rows <= 6 else Inches(0.4), int(height / rows))
        longest = max(len(text) for row in (table.header, *table.rows) for text in row)
        size = 13 if row_height >= Inches(0.45) and longest < 70 else 12 if row_height >= Inches(0.34) else 11
        shape = slide.shapes.add_table(rows, columns, _emu(left), _emu(top), _emu(width), _emu(row_height * rows))
        grid = shape.table
        for c, column_width in enumerate(self._column_widths(table, width)):
            grid.columns[c].width = column_width
        for r in range(rows):
            grid.rows[r].height = row_height
            values = table.header if r == 0 else table.rows[r - 1]
            for c, value in enumerate(values):
                cell = grid.cell(r, c)
                cell.margin_top = cell.margin_bottom = Inches(0.02)
                cell.margin_left = cell.margin_right = Inches(0.06)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                numeric = c < len(table.numeric) and table.numeric[c]
                header = r == 0
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(self.accent if header else ("#ffffff" if r % 2 else self.faint))
                self._fill(
                    cell.text_frame,
                    value,
                    size=size,
                    colour=self.on_accent if header else DARK,
                    bold=header or (r - 1) in table.strong_rows,
                    align=PP_ALIGN.RIGHT if numeric else PP_ALIGN.LEFT,
                )
                cell.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        return int(top + row_height * rows)

    def _chart(self, slide: PptxSlide, chart: Chart, *, left: int, top: int, width: int, height: int) -> None:
        chart = dataclasses.replace(chart, number_format=self.number_locale + chart.number_format)
        data: Any = CategoryChartData(number_format=chart.number_format)  # annotated as a narrower type
        data.categories = chart.categories
        for series in chart.series:
            data.add_series(series.name, series.values)
        kind = {
            "radar": XL_CHART_TYPE.RADAR_MARKERS,
            "bar": XL_CHART_TYPE.BAR_CLUSTERED,
            "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
            "line": XL_CHART_TYPE.LINE_MARKERS,
        }[chart.kind]
        graphic = slide.shapes.add_chart(kind, _emu(left), _emu(top), _emu(width), _emu(height), data)
        drawn = cast(GraphicFrame, graphic).chart  # python-pptx annotates the frame as its chart
        drawn.font.name = FONT
        drawn.font.size = Pt(12)
        drawn.font.color.rgb = _rgb(DARK)
        drawn.has_legend = chart.legend and len(chart.series) > 1
        if drawn.has_legend:
            drawn.legend.position = XL_LEGEND_POSITION.BOTTOM
            drawn.legend.include_in_layout = False
        self._axes(drawn, chart)
        self._series(drawn, chart)
        if chart.kind == "radar":
            _plot_layout(drawn, x=0.22, y=0.1, w=0.56, h=0.74)

    def _axes(self, drawn: PptxChart, chart: Chart) -> None:
        axis = drawn.value_axis
        axis.minimum_scale = chart.minimum
        if chart.maximum is not None:
            axis.maximum_scale = chart.maximum
        if chart.major_unit is not None:
            axis.major_unit = chart.major_unit
        axis.has_major_gridlines = True
        axis.major_gridlines.format.line.color.rgb = _rgb(LINE_GREY)
        axis.tick_labels.font.size = Pt(10)
        axis.tick_labels.font.color.rgb = _rgb(GREY)
        axis.tick_labels.number_format = chart.number_format
        axis.tick_labels.number_format_is_linked = False
        axis.format.line.color.rgb = _rgb(LINE_GREY)
        categories = drawn.category_axis
        categories.tick_labels.font.size = Pt(11 if len(chart.categories) > 8 else 12)
        categories.format.line.color.rgb = _rgb(LINE_GREY)
        if chart.kind == "bar":
            categories.reverse_order = True  # the first factor on top, as in the tables
        if chart.kind in ("bar", "column"):
            axis.visible = False  # the bars carry their values
            axis.has_major_gridlines = False

    def _series(self, drawn: PptxChart, chart: Chart) -> None:
        plot = drawn.plots[0]
        if chart.kind in ("bar", "column"):
            plot.gap_width = 60 if len(chart.series) > 1 else 80
            plot.overlap = -10 if len(chart.series) > 1 else 0
        for index, (series, described) in enumerate(zip(plot.series, chart.series, strict=True)):
            colour = described.colour or self.palette[index % len(self.palette)]
            if chart.kind in ("bar", "column"):
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = _rgb(colour)
                series.format.line.fill.background()
            else:
                line = series.format.line
                line.color.rgb = _rgb(colour)
                line.width = Pt(4.5 if index == 0 and chart.kind == "line" else 3 if index == 0 else 1.75)
                if described.dashed:
                    line.dash_style = MSO_LINE_DASH_STYLE.DASH
                if chart.kind == "line":
                    series.smooth = False
                marker = series.marker
                marker.style = XL_MARKER_STYLE.CIRCLE
                marker.size = 7 if index == 0 else 5
                marker.format.fill.solid()
                marker.format.fill.fore_color.rgb = _rgb(colour)
                marker.format.line.color.rgb = _rgb(colour)
            # Values on the bars; on a radar or line only on the main series, so the labels do not collide.
            if chart.data_labels and (chart.kind in ("bar", "column") or index == 0):
                labels = series.data_labels
                labels.show_value = True
                labels.number_format = chart.number_format
                labels.number_format_is_linked = False
                labels.font.size = Pt(10 if chart.kind in ("bar", "column") and len(chart.categories) > 6 else 11)
                labels.font.color.rgb = _rgb(DARK if chart.kind in ("bar", "column") else colour)
                labels.font.bold = index == 0 and chart.kind not in ("bar", "column")
                if chart.kind in ("bar", "column"):
                    labels.position = XL_LABEL_POSITION.OUTSIDE_END
                elif chart.kind == "line":
                    labels.position = XL_LABEL_POSITION.ABOVE

    # ------------------------------------------------------------ slides

    def add(self, content: Slide) -> None:
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[TITLE_ONLY])
        slide._element.cSld.name = content.key  # the slide's name: which slide it is, for readers and tests
        number = len(self.presentation.slides)
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
        _plain_rectangle(slide, 0, 0, WIDTH, Inches(3.3), self.accent)
        _to_back(slide)  # behind the title placeholder, which the layout put first
        if self.logo:
            picture = slide.shapes.add_picture(
                io.BytesIO(self.logo), _emu(MARGIN), _emu(Inches(3.6)), height=Inches(0.8)
            )
            picture._element.nvPicPr.cNvPr.set("descr", self.organisation_name)
            if picture.width > Inches(2.4):
                ratio = Inches(2.4) / picture.width
                picture.width, picture.height = Inches(2.4), _emu(picture.height * ratio)
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
        title.left, title.top, title.width, title.height = MARGIN, Inches(1.2), _emu(CONTENT_WIDTH), Inches(1.3)
        title.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        self._fill(
            title.text_frame,
            content.title,
            size=_fit(content.title, width=CONTENT_WIDTH, height=Inches(1.3), largest=40, smallest=24),
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
