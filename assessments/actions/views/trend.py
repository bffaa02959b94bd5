"""Rounds over time: the trend page of an organisation."""

from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessments.actions.charts import colour_of, trend_svg
from assessments.actions.selectors.trend import organisation_trend
from assessments.organisations.decorators import organisation_page
from models_9plus.i18n import content_language


def trend_chart(trend) -> str:
    svg = trend_svg(
        rounds=trend["rounds"],
        factor_rows=trend["factor_rows"],
        index_label=_("Maturity index"),
        actions_label=_("Actions completed between rounds"),
        method_break_label=_("method break"),
    )
    # Built from escaped texts and numbers only (see charts.trend_svg).
    return mark_safe(svg)  # noqa: S308


@organisation_page()
@require_GET
def organisation_trend_page(request, organisation, membership):
    language = content_language(get_language())
    trend = organisation_trend(organisation=organisation, language=language)
    for i, row in enumerate(trend["factor_rows"]):
        row["colour"] = colour_of(i)
    context = {
        "organisation": organisation,
        "membership": membership,
        "tab": "trend",
        "trend": trend,
        "chart": trend_chart(trend) if trend["rounds"] else "",
        "language": language,
    }
    return render(request, "actions/trend.html", context)
