"""The PDF maturity report: scoring result + charts -> HTML -> PDF (WeasyPrint).

Only the scoring result feeds the numbers, so whatever the anonymity rules hide
there cannot appear here. The report adds presentation only: strengths, the
level scale, formatting, and the model's advice and scale texts. Its words (hidden reasons, units, the
strength bar) come from `results.wording`, as on the dashboard and in the exports. View models live in
`report_pages`, formatting in `report_format`.
"""

import contextlib
import ctypes
import gc
import threading
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from assessments.core.colours import readable_on, tint, valid_hex
from assessments.questionnaire.models import Assessment
from assessments.results import charts, contributions, wording
from assessments.results.lenses import lens_context
from assessments.results.quotes import MAX_QUOTES
from assessments.results.selectors.key_message import key_message
from assessments.results.selectors.reports import action_library, model_facts, report_model_texts
from assessments.results.selectors.statements import StatementRow, factor_statements, strongest_and_weakest
from assessments.results.services import chart_cache, chart_export, report_teams
from assessments.results.services.pdf_fetcher import BASE_URL, StaticOnlyFetcher
from assessments.results.services.report_format import css_string, logo_data_uri, page_counter_css, svg_data_uri
from assessments.results.services.report_pages import FactorPage, factor_pages, level_bands, perception_rows, strengths
from assessments.scoring import score_assessment
from assessments.scoring.anonymity import comment_threshold
from assessments.scoring.result import AssessmentResult, GroupResult

# The PDF content box is 170 mm wide (A4 minus margins): about 640 CSS pixels.
CHART_WIDTH = 640


# A FontConfiguration decodes the bundled woff2 fonts and builds a Pango font map: about a second
# per report if done afresh. WeasyPrint skips @font-face rules it has already loaded into a
# configuration, so each thread keeps one (Pango objects are not shared between threads).
_fonts = threading.local()


def _font_config() -> FontConfiguration:
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def build_report_pdf(*, assessment: Assessment, language: str) -> bytes:
    html = report_html(assessment=assessment, language=language)
    font_config = _font_config()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    pdf: bytes = document.write_pdf(font_config=font_config)
    return pdf


def _release_freed_memory() -> None:
    # Cold scoring at 10,000 respondents peaks at about 150 MB of Python objects, freed again but kept by
    # the allocator. Handing it back to the system before Chromium adds its own 200 MB beside this process
    # lowers the report's peak by about 60 MB (glibc only; elsewhere a no-op). A few ms when nothing was freed.
    gc.collect()
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None).malloc_trim(0)


def report_html(*, assessment: Assessment, language: str) -> str:
    with translation.override(language):
        result = score_assessment(assessment=assessment)
        # Right after scoring, before the figures and pages allocate anything that would pin its freed memory.
        _release_freed_memory()
        context = report_context(assessment=assessment, result=result, language=language)
        context["key_message"] = key_message(assessment=assessment, result=result, language=language)
        context["contributed_pages"] = contributions.pdf_pages(assessment=assessment, result=result, language=language)
        return render_to_string("reports/report.html", context)


def _shown(group: GroupResult | None) -> bool:
    """Management or staff can be drawn when the group is shown and at least one factor has a score."""
    return group is not None and not group.suppressed and any(s.score is not None for s in group.factors)


# ---------------------------------------------------------------- charts


# Plotly does not reserve room for the radar's angular labels, and Dutch factor names have long words
# ("Klant(besturings)thema's") that cannot wrap: the PDF gives them wide side margins.
RADAR_PRINT_MARGIN = {"l": 135, "r": 135, "t": 50, "b": 50}


def _for_print_radar(figure: Any) -> Any:  # a plotly Figure
    figure.update_layout(margin=RADAR_PRINT_MARGIN)
    return figure


def _for_print_heatmap(figure: Any) -> Any:  # a plotly Figure
    # Print is read, not hovered: one-line factor names at an angle instead of wrapped names that collide.
    for trace in figure.data:
        trace.x = [str(x).replace("<br>", " ") for x in trace.x]
    figure.update_xaxes(tickangle=-35, tickfont={"size": 10})
    # Every cell prints its score; the colour bar would only repeat that (and its gradient does not print well).
    figure.update_traces(showscale=False)
    return figure


def _chart_specs(result: AssessmentResult, language: str) -> dict[str, chart_cache.ChartSpec]:
    """Which charts the report shows, with their export size; the figure code is shared with the dashboard."""
    specs: dict[str, chart_cache.ChartSpec] = {}
    if any(f.score is not None for f in result.organisation.factors):
        overlays = ("previous",) if any(c.previous_score is not None for c in result.changes) else ()
        figure = charts.radar_figure(result=result, overlays=overlays, language=language)
        specs["radar"] = (_for_print_radar(figure), CHART_WIDTH, 500)
    both = set(wording.visible_factor_codes(result.management)) & set(wording.visible_factor_codes(result.staff))
    if _shown(result.management) and _shown(result.staff) and both:
        figure = charts.radar_figure(result=result, overlays=("management",), language=language)
        # This chart is about the two groups only: the organisation's own lines would crowd it.
        figure.data = [trace for trace in figure.data if (trace.meta or {}).get("overlay") == "management"]
        specs["perception"] = (_for_print_radar(figure), CHART_WIDTH, 450)
    # The PDF leaves hidden teams out altogether (the dashboard greys them out): a board pack
    # travels further than the dashboard, and "n<5" next to a team name invites guessing.
    visible_teams = tuple(t for t in result.teams if not t.suppressed)
    if visible_teams:
        figure, height = report_teams.heatmap_spec(result=result, visible_teams=visible_teams, language=language)
        specs["heatmap"] = (_for_print_heatmap(figure), CHART_WIDTH, height)
    return specs


def _draw(specs: list[chart_cache.ChartSpec]) -> list[str]:
    return chart_export.figures_to_svg(figures=specs)


def _render_charts(result: AssessmentResult, language: str, *, assessment: Assessment) -> dict[str, str]:
    specs = _chart_specs(result, language)
    if not specs:
        return {}
    # A missing browser is reported even when every chart is cached: the administrator should hear
    # about it now, not on the first report whose data changed.
    chart_export.ensure_chromium()
    svgs = chart_cache.cached_svgs(assessment=assessment, language=language, specs=specs, draw=_draw)
    return {name: svg_data_uri(svgs[name]) for name in specs}


# ---------------------------------------------------------------- the context


def _branding(assessment: Assessment) -> dict[str, Any]:
    organisation = assessment.organisation
    accent = valid_hex(organisation.accent_colour)
    return {
        "organisation": organisation,
        "accent": accent,
        "accent_soft": tint(accent, 0.86),
        "accent_faint": tint(accent, 0.94),
        "accent_text": readable_on(accent),
        "logo": logo_data_uri(organisation),
        "header_left_css": css_string(organisation.name),
        "header_right_css": css_string(assessment.title),
        "page_counter_css": page_counter_css(),
        "site_name": "cxmaturity",
    }


def _period(assessment: Assessment) -> dict[str, Any]:
    starts = assessment.opens_at or assessment.created_at
    ends = assessment.closed_at or assessment.closes_at
    return {
        "period_start": timezone.localtime(starts).date() if starts else None,
        "period_end": timezone.localtime(ends).date() if ends else None,
        "generated_on": timezone.localdate(),
    }


def _pages(
    result: AssessmentResult, *, assessment: Assessment, language: str
) -> tuple[list[FactorPage], list[dict[str, Any]], list[dict[str, Any]]]:
    advice_by_key, scale_texts = report_model_texts(model_version=assessment.model_version)
    # The quotes a manager picked (comment themes) replace the automatic choice on every factor page.
    codes = {info.code for info in result.factors}
    picked = {
        code: quotes
        for code, quotes in contributions.picked_quotes(assessment=assessment, language=language).items()
        if code in codes
    }
    automatic = {c.factor_code: c.comments for c in result.comments} if result.comments_visible else {}
    pages = factor_pages(
        result=result,
        language=language,
        advice_by_key=advice_by_key,
        comments_by_factor=picked or automatic,
        quotes_picked=bool(picked),
        changes_by_factor={c.factor_code: c for c in result.changes},
        priority_ranks={p.factor_code: p.rank for p in result.priorities},
        library_by_key=action_library(model_version=assessment.model_version),
    )
    pages_by_code = {p.code: p for p in pages}
    priorities = [
        {"rank": p.rank, "page": pages_by_code[p.factor_code], "advice": list(p.advice(language)), "raw": p}
        for p in result.priorities
    ]
    scale_rows = [
        {
            "value": row["value"],
            "label": row[f"label_{language}"] or row["label_en"],
            "description": row[f"description_{language}"] or row["description_en"],
        }
        for row in scale_texts
    ]
    return pages, priorities, scale_rows


def _words(result: AssessmentResult) -> dict[str, Any]:
    """The shared wording of reasons, units and the strength bar."""
    return {
        "hidden_teams_summary": wording.hidden_teams_summary(result),
        "strengths_rule": wording.strengths_rule(),
        "no_strengths": wording.no_strengths_text(),
        "gap_unit_header": wording.gap_header(),
        "perception_unit_header": wording.perception_header(),
        "alpha_explanation": wording.alpha_explanation(),
        "perception_hidden_reason": _perception_hidden_reason(result),
    }


def _perception_hidden_reason(result: AssessmentResult) -> str:
    """Why management or staff cannot be compared at all (a whole group hidden), in the shared words."""
    for group in (result.management, result.staff):
        if group is not None and group.suppressed:
            return wording.reason_explanation(group.suppressed_reason, threshold=result.thresholds.scores)
    return ""


def report_facts(*, assessment: Assessment, result: AssessmentResult, language: str) -> dict[str, Any]:
    """Everything the report says, without its drawn charts and the other domains' pages: what the slide deck
    (results/deck) shows too, so the PDF and the deck read one set of figures and words."""
    pages, priorities, scale_rows = _pages(result, assessment=assessment, language=language)
    visible_teams = [t for t in result.teams if not t.suppressed]
    rate = result.response_rate
    return {
        **_branding(assessment),
        **_period(assessment),
        **_words(result),
        "language": language,
        "assessment": assessment,
        "result": result,
        "model_name": assessment.model_version.t("name", language),
        "model_facts": model_facts(model_version=assessment.model_version),
        "attribution": assessment.model_version.t("attribution", language),
        "respondents": result.respondents,
        "response_rate": None if rate.rate is None else 100 * rate.rate,
        "rate": rate,
        "index": result.index,
        "level": result.level(result.level_code) if result.level_code else None,
        "level_bands": level_bands(result, result.index),
        "strengths": strengths(result, pages),
        "priorities": priorities,
        **lens_context(result, language),
        "statement_extremes": _statement_extremes(assessment=assessment, result=result, language=language),
        "factor_pages": pages,
        # Only factors with a score get a page of their own; the others share one, so no page is nearly empty.
        "scored_pages": [p for p in pages if p.score is not None],
        "hidden_pages": [p for p in pages if p.score is None],
        "has_scores": any(p.score is not None for p in pages),
        "perception_rows": perception_rows(result, language),
        "has_management_roles": result.management is not None,
        "visible_teams": visible_teams,
        "hidden_teams": len(result.teams) - len(visible_teams),
        **report_teams.teams_context(result=result, visible_teams=visible_teams, language=language),
        "scale_rows": scale_rows,
        "dont_know_label": assessment.model_version.t("dont_know_label", language),
        "thresholds": result.thresholds,
        "comments_visible": result.comments_visible,
        "previous": result.previous,
        "any_comments": any(p.comments for p in pages),
        "quotes_picked": any(p.quotes_picked for p in pages),
        "thresholds_comment_themes": comment_threshold(
            comments=result.thresholds.comments, scores=result.thresholds.scores
        ),
        "max_quotes": MAX_QUOTES,
    }


def report_context(*, assessment: Assessment, result: AssessmentResult, language: str) -> dict[str, Any]:
    context = report_facts(assessment=assessment, result=result, language=language)
    charts = _render_charts(result, language, assessment=assessment)
    context["charts"] = charts
    context["perception_shown"] = "perception" in charts
    context["extra_pages"] = contributions.report_pages(assessment=assessment, result=result, language=language)
    return context


def _statement_extremes(
    *, assessment: Assessment, result: AssessmentResult, language: str
) -> dict[str, dict[str, StatementRow | None]]:
    """Per factor code: its strongest and weakest statement at organisation level, where they may be shown."""
    extremes: dict[str, dict[str, StatementRow | None]] = {}
    for info in result.factors:
        rows = factor_statements(
            assessment=assessment, result=result, factor_code=info.code, group_keys=["organisation"], language=language
        ).get("organisation", [])
        strongest, weakest = strongest_and_weakest(rows)
        if strongest is not None:
            extremes[info.code] = {"strongest": strongest, "weakest": weakest}
    return extremes
