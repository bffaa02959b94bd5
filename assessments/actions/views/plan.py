"""The action plan: list and board, one action with its history, creating and changing actions."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.actions import exports, sections
from assessments.actions.decorators import action_page
from assessments.actions.forms import ActionForm, StatusForm, SuggestionForm
from assessments.actions.models import PlanAction
from assessments.actions.selectors import plan as selectors
from assessments.actions.selectors.suggestions import find_suggestion, library_how_to, priority_suggestions
from assessments.actions.selectors.trend import latest_round
from assessments.actions.services import plan as services
from assessments.core.downloads import download
from assessments.core.forms import form_page
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.decorators import organisation_page
from assessments.organisations.models import Membership, Organisation
from assessments.organisations.services import activity
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from assessments.scoring import score_assessment
from models_9plus.i18n import content_language


def _filters(request: HttpRequest) -> selectors.PlanFilters:
    return selectors.PlanFilters(
        factor=request.GET.get("factor", "")[:50],
        owner=request.GET.get("owner", "")[:40],
        status=request.GET.get("status", "")[:20],
    )


@organisation_page(leaders=True)
@require_GET
def action_plan(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    """The whole plan; a team leader sees the actions they own, nothing else of it."""
    language = content_language(get_language())
    filters = _filters(request)
    own = membership if membership.is_team_leader else None
    if own is not None:
        filters = selectors.PlanFilters(factor=filters.factor, status=filters.status)
    actions = selectors.plan_actions(organisation=organisation, filters=filters, owner=own)
    for action in actions:
        action.overdue = selectors.is_overdue(action)
    latest = latest_round(organisation=organisation)
    suggestions: list[dict[str, Any]] = []
    if latest is not None and membership.can_manage:
        result = score_assessment(assessment=latest)
        suggestions = priority_suggestions(assessment=latest, result=result, language=language)
    board = request.GET.get("view") == "board"
    context = {
        "organisation": organisation,
        "membership": membership,
        "tab": "plan",
        "actions": actions,
        "board": board,
        "columns": selectors.board_columns(actions) if board else [],
        "filters": filters,
        "filtered": any((filters.factor, filters.owner, filters.status)),
        "choices": selectors.filter_choices(organisation=organisation, owner=own),
        "status_choices": PlanAction.Status.choices,
        "status": selectors.plan_status(organisation=organisation, owner=own),
        "latest": latest,
        "suggestions": suggestions,
        "members": selectors.action_members(organisation=organisation) if suggestions else [],
        "language": language,
        "sections": sections.plan_sections(
            organisation=organisation, membership=membership, actions=actions, language=language
        ),
    }
    return render(request, "actions/plan.html", context)


def _form_for(
    request: HttpRequest,
    *,
    organisation: Organisation,
    round_assessment: Assessment,
    initial: dict[str, Any] | None = None,
) -> ActionForm:
    return ActionForm(
        request.POST or None,
        initial=initial,
        organisation=organisation,
        model_version=round_assessment.model_version,
        language=content_language(get_language()),
    )


@organisation_page(manage=True)
@require_http_methods(["GET", "POST"])
def action_create(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    latest = latest_round(organisation=organisation)
    if latest is None:
        messages.info(request, _("Actions follow from results: run a first assessment before you plan."))
        return redirect("action_plan", org=organisation.public_id)
    initial = {"factor_code": request.GET.get("factor", "")}
    return form_page(
        request,
        _form_for(request, organisation=organisation, round_assessment=latest, initial=initial),
        save=lambda data: services.create_action(
            organisation=organisation, assessment=latest, actor=request.user, data=data
        ),
        success=_("The action was added to the plan."),
        done=_to_detail,
        template="actions/action_form.html",
        context=lambda: {"organisation": organisation, "membership": membership, "tab": "plan", "latest": latest},
    )


def _to_detail(action: PlanAction) -> HttpResponseRedirect:
    return redirect("action_detail", org=action.organisation.public_id, action=action.public_id)


@action_page(leaders=True)
@require_GET
def action_detail(request: AuthenticatedRequest, action: PlanAction, membership: Membership) -> HttpResponse:
    action.overdue = selectors.is_overdue(action)
    context = {
        "organisation": action.organisation,
        "membership": membership,
        "tab": "plan",
        "action": action,
        "history": selectors.action_history(action=action),
        "status_choices": PlanAction.Status.choices,
        "statement_codes": ", ".join(action.statement_codes),
        "how_to": library_how_to(action=action, language=content_language(get_language())),
        "sections": sections.action_sections(
            action=action, membership=membership, language=content_language(get_language())
        ),
    }
    return render(request, "actions/action_detail.html", context)


@action_page(manage=True)
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedRequest, action: PlanAction, membership: Membership) -> HttpResponse:
    if action.assessment is None:
        raise Http404  # its round was deleted: the factor list is gone; status can still change
    initial = {
        "title": action.display_title,
        "factor_code": action.factor_code,
        "statement_codes": action.statement_codes,
        "owner": action.owner,
        "owner_name": action.owner_name,
        "due_date": action.due_date,
        "status": action.status,
        "success_measure": action.display_success_measure,
        "notes": action.notes,
    }

    def save(data: dict[str, Any]) -> PlanAction:
        services.update_action(action=action, actor=request.user, data=data)
        return action

    return form_page(
        request,
        _form_for(request, organisation=action.organisation, round_assessment=action.assessment, initial=initial),
        save=save,
        success=_("The action was saved."),
        done=_to_detail,
        template="actions/action_form.html",
        context=lambda: {
            "organisation": action.organisation,
            "membership": membership,
            "tab": "plan",
            "action": action,
        },
    )


@action_page(manage=True, leaders=True)  # a team leader: the status of the actions they own
@require_POST
def action_status(request: AuthenticatedRequest, action: PlanAction, membership: Membership) -> HttpResponse:
    form = StatusForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a valid status."), status=400)
    action = services.set_status(action=action, actor=request.user, status=form.cleaned_data["status"])
    messages.success(request, _("Status changed to “%(status)s”.") % {"status": action.get_status_display()})
    if request.POST.get("next") == "plan":
        return redirect("action_plan", org=action.organisation.public_id)
    return redirect("action_detail", org=action.organisation.public_id, action=action.public_id)


@assessment_page(manage=True)
@require_POST
def action_from_suggestion(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership
) -> HttpResponse:
    """A suggestion into the plan with its owner and due date; a missing one shows the form again (400)."""
    form = SuggestionForm(request.POST, organisation=assessment.organisation)
    if form.is_valid():
        try:
            action, created = services.create_from_suggestion(
                assessment=assessment,
                actor=request.user,
                language=content_language(get_language()),
                **form.cleaned_data,
            )
        except ValidationError as error:
            return HttpResponse(" ".join(error.messages), status=400)
        if created:
            messages.success(request, _("“%(title)s” was added to the plan.") % {"title": action.display_title})
        else:
            messages.info(request, _("“%(title)s” is already in the plan.") % {"title": action.display_title})
        return redirect(f"{_plan_url(assessment)}#suggestion-{action.factor_code}-{form.cleaned_data['key']}")
    context = {
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "plan",
        "assessment": assessment,
        "form": form,
        "title": _suggestion_title(assessment, request.POST.get("factor_code", ""), request.POST.get("key", "")),
    }
    return render(request, "actions/suggestion_form.html", context, status=400)


def _suggestion_title(assessment: Assessment, factor_code: str, key: str) -> str:
    result = score_assessment(assessment=assessment)
    priority = next((p for p in result.priorities if p.factor_code == factor_code), None)
    if priority is None:
        return ""
    found = find_suggestion(
        assessment=assessment,
        factor_code=factor_code,
        level_code=priority.level_code,
        key=key[:60],
        language=content_language(get_language()),
    )
    return found.title if found else ""


def _plan_url(assessment: Assessment) -> str:
    return reverse("action_plan", kwargs={"org": assessment.organisation.public_id})


@organisation_page()
@require_GET
def plan_export(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, fmt: str
) -> HttpResponseBase:
    if fmt not in exports.FORMATS:
        raise Http404
    filename, content_type, content = exports.export_plan(
        organisation=organisation, fmt=fmt, language=content_language(get_language())
    )
    with transaction.atomic():
        activity.record(
            organisation=organisation, actor=request.user, verb="exported", obj=organisation, detail=filename
        )
    return download(filename=filename, content_type=content_type, content=content)
