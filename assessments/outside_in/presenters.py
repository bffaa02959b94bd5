"""What the Outside-in tab, the JSON and the PDF page show of a summary. Hidden figures are already None
in the summary (see figures.CustomerFigures), so nothing here can reveal them."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.outside_in import charts, display
from assessments.outside_in.figures import BASICS_FROM, NINE_PLUS, CustomerFigures, grade_bands
from assessments.outside_in.selectors import FactorRowView, OutsideInSummary, customer_check_for, outside_in_summary
from assessments.questionnaire.models import Assessment
from assessments.results.services import chart_cache, chart_export
from assessments.results.services.report_format import svg_data_uri
from assessments.scoring.result import AssessmentResult

# The PDF's chart width in px, as the report's own charts (results.services.report_document.CHART_WIDTH).
CHART_WIDTH = 640


def _bars(fig: CustomerFigures) -> list[dict[str, Any]]:
    if not fig.shown or not fig.distribution:
        return []
    total = sum(fig.distribution) or 1
    highest = max(fig.distribution) or 1
    return [
        {
            "grade": grade,
            "count": count,
            "percent": 100 * count / total,
            "height": round(100 * count / highest),
            "top": grade >= NINE_PLUS,
            "low": grade < BASICS_FROM,
        }
        for grade, count in enumerate(fig.distribution, start=1)
    ]


def _hidden_text(reason: str, *, threshold: int) -> str:
    """Why a group's estimate is not shown, with the true reason (not always "too few")."""
    if not reason:
        return ""
    if reason == "none":
        return _("no estimates")
    if reason == "differencing":
        return _("hidden so that it cannot be worked out from the other groups")
    return ngettext("shown from %(threshold)s estimate", "shown from %(threshold)s estimates", threshold) % {
        "threshold": threshold
    }


def _bands(fig: CustomerFigures) -> dict[str, str] | None:
    """The three grade bands and the 7+ share, as the reader reads them ("40%")."""
    bands = grade_bands(fig.distribution) if fig.shown else None
    if bands is None:
        return None
    return {
        "loyal": display.percent(bands.loyal),
        "indifferent": display.percent(bands.indifferent),
        "dissatisfied": display.percent(bands.dissatisfied),
        "basics": display.percent(bands.basics),
    }


def section_context(*, summary: OutsideInSummary, language: str) -> dict[str, Any]:
    actual = summary.actual
    return {
        "summary": summary,
        "overall": summary.overall,
        "bands": _bands(summary.overall),
        "bars": _bars(summary.overall),
        "imported_bars": [(f, _bars(f)) for f in summary.imported],
        "actual": actual,
        "estimates": [
            {
                "group": g,
                "name": g.name(language),
                "indent": g.depth if g.kind == "team" else 0,
                "grade": display.number(g.grade, 1),
                "share": display.percent(g.share),
                "grade_gap": display.signed(g.grade_gap, 1),
                "share_gap": display.points(g.share_gap),
                "hidden_text": _hidden_text(g.hidden_reason, threshold=summary.estimate_threshold),
            }
            for g in summary.estimates
        ],
        "actual_share": display.percent(actual.nine_plus_share) if actual is not None else "",
        "factor_rows": [
            FactorRowView(
                row=r,
                name=r.name(language),
                question=r.question(language),
                agree_share=display.percent(r.agree_share),
            )
            for r in summary.factors
        ],
        "language": language,
    }


def _figures_json(fig: CustomerFigures) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": fig.key,
        "label": fig.label,
        "n": fig.n,
        "shown": fig.shown,
        "hidden_reason": fig.hidden_reason,
        "imported": fig.imported,
    }
    if fig.imported:
        data["period"] = fig.period
    if fig.shown:
        bands = grade_bands(fig.distribution)
        data.update(
            # The customers' grade, led by the share of 9s and 10s and the three bands (7+: the basics).
            nine_plus_share=fig.nine_plus_share,
            bands=None
            if bands is None
            else {
                "loyal_9_10": bands.loyal,
                "indifferent_7_8": bands.indifferent,
                "dissatisfied_1_6": bands.dissatisfied,
                "seven_plus": bands.basics,
            },
            grade_mean=fig.grade_mean,
            distribution=list(fig.distribution) if fig.distribution else None,
            nps=fig.nps,
            ease_agree=fig.ease_agree,  # % who agree it was easy to arrange what they needed (1-5)
            ease=fig.ease,  # older checks and imports: mean on 1-7
            csat=fig.csat,
            factors={
                f.factor_code: {"n": f.n, "agree_share": f.agree_share, "agree_interval": f.agree_interval}
                for f in fig.factors
            },
            grade_margin=fig.grade_margin,
            nine_plus_interval=fig.nine_plus_interval,
            basics_interval=fig.basics_interval,
        )
    return data


def summary_json(summary: OutsideInSummary) -> dict[str, Any]:
    return {
        "minimum_responses": summary.minimum,
        "overall": _figures_json(summary.overall),
        "links": [_figures_json(f) for f in summary.links],
        "imported": [_figures_json(f) for f in summary.imported],
        "flagged_responses": summary.flagged,
        "ease_method_break": summary.ease_method_break,
        "knowledge_gap": {
            "actual_source": None if summary.actual is None else summary.actual.key,
            "groups": [
                {
                    "key": g.key,
                    "kind": g.kind,
                    "shown": g.shown,
                    "hidden_reason": g.hidden_reason or None,
                    "estimated_grade": g.grade,
                    "estimated_nine_plus_share": g.share,
                    "grade_gap": g.grade_gap,
                    "share_gap_points": g.share_gap,
                }
                for g in summary.estimates
            ],
        },
        # The maturity score and the customers' "% agree" are on different scales: side by side, never a difference.
        "factors": [
            {
                "code": r.code,
                "maturity_score": r.inside,
                "customers_agree_share": r.agree_share,
                "customers_answered": r.agree_n,
            }
            for r in summary.factors
        ],
    }


def _chart_specs(context: dict[str, Any], language: str) -> dict[str, chart_cache.ChartSpec]:
    specs: dict[str, chart_cache.ChartSpec] = {}
    overall = context["overall"]
    if overall.shown and overall.distribution and sum(overall.distribution):
        specs["grades"] = (charts.grade_bands_figure(figures=overall, language=language), CHART_WIDTH, 230)
    rows = charts.gap_rows(estimates=context["summary"].estimates, language=language)
    if rows:
        figure = charts.knowledge_gap_figure(rows=rows, actual=context["actual"], language=language)
        specs["gap"] = (figure, CHART_WIDTH, figure.layout.height)
    if any(f["row"].agree_share is not None for f in context["factor_rows"]):
        figure = charts.agreement_figure(factor_rows=context["factor_rows"], language=language)
        specs["agreement"] = (figure, CHART_WIDTH, figure.layout.height)
    return specs


def _draw(specs: list[chart_cache.ChartSpec]) -> list[str]:
    return chart_export.figures_to_svg(figures=specs)


def pdf_section(*, assessment: Assessment, result: AssessmentResult | None = None, language: str) -> str:
    """The outside-in page of the PDF report ("" when the assessment has no customer check), drawn as charts."""
    check = customer_check_for(assessment=assessment)
    if check is None:
        return ""
    summary = outside_in_summary(assessment=assessment, check=check)
    with translation.override(language):
        context = section_context(summary=summary, language=language)
        specs = _chart_specs(context, language)
        svgs: dict[str, str] = {}
        if specs:
            svgs = chart_cache.cached_svgs(assessment=assessment, language=language, specs=specs, draw=_draw)
        context["charts"] = {name: svg_data_uri(svg) for name, svg in svgs.items()}
        # Groups whose estimates exist but are hidden say why; groups nobody estimated in are left out.
        context["hidden_estimates"] = [
            e for e in context["estimates"] if not e["group"].shown and e["group"].hidden_reason != "none"
        ]
        return render_to_string("outside_in/pdf_section.html", context)
