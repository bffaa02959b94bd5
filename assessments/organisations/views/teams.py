"""Teams and respondent roles of an organisation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessments.core.forms import add_service_errors
from assessments.core.http import AuthenticatedRequest
from assessments.organisations import selectors
from assessments.organisations.decorators import organisation_page, role_page, team_page
from assessments.organisations.forms import RoleForm, TeamForm
from assessments.organisations.models import Membership, Organisation, Role, Team
from assessments.organisations.services import organisations as services


@organisation_page()
@require_GET
def team_list(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    teams = selectors.team_tree(organisation=organisation)
    return render(
        request,
        "organisations/team_list.html",
        {"organisation": organisation, "membership": membership, "teams": teams, "tab": "teams"},
    )


def _team_form_page(
    request: AuthenticatedRequest, *, organisation: Organisation, membership: Membership, team: Team | None = None
) -> HttpResponse:
    parents = selectors.parent_choices(organisation=organisation, team=team)
    initial: dict[str, object] = {"name": team.name, "parent": team.parent} if team else {}
    form = TeamForm(request.POST or None, initial=initial, parent_queryset=parents)
    if request.method == "POST" and form.is_valid():
        try:
            if team is None:
                services.create_team(organisation=organisation, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Team added."))
            else:
                services.update_team(team=team, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Team saved."))
            return redirect("team_list", org=organisation.public_id)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "organisations/team_form.html",
        {"organisation": organisation, "membership": membership, "form": form, "team": team, "tab": "teams"},
    )


@organisation_page(manage=True)
def team_create(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    return _team_form_page(request, organisation=organisation, membership=membership)


@team_page(manage=True)
def team_edit(request: AuthenticatedRequest, team: Team, membership: Membership) -> HttpResponse:
    return _team_form_page(request, organisation=team.organisation, membership=membership, team=team)


@team_page(manage=True)
def team_delete(request: AuthenticatedRequest, team: Team, membership: Membership) -> HttpResponse:
    organisation = team.organisation
    if request.method == "POST":
        services.delete_team(team=team, actor=request.user)
        messages.success(request, _("Team %(name)s deleted.") % {"name": team.name})
        return redirect("team_list", org=organisation.public_id)
    return render(
        request,
        "organisations/team_delete.html",
        {
            "organisation": organisation,
            "membership": membership,
            "team": team,
            "summary": selectors.team_delete_summary(team=team),
            "tab": "teams",
        },
    )


@organisation_page()
@require_GET
def role_list(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    roles = selectors.roles_in(organisation=organisation)
    return render(
        request,
        "organisations/role_list.html",
        {"organisation": organisation, "membership": membership, "roles": roles, "tab": "roles"},
    )


def _role_form_page(
    request: AuthenticatedRequest, *, organisation: Organisation, membership: Membership, role: Role | None = None
) -> HttpResponse:
    form = RoleForm(request.POST or None, instance=role)
    if request.method == "POST" and form.is_valid():
        try:
            if role is None:
                services.create_role(organisation=organisation, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Role added."))
            else:
                services.update_role(role=role, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Role saved."))
            return redirect("role_list", org=organisation.public_id)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "organisations/role_form.html",
        {"organisation": organisation, "membership": membership, "form": form, "role": role, "tab": "roles"},
    )


@organisation_page(manage=True)
def role_create(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    return _role_form_page(request, organisation=organisation, membership=membership)


@role_page(manage=True)
def role_edit(request: AuthenticatedRequest, role: Role, membership: Membership) -> HttpResponse:
    return _role_form_page(request, organisation=role.organisation, membership=membership, role=role)


@role_page(manage=True)
def role_delete(request: AuthenticatedRequest, role: Role, membership: Membership) -> HttpResponse:
    organisation = role.organisation
    if request.method == "POST":
        services.delete_role(role=role, actor=request.user)
        messages.success(request, _("Role %(name)s deleted.") % {"name": role})
        return redirect("role_list", org=organisation.public_id)
    return render(
        request,
        "organisations/role_delete.html",
        {
            "organisation": organisation,
            "membership": membership,
            "role": role,
            "summary": selectors.role_delete_summary(role=role),
            "tab": "roles",
        },
    )
