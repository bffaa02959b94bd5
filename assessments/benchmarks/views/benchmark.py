"""/a/<assessment>/benchmark/: the closed assessment against similar organisations; managers opt in here."""

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments.benchmarks import presentation, services
from assessments.benchmarks.forms import GroupForm, OptInForm
from assessments.benchmarks.selectors import GROUPS, MIN_ORGANISATIONS, Benchmark, benchmark_for
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from assessments.results import charts
from assessments.results.selectors.dashboard import PLOTLY_CONFIG
from assessments.scoring import score_assessment
from assessments.scoring.result import AssessmentResult
from models_9plus.i18n import content_language


def _opt_in(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    if not membership.can_manage:
        raise PermissionDenied
    form = OptInForm(request.POST)
    form.is_valid()  # a checkbox: always valid, missing means "no"
    opt_in = form.cleaned_data.get("opt_in", False)
    services.set_benchmark_opt_in(organisation=assessment.organisation, actor=request.user, opt_in=opt_in)
    if opt_in:
        messages.success(request, _("Your organisation now takes part in the anonymous benchmark."))
    else:
        messages.success(request, _("Your organisation no longer takes part: it is left out of every comparison."))
    return redirect("assessment_benchmark", assessment=assessment.public_id)


def _radar(result: AssessmentResult, benchmark: Benchmark, language: str) -> dict[str, Any]:
    figure = charts.radar_figure(result=result, language=language)
    if benchmark.shown:
        for trace in presentation.overlay_traces(result=result, benchmark=benchmark, language=language):
            figure.add_trace(trace)
    return {"figure": json.loads(figure.to_json()), "overlays": {}, "config": PLOTLY_CONFIG}


@assessment_page()
def assessment_benchmark(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    if request.method == "POST":
        return _opt_in(request, assessment, membership)
    chosen = GroupForm(request.GET)
    group = chosen.cleaned_data["group"] if chosen.is_valid() and chosen.cleaned_data["group"] else "all"
    language = content_language(get_language())
    result = score_assessment(assessment=assessment)
    benchmark = benchmark_for(assessment=assessment, result=result, group=group)
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "benchmark",
        "benchmark": benchmark,
        "group": group,
        "group_label": presentation.group_label(group),
        "groups": [(g, presentation.group_label(g)) for g in GROUPS],
        "minimum": MIN_ORGANISATIONS,
        "rows": presentation.rows(result=result, benchmark=benchmark, language=language),
        "opt_in_form": OptInForm(initial={"opt_in": assessment.organisation.benchmark_opt_in}),
        "radar_data": _radar(result, benchmark, language) if benchmark.shown else None,
    }
    return render(request, "benchmarks/benchmark.html", context)
