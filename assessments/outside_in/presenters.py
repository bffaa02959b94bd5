"""What the Outside-in tab, the JSON and the PDF page show of a summary. Hidden figures are already None
in the summary (see figures.CustomerFigures), so nothing here can reveal them."""

from django.template.loader import render_to_string
from django.utils import translation

from assessments.outside_in.figures import NINE_PLUS, CustomerFigures
from assessments.outside_in.selectors import customer_check_for, outside_in_summary


def _bars(fig: CustomerFigures):
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
        }
        for grade, count in enumerate(fig.distribution, start=1)
    ]


def section_context(*, summary, language) -> dict:
    actual = summary.actual
    return {
        "summary": summary,
        "overall": summary.overall,
        "bars": _bars(summary.overall),
        "imported_bars": [(f, _bars(f)) for f in summary.imported],
        "actual": actual,
        "estimates": [
            {"group": g, "name": g.name(language), "indent": g.depth if g.kind == "team" else 0}
            for g in summary.estimates
        ],
        "factor_rows": [
            {"row": r, "name": r.name(language), "question": r.question(language)} for r in summary.factors
        ],
        "language": language,
    }


def _figures_json(fig: CustomerFigures):
    data = {
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
        data.update(
            grade_mean=fig.grade_mean,
            nine_plus_share=fig.nine_plus_share,
            distribution=list(fig.distribution) if fig.distribution else None,
            nps=fig.nps,
            effort=fig.effort,
            csat=fig.csat,
            factors={f.factor_code: {"n": f.n, "score": f.score} for f in fig.factors},
        )
    return data


def summary_json(summary) -> dict:
    return {
        "minimum_responses": summary.minimum,
        "overall": _figures_json(summary.overall),
        "links": [_figures_json(f) for f in summary.links],
        "imported": [_figures_json(f) for f in summary.imported],
        "flagged_responses": summary.flagged,
        "knowledge_gap": {
            "actual_source": None if summary.actual is None else summary.actual.key,
            "groups": [
                {
                    "key": g.key,
                    "kind": g.kind,
                    "shown": g.shown,
                    "estimated_grade": g.grade,
                    "estimated_nine_plus_share": g.share,
                    "grade_gap": g.grade_gap,
                    "share_gap": g.share_gap,
                }
                for g in summary.estimates
            ],
        },
        "factors": [
            {"code": r.code, "inside": r.inside, "outside": r.outside, "outside_n": r.outside_n}
            for r in summary.factors
        ],
    }


def pdf_section(*, assessment, result=None, language) -> str:
    """The outside-in page of the PDF report ("" when the assessment has no customer check)."""
    check = customer_check_for(assessment=assessment)
    if check is None:
        return ""
    summary = outside_in_summary(assessment=assessment, check=check)
    with translation.override(language):
        return render_to_string("outside_in/pdf_section.html", section_context(summary=summary, language=language))
