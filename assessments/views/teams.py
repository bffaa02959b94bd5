"""Teams and respondent roles of an organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessments.access import get_organisation_for, get_role_in, get_team_in
from assessments.forms.organisations import RoleForm, TeamForm
from assessments.selectors import organisations as selectors
from assessments.services import organisations as services
from assessments.views.organisations import add_service_errors


@login_required
@require_GET
def team_list(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org)
    teams = selectors.team_tree(organisation=organisation)
    return render(
        request,
        "organisations/team_list.html",
        {"organisation": organisation, "membership": membership, "teams": teams, "tab": "teams"},
    )


def _team_form_page(request, *, organisation, membership, team=None):
    parents = selectors.parent_choices(organisation=organisation, team=team)
    initial = {"name": team.name, "parent": team.parent} if team else {}
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


@login_required
def team_create(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org, manage=True)
    return _team_form_page(request, organisation=organisation, membership=membership)


@login_required
def team_edit(request, org, team):
    team, membership = get_team_in(user=request.user, org=org, public_id=team, manage=True)
    return _team_form_page(request, organisation=team.organisation, membership=membership, team=team)


@login_required
def team_delete(request, org, team):
    team, membership = get_team_in(user=request.user, org=org, public_id=team, manage=True)
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


@login_required
@require_GET
def role_list(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org)
    return render(
        request,
        "organisations/role_list.html",
        {"organisation": organisation, "membership": membership, "roles": organisation.roles.all(), "tab": "roles"},
    )


def _role_form_page(request, *, organisation, membership, role=None):
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


@login_required
def role_create(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org, manage=True)
    return _role_form_page(request, organisation=organisation, membership=membership)


@login_required
def role_edit(request, org, role):
    role, membership = get_role_in(user=request.user, org=org, public_id=role, manage=True)
    return _role_form_page(request, organisation=role.organisation, membership=membership, role=role)


@login_required
def role_delete(request, org, role):
    role, membership = get_role_in(user=request.user, org=org, public_id=role, manage=True)
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
