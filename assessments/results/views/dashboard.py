"""Results: the dashboard, exports and the public "how we score" page."""

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from assessments.core.downloads import download
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.organisations.services import activity
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from assessments.results import exports as exporters
from assessments.results.selectors.dashboard_page import dashboard_page_context
from assessments.results.selectors.statements import PULL_DOWN_MARGIN
from assessments.scoring.anonymity import COMMENT_MARGIN, comment_threshold
from assessments.scoring.queries import servqual_link_counts
from assessments.scoring.result import PRIORITY_WEIGHTS
from assessments.scoring.statistics import ALPHA_MIN_RESPONDENTS, CUSTOMERS_NINE_PLUS_MIN
from models_9plus.i18n import content_language
from models_9plus.selectors import latest_version_with_content, level_bands


@assessment_page()
@require_GET
def assessment_dashboard(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    context = dashboard_page_context(assessment=assessment, language=content_language(get_language()))
    context.update(membership=membership, tab="results")
    return render(request, "results/dashboard.html", context)


@assessment_page()
@require_GET
def assessment_export(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, kind: str, fmt: str
) -> HttpResponseBase:
    if kind not in exporters.KINDS or fmt not in exporters.FORMATS:
        raise Http404
    # Raw answers are for the people who run the assessment; viewers get the scores.
    if kind == "answers" and not membership.can_manage:
        raise PermissionDenied
    language = content_language(get_language())
    filename, content_type, content = exporters.export(assessment=assessment, kind=kind, fmt=fmt, language=language)
    with transaction.atomic():
        activity.record(
            organisation=assessment.organisation, actor=request.user, verb="exported", obj=assessment, detail=filename
        )
    return download(filename=filename, content_type=content_type, content=content)


@require_GET
def how_we_score(request: HttpRequest) -> HttpResponse:
    version = latest_version_with_content(code="nineplus")
    defaults = {
        f.name: f.default
        for f in Assessment._meta.get_fields()
        if isinstance(f, models.Field) and f.name.startswith("threshold_")  # relations have no default
    }
    context = {
        "version": version,
        "levels": [
            {"name": band["level"].t("name"), "order": band["level"].order, "min_score": band["low"]}
            for band in level_bands(version=version)
        ]
        if version
        else [],
        "servqual_links": servqual_link_counts(version=version) if version else [],
        "defaults": defaults,
        "comment_themes_threshold": comment_threshold(
            comments=defaults["threshold_comments"], scores=defaults["threshold_scores"]
        ),
        "comment_margin": COMMENT_MARGIN,
        "weights": {k: int(v * 100) for k, v in PRIORITY_WEIGHTS.items()},
        "alpha_min": ALPHA_MIN_RESPONDENTS,
        "pull_down_margin": f"{PULL_DOWN_MARGIN:g}",
        "customers_nine_plus_min": f"{CUSTOMERS_NINE_PLUS_MIN:g}",
    }
    return render(request, "results/how_we_score.html", context)
