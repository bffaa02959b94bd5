"""The statement drill-down of one factor: answers per statement, for the groups anonymity allows."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from assessments.results.selectors.statements import factor_statements, visible_groups
from assessments.scoring import score_assessment
from assessments.scoring.groups import ORGANISATION
from models_9plus.i18n import content_language


@assessment_page()
@require_GET
def factor_drilldown(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, factor: str
) -> HttpResponse:
    language = content_language(get_language())
    result = score_assessment(assessment=assessment)
    info = next((f for f in result.factors if f.code == factor), None)
    if info is None:
        raise Http404
    groups = visible_groups(result, factor)
    chosen = request.GET.get("group", "")
    # An unknown or hidden group silently falls back to the organisation: its key may be guessed, not shown.
    compare = next((g for g in groups if g.group.key == chosen and chosen != ORGANISATION), None)
    keys = [ORGANISATION] + ([compare.group.key] if compare else [])
    rows = factor_statements(
        assessment=assessment, result=result, factor_code=factor, group_keys=keys, language=language
    )
    organisation_rows = rows.get(ORGANISATION, [])
    compare_rows = rows.get(compare.group.key, []) if compare else []
    stats = result.organisation.factor(factor)
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "results",
        "result": result,
        "factor": info,
        "factor_name": info.name(language),
        "stats": stats,
        "level": result.level(stats.level_code) if stats.level_code else None,
        "language": language,
        "group_choices": [(g.group.key, g.group.name(language), g.respondents) for g in groups[1:]],
        "compare": compare,
        "compare_name": compare.group.name(language) if compare else "",
        "compare_stats": compare.factor(factor) if compare else None,
        "rows": [
            {"org": row, "other": compare_rows[i] if compare_rows else None} for i, row in enumerate(organisation_rows)
        ],
        "pulling_down": [row for row in organisation_rows if row.pulls_down],
        "other_factors": [(f.code, f.name(language)) for f in result.factors],
    }
    return render(request, "results/factor_drilldown.html", context)
