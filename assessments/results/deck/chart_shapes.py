"""Native PowerPoint charts from a described `slides.Chart`: data, axes, series colours, value labels.

`ChartDrawing` is mixed into `draw.Painter`, which sets the palette and the number locale it reads.
"""

import dataclasses
from collections.abc import Sequence
from typing import Any, cast

from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide as PptxSlide
from pptx.util import Pt

from assessments.core.colours import readable_on
from assessments.results.deck.pieces import DARK, FONT, GREY, LINE_GREY, emu, plot_layout, rgb
from assessments.results.deck.slides import Chart


def error_bars(series: Any, margins: Sequence[int | float | None]) -> None:
    """Native error bars of ± each margin (custom values, so "Edit data" keeps the values); python-pptx has no
    API for them, so the series' XML gets a `c:errBars` before its categories (the schema's order). A value
    without a margin (hidden) gets none."""
    points = "".join(f'<c:pt idx="{i}"><c:v>{m}</c:v></c:pt>' for i, m in enumerate(margins) if m is not None)
    literal = f'<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{len(margins)}"/>{points}</c:numLit>'
    xml = (
        f'<c:errBars {nsdecls("c", "a")}><c:errBarType val="both"/><c:errValType val="cust"/>'
        f'<c:noEndCap val="0"/><c:plus>{literal}</c:plus><c:minus>{literal}</c:minus>'
        f'<c:spPr><a:ln w="12700"><a:solidFill><a:srgbClr val="{GREY.lstrip("#")}"/></a:solidFill></a:ln></c:spPr>'
        "</c:errBars>"
    )
    element = series._element
    element.cat.addprevious(parse_xml(xml))


class ChartDrawing:
    """Charts whose data the reader can edit, in the deck's palette."""

    accent: str
    on_accent: str
    faint: str
    language: MSO_LANGUAGE_ID
    palette: tuple[str, ...]
    number_locale: str

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
        graphic = slide.shapes.add_chart(kind, emu(left), emu(top), emu(width), emu(height), data)
        drawn = cast(GraphicFrame, graphic).chart  # python-pptx annotates the frame as its chart
        drawn.font.name = FONT
        drawn.font.size = Pt(12)
        drawn.font.color.rgb = rgb(DARK)
        drawn.has_legend = chart.legend and len(chart.series) > 1
        if drawn.has_legend:
            drawn.legend.position = XL_LEGEND_POSITION.BOTTOM
            drawn.legend.include_in_layout = False
        self._axes(drawn, chart)
        self._series(drawn, chart)
        if chart.kind == "radar":
            plot_layout(drawn, x=0.22, y=0.1, w=0.56, h=0.74)

    def _axes(self, drawn: PptxChart, chart: Chart) -> None:
        axis = drawn.value_axis
        axis.minimum_scale = chart.minimum
        if chart.maximum is not None:
            axis.maximum_scale = chart.maximum
        if chart.major_unit is not None:
            axis.major_unit = chart.major_unit
        axis.has_major_gridlines = True
        axis.major_gridlines.format.line.color.rgb = rgb(LINE_GREY)
        axis.tick_labels.font.size = Pt(10)
        axis.tick_labels.font.color.rgb = rgb(GREY)
        axis.tick_labels.number_format = chart.number_format
        axis.tick_labels.number_format_is_linked = False
        axis.format.line.color.rgb = rgb(LINE_GREY)
        categories = drawn.category_axis
        categories.tick_labels.font.size = Pt(11 if len(chart.categories) > 8 else 12)
        categories.format.line.color.rgb = rgb(LINE_GREY)
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
                series.format.fill.fore_color.rgb = rgb(colour)
                series.format.line.fill.background()
            else:
                line = series.format.line
                line.color.rgb = rgb(colour)
                line.width = Pt(4.5 if index == 0 and chart.kind == "line" else 3 if index == 0 else 1.75)
                if described.dashed:
                    line.dash_style = MSO_LINE_DASH_STYLE.DASH
                if chart.kind == "line":
                    series.smooth = False
                marker = series.marker
                marker.style = XL_MARKER_STYLE.CIRCLE
                marker.size = 7 if index == 0 else 5
                marker.format.fill.solid()
                marker.format.fill.fore_color.rgb = rgb(colour)
                marker.format.line.color.rgb = rgb(colour)
            if described.margins and chart.kind in ("bar", "column"):
                error_bars(series, described.margins)
            # Values on the bars; on a radar or line only on the main series, so the labels do not collide.
            if chart.data_labels and (chart.kind in ("bar", "column") or index == 0):
                labels = series.data_labels
                labels.show_value = True
                labels.number_format = chart.number_format
                labels.number_format_is_linked = False
                labels.font.size = Pt(10 if chart.kind in ("bar", "column") and len(chart.categories) > 6 else 11)
                labels.font.color.rgb = rgb(DARK if chart.kind in ("bar", "column") else colour)
                labels.font.bold = index == 0 and chart.kind not in ("bar", "column")
                if chart.kind in ("bar", "column") and described.margins:
                    # At the bar's base, in the bar's contrast colour: the error bar holds its end.
                    labels.position = XL_LABEL_POSITION.INSIDE_BASE
                    labels.font.color.rgb = rgb(readable_on(colour))
                elif chart.kind in ("bar", "column"):
                    labels.position = XL_LABEL_POSITION.OUTSIDE_END
                elif chart.kind == "line":
                    labels.position = XL_LABEL_POSITION.ABOVE

    # ------------------------------------------------------------ slides
