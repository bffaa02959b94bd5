"""The deck's building blocks: sizes, colours, text fitted to its box, tiles, cards and tables.

`Pieces` is mixed into `draw.Painter`, which sets the colours and the language it reads.
"""

from collections.abc import Sequence

from pptx.chart.chart import Chart as PptxChart
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.slide import Slide as PptxSlide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Length, Pt

from assessments.results.deck.slides import Fact, Finding, Table

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


def rgb(hex_colour: str) -> RGBColor:
    digits = hex_colour.lstrip("#")
    return RGBColor(int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def emu(value: float) -> Length:
    """A position or size in EMU as python-pptx's annotations want it (arithmetic on lengths gives ints)."""
    return Emu(int(value))


def fit(
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


def plain_rectangle(slide: PptxSlide, left: int, top: int, width: int, height: int, colour: str) -> None:
    """A filled rectangle without outline or the theme's shadow."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(left), emu(top), emu(width), emu(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False
    # The theme style's effect reference draws a shadow in LibreOffice even under an empty effect list.
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def to_back(slide: PptxSlide) -> None:
    """Moves the shape added last behind every other shape (e.g. behind the title placeholder)."""
    tree = slide.shapes._spTree
    tree.remove(last := tree[-1])
    tree.insert(2, last)  # after the group's nvGrpSpPr and grpSpPr


def plot_layout(drawn: PptxChart, *, x: float, y: float, w: float, h: float) -> None:
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


class Pieces:
    """Text, tiles, cards and tables in the deck's colours and language."""

    accent: str
    on_accent: str
    faint: str
    language: MSO_LANGUAGE_ID
    palette: tuple[str, ...]
    number_locale: str

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
        box = slide.shapes.add_textbox(emu(left), emu(top), emu(width), emu(height))
        frame = box.text_frame
        self._fill(
            frame,
            text,
            size=fit(text, width=width, height=height, largest=size, smallest=smallest, max_lines=max_lines),
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
            font.color.rgb = rgb(colour)
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
            plain_rectangle(slide, x, y, tile_width, height, self.faint)
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
            plain_rectangle(slide, x, top, width, height, self.faint)
            plain_rectangle(slide, x, top, Inches(0.08), height, self.accent)
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
        shape = slide.shapes.add_table(rows, columns, emu(left), emu(top), emu(width), emu(row_height * rows))
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
                cell.fill.fore_color.rgb = rgb(self.accent if header else ("#ffffff" if r % 2 else self.faint))
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
