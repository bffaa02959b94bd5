"""The PDF maturity report: scoring result + charts -> HTML -> PDF (WeasyPrint).

Only the scoring result feeds the numbers, so whatever the anonymity rules hide
there cannot appear here. The report adds presentation only: strengths, the
level scale, formatting, and the model's advice and scale texts.
"""

import base64
import dataclasses
import hashlib
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import plotly.io
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from assessments.results import charts, contributions
from assessments.results.lenses import lens_context
from assessments.results.selectors.reports import report_model_texts
from assessments.results.selectors.statements import factor_statements, strongest_and_weakest
from assessments.results.services import chart_export
from assessments.results.services.pdf_fetcher import BASE_URL, StaticOnlyFetcher
from assessments.scoring import score_assessment

logger = logging.getLogger(__name__)

DEFAULT_ACCENT = "#1f5f8b"
# The PDF content box is 170 mm wide (A4 minus margins): about 640 CSS pixels.
CHART_WIDTH = 640
LOGO_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml"}


# A FontConfiguration decodes the bundled woff2 fonts and builds a Pango font map: about a second
# per report if done afresh. WeasyPrint skips @font-face rules it has already loaded into a
# configuration, so each thread keeps one (Pango objects are not shared between threads).
_fonts = threading.local()


def _font_config():
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def build_report_pdf(*, assessment, language):
    html = report_html(assessment=assessment, language=language)
    font_config = _font_config()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(font_config=font_config)


def report_html(*, assessment, language):
    with translation.override(language):
        result = score_assessment(assessment=assessment)
        context = report_context(assessment=assessment, result=result, language=language)
        context["contributed_pages"] = contributions.pdf_pages(assessment=assessment, result=result, language=language)
        return render_to_string("reports/report.html", context)


# ---------------------------------------------------------------- formatting helpers


def css_string(text):
    """A CSS string literal that cannot break out of its declaration, whatever the text."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-_()&'" else f"\\{ord(ch):x} " for ch in str(text))
    return f'"{escaped}"'


def page_counter_css():
    """'Page X of Y' in the active language as a CSS content value."""
    template = gettext("Page %(page)s of %(pages)s")
    parts = re.split(r"(%\(page\)s|%\(pages\)s)", template)
    out = []
    for part in parts:
        if part == "%(page)s":
            out.append("counter(page)")
        elif part == "%(pages)s":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return " ".join(out)


def signed(value, digits=0):
    if value is None:
        return None
    rounded = round(value, digits)
    if rounded == 0:
        return "±0"
    text = f"{abs(rounded):.{digits}f}"
    if translation.get_language() == "nl":
        text = text.replace(".", ",")
    return ("+" if rounded > 0 else "\u2212") + text


def _accent(organisation):
    colour = organisation.accent_colour or DEFAULT_ACCENT
    return colour if re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else DEFAULT_ACCENT


def _tint(hex_colour, amount):
    """Mix the colour with white: amount 0 = colour, 1 = white."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _readable_on(hex_colour):
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#1b1f24" if luminance > 0.6 else "#ffffff"


def _logo_data_uri(organisation):
    if not organisation.logo:
        return None
    extension = organisation.logo.name.rsplit(".", 1)[-1].lower()
    mime = LOGO_TYPES.get(extension)
    if mime is None:
        return None
    try:
        with organisation.logo.open("rb") as handle:
            data = handle.read()
    except OSError:
        logger.warning("Logo of organisation %s could not be read", organisation.public_id)
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _svg_data_uri(svg):
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# ---------------------------------------------------------------- view models


@dataclass
class FactorPage:
    code: str
    number: int
    name: str
    description: str
    respondents: int
    suppressed: bool
    score: float | None
    grade: float | None
    level: object
    next_level: object
    consensus: float | None
    sd: float | None
    dont_know_rate: float | None
    ambition_score: float | None
    gap_score: float | None
    distribution: list = field(default_factory=list)
    change: str | None = None
    previous_score: float | None = None
    comments: list = field(default_factory=list)
    advice: list = field(default_factory=list)
    priority_rank: int | None = None
    consensus_label: str = ""
    level_text: str = ""  # what this factor looks like at its level (falls back to the general level text)


def _grouped_comments(comments):
    """Identical comments once, with how often they were given; the alphabetical order is kept."""
    counts = {}
    for comment in comments:
        key = comment.strip()
        if key:
            counts[key] = counts.get(key, 0) + 1
    return [{"text": text, "count": count} for text, count in counts.items()]


def _consensus_label(consensus):
    if consensus is None:
        return ""
    if consensus >= 75:
        return gettext("broad agreement")
    if consensus >= 55:
        return gettext("moderate agreement")
    return gettext("opinions differ widely: worth discussing")


def _distribution_rows(stats, scale, language):
    if not stats.distribution:
        return []
    total = sum(stats.distribution) or 1
    peak = max(stats.distribution) or 1
    rows = []
    for point, count in zip(scale.points, stats.distribution, strict=False):
        rows.append(
            {
                "value": point.value,
                "label": point.label(language),
                "count": count,
                "percent": round(100 * count / total),
                "bar": round(100 * count / peak),
            }
        )
    return rows


def _factor_pages(*, result, language, advice_by_key, comments_by_factor, changes_by_factor, priority_ranks):
    levels = list(result.levels)
    pages = []
    for number, info in enumerate(result.factors, start=1):
        stats = result.organisation.factor(info.code)
        level = result.level(stats.level_code) if stats.level_code else None
        next_level = None
        if level is not None:
            next_level = next((lv for lv in levels if lv.order > level.order), None)
        advice_row = advice_by_key.get((info.code, stats.level_code)) if stats.level_code else None
        advice = []
        if advice_row:
            advice = list(advice_row[f"actions_{language}"] or advice_row["actions_en"])
        change = changes_by_factor.get(info.code)
        pages.append(
            FactorPage(
                code=info.code,
                number=number,
                name=info.name(language),
                description=info.description(language),
                respondents=stats.n,
                suppressed=stats.suppressed,
                score=stats.score,
                grade=stats.grade,
                level=level,
                next_level=next_level,
                consensus=stats.consensus,
                sd=stats.sd,
                dont_know_rate=None if stats.dont_know_rate is None else 100 * stats.dont_know_rate,
                ambition_score=stats.ambition_score,
                gap_score=stats.gap_score,
                distribution=_distribution_rows(stats, result.scale, language),
                change=signed(change.change) if change is not None and change.change is not None else None,
                previous_score=change.previous_score if change is not None else None,
                comments=_grouped_comments(comments_by_factor.get(info.code, ())),
                advice=advice,
                priority_rank=priority_ranks.get(info.code),
                consensus_label=_consensus_label(stats.consensus),
                level_text=result.factor_level_text(info.code, stats.level_code, language) if level else "",
            )
        )
    return pages


def _level_bands(result, index):
    bands = []
    levels = list(result.levels)
    for position, level in enumerate(levels):
        high = levels[position + 1].min_score if position + 1 < len(levels) else 100
        bands.append(
            {
                "level": level,
                "low": level.min_score,
                "high": high,
                "width": high - level.min_score,
                "current": index is not None and level.min_score <= index < high + (1 if high == 100 else 0),
            }
        )
    return bands


def _strengths(pages):
    shown = [p for p in pages if p.score is not None]
    return sorted(shown, key=lambda p: (-p.score, p.number))[:3]


def _perception_rows(result, language):
    rows = []
    for gap in result.perception_gaps:
        if gap.management_score is None or gap.staff_score is None:
            continue
        rows.append(
            {
                "name": result.factor(gap.factor_code).name(language),
                "management": gap.management_score,
                "staff": gap.staff_score,
                "gap": signed(gap.gap),
                "large": gap.gap is not None and abs(gap.gap) >= 10,
            }
        )
    return rows


def _shown(group):
    return group is not None and not group.suppressed and group.index is not None


# ---------------------------------------------------------------- charts


# Plotly does not reserve room for the radar's angular labels, and Dutch factor names have long words
# ("Klant(besturings)thema's") that cannot wrap: the PDF gives them wide side margins.
RADAR_PRINT_MARGIN = {"l": 135, "r": 135, "t": 50, "b": 50}


def _for_print_radar(figure):
    figure.update_layout(margin=RADAR_PRINT_MARGIN)
    return figure


def _for_print_heatmap(figure):
    # Print is read, not hovered: one-line factor names at an angle instead of wrapped names that collide.
    for trace in figure.data:
        trace.x = [str(x).replace("<br>", " ") for x in trace.x]
    figure.update_xaxes(tickangle=-35, tickfont={"size": 10})
    # Every cell prints its score; the colour bar would only repeat that (and its gradient does not print well).
    figure.update_traces(showscale=False)
    return figure


def _chart_specs(result, language):
    """Which charts the report shows, with their export size; the figure code is shared with the dashboard."""
    specs = {}
    if any(f.score is not None for f in result.organisation.factors):
        overlays = ("previous",) if any(c.previous_score is not None for c in result.changes) else ()
        figure = charts.radar_figure(result=result, overlays=overlays, language=language)
        specs["radar"] = (_for_print_radar(figure), CHART_WIDTH, 500)
    if _shown(result.management) and _shown(result.staff):
        figure = charts.radar_figure(result=result, overlays=("management",), language=language)
        # This chart is about the two groups only: the organisation's own lines would crowd it.
        figure.data = [trace for trace in figure.data if (trace.meta or {}).get("overlay") == "management"]
        specs["perception"] = (_for_print_radar(figure), CHART_WIDTH, 450)
    # The PDF leaves hidden teams out altogether (the dashboard greys them out): a board pack
    # travels further than the dashboard, and "n<5" next to a team name invites guessing.
    visible_teams = tuple(t for t in result.teams if not t.suppressed)
    if visible_teams:
        shown = dataclasses.replace(result, teams=visible_teams)
        figure = _for_print_heatmap(charts.heatmap_figure(result=shown, language=language))
        height = max(300, 230 + 36 * (len(visible_teams) + 1))
        specs["heatmap"] = (figure, CHART_WIDTH, height)
    return specs


# Drawn charts by content: a report of unchanged data (the next download, the other cached
# language's twin, a retry) reuses them and never waits for Chromium. Keyed by the figure itself
# rather than by assessment and data_version, so a renamed team or a changed chart definition
# can never be served a stale picture. A few hundred KB at most.
_SVG_CACHE_SIZE = 48
_svg_cache: OrderedDict[str, str] = OrderedDict()
_svg_cache_lock = threading.Lock()


def _svg_cache_key(figure, width, height):
    spec = plotly.io.to_json(figure, validate=False, remove_uids=True)
    return hashlib.sha256(f"{width}x{height}:{spec}".encode()).hexdigest()


def _cached_svgs(keys):
    with _svg_cache_lock:
        found = {}
        for key in keys:
            if key in _svg_cache:
                _svg_cache.move_to_end(key)
                found[key] = _svg_cache[key]
        return found


def _remember_svgs(pairs):
    with _svg_cache_lock:
        for key, svg in pairs:
            _svg_cache[key] = svg
            _svg_cache.move_to_end(key)
        while len(_svg_cache) > _SVG_CACHE_SIZE:
            _svg_cache.popitem(last=False)


def clear_chart_cache():
    with _svg_cache_lock:
        _svg_cache.clear()


def _render_charts(result, language):
    specs = _chart_specs(result, language)
    if not specs:
        return {}
    # A missing browser is reported even when every chart is cached: the administrator should hear
    # about it now, not on the first report whose data changed.
    chart_export.ensure_chromium()
    keys = {name: _svg_cache_key(*spec) for name, spec in specs.items()}
    svgs = _cached_svgs(keys.values())
    missing = [name for name in specs if keys[name] not in svgs]
    if missing:
        drawn = chart_export.figures_to_svg(figures=[specs[name] for name in missing])
        fresh = [(keys[name], svg) for name, svg in zip(missing, drawn, strict=True)]
        _remember_svgs(fresh)
        svgs.update(fresh)
    return {name: _svg_data_uri(svgs[keys[name]]) for name in specs}


# ---------------------------------------------------------------- the context


def report_context(*, assessment, result, language):
    organisation = assessment.organisation
    accent = _accent(organisation)
    advice_by_key, scale_texts = report_model_texts(model_version=assessment.model_version)
    comments_by_factor = {c.factor_code: c.comments for c in result.comments} if result.comments_visible else {}
    changes_by_factor = {c.factor_code: c for c in result.changes}
    priority_ranks = {p.factor_code: p.rank for p in result.priorities}
    pages = _factor_pages(
        result=result,
        language=language,
        advice_by_key=advice_by_key,
        comments_by_factor=comments_by_factor,
        changes_by_factor=changes_by_factor,
        priority_ranks=priority_ranks,
    )
    pages_by_code = {p.code: p for p in pages}
    statement_extremes = _statement_extremes(assessment=assessment, result=result, language=language)
    priorities = [
        {"rank": p.rank, "page": pages_by_code[p.factor_code], "advice": list(p.advice(language)), "raw": p}
        for p in result.priorities
    ]
    level = result.level(result.level_code) if result.level_code else None
    visible_teams = [t for t in result.teams if not t.suppressed]
    hidden_teams = len(result.teams) - len(visible_teams)
    charts = _render_charts(result, language)
    starts = assessment.opens_at or assessment.created_at
    ends = assessment.closed_at or assessment.closes_at
    rate = result.response_rate
    return {
        "language": language,
        "assessment": assessment,
        "organisation": organisation,
        "result": result,
        "model_name": assessment.model_version.t("name", language),
        "attribution": assessment.model_version.t("attribution", language),
        "accent": accent,
        "accent_soft": _tint(accent, 0.86),
        "accent_faint": _tint(accent, 0.94),
        "accent_text": _readable_on(accent),
        "logo": _logo_data_uri(organisation),
        "header_left_css": css_string(organisation.name),
        "header_right_css": css_string(assessment.title),
        "page_counter_css": page_counter_css(),
        "period_start": timezone.localtime(starts).date() if starts else None,
        "period_end": timezone.localtime(ends).date() if ends else None,
        "generated_on": timezone.localdate(),
        "respondents": result.respondents,
        "response_rate": None if rate.rate is None else 100 * rate.rate,
        "rate": rate,
        "index": result.index,
        "level": level,
        "level_bands": _level_bands(result, result.index),
        "strengths": _strengths(pages),
        "priorities": priorities,
        "factor_pages": pages,
        # Only factors with a score get a page of their own; the others share one, so no page is nearly empty.
        "scored_pages": [p for p in pages if p.score is not None],
        "hidden_pages": [p for p in pages if p.score is None],
        "has_scores": any(p.score is not None for p in pages),
        "charts": charts,
        "perception_rows": _perception_rows(result, language),
        "perception_shown": "perception" in charts,
        "has_management_roles": result.management is not None,
        "visible_teams": visible_teams,
        "hidden_teams": hidden_teams,
        "scale_rows": [
            {
                "value": row["value"],
                "label": row[f"label_{language}"] or row["label_en"],
                "description": row[f"description_{language}"] or row["description_en"],
            }
            for row in scale_texts
        ],
        "dont_know_label": assessment.model_version.t("dont_know_label", language),
        "thresholds": result.thresholds,
        "comments_visible": result.comments_visible,
        "previous": result.previous,
        "any_comments": any(p.comments for p in pages),
        "site_name": "cxmaturity",
        **lens_context(result, language),
        "statement_extremes": statement_extremes,
        "extra_pages": contributions.report_pages(assessment=assessment, result=result, language=language),
    }


def _statement_extremes(*, assessment, result, language):
    """Per factor code: its strongest and weakest statement at organisation level, where they may be shown."""
    extremes = {}
    for info in result.factors:
        rows = factor_statements(
            assessment=assessment, result=result, factor_code=info.code, group_keys=["organisation"], language=language
        ).get("organisation", [])
        strongest, weakest = strongest_and_weakest(rows)
        if strongest is not None:
            extremes[info.code] = {"strongest": strongest, "weakest": weakest}
    return extremes
