"""Teams and respondent roles of an organisation.

Both are kept the same way (a list, a form to add or change one, a page to delete one), so one set of
page functions serves both; a `_Kind` holds what differs: the form, the services, the words.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from assessments.core.forms import form_page
from assessments.core.http import AuthenticatedRequest
from assessments.organisations import selectors
from assessments.organisations.decorators import organisation_page, role_page, team_page
from assessments.organisations.forms import RoleForm, TeamForm
from assessments.organisations.models import Membership, Organisation, Role, Team
from assessments.organisations.services import organisations as services

Item = Team | Role
PageView = Callable[..., HttpResponse]


@dataclass(frozen=True)
class _Kind:
    name: str  # "team" or "role": the URL names, templates and context key (team_list, organisations/team_form.html)
    form: Callable[[AuthenticatedRequest, Organisation, Any], forms.BaseForm]
    create: Callable[..., Item]
    update: Callable[..., Item]
    delete: Callable[..., None]
    delete_summary: Callable[..., object]
    added: Promise
    saved: Promise
    deleted: Promise


def _team_form(request: AuthenticatedRequest, organisation: Organisation, team: Team | None) -> TeamForm:
    parents = selectors.parent_choices(organisation=organisation, team=team)
    initial: dict[str, object] = {"name": team.name, "parent": team.parent} if team else {}
    return TeamForm(request.POST or None, initial=initial, parent_queryset=parents)


TEAM = _Kind(
    name="team",
    form=_team_form,
    create=services.create_team,
    update=services.update_team,
    delete=services.delete_team,
    delete_summary=selectors.team_delete_summary,
    added=_("Team added."),
    saved=_("Team saved."),
    deleted=_("Team %(name)s deleted."),
)
ROLE = _Kind(
    name="role",
    form=lambda request, organisation, role: RoleForm(request.POST or None, instance=role),
    create=services.create_role,
    update=services.update_role,
    delete=services.delete_role,
    delete_summary=selectors.role_delete_summary,
    added=_("Role added."),
    saved=_("Role saved."),
    deleted=_("Role %(name)s deleted."),
)


def _context(kind: _Kind, organisation: Organisation, membership: Membership, item: Any) -> dict[str, Any]:
    return {"organisation": organisation, "membership": membership, kind.name: item, "tab": f"{kind.name}s"}


def _form_page(
    request: AuthenticatedRequest, kind: _Kind, organisation: Organisation, membership: Membership, item: Any
) -> HttpResponse:
    def save(data: dict[str, Any]) -> Item:
        if item is None:
            return kind.create(organisation=organisation, actor=request.user, **data)
        return kind.update(**{kind.name: item}, actor=request.user, **data)

    return form_page(
        request,
        kind.form(request, organisation, item),
        save=save,
        success=str(kind.added if item is None else kind.saved),
        done=lambda _saved: redirect(f"{kind.name}_list", org=organisation.public_id),
        template=f"organisations/{kind.name}_form.html",
        context=lambda: _context(kind, organisation, membership, item),
    )


def _creator(kind: _Kind) -> PageView:
    def create(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
        return _form_page(request, kind, organisation, membership, None)

    return create


def _editor(kind: _Kind) -> PageView:
    def edit(request: AuthenticatedRequest, item: Item, membership: Membership) -> HttpResponse:
        return _form_page(request, kind, item.organisation, membership, item)

    return edit


def _deleter(kind: _Kind) -> PageView:
    def delete(request: AuthenticatedRequest, item: Item, membership: Membership) -> HttpResponse:
        organisation = item.organisation
        if request.method == "POST":
            kind.delete(**{kind.name: item}, actor=request.user)
            messages.success(request, str(kind.deleted) % {"name": item})
            return redirect(f"{kind.name}_list", org=organisation.public_id)
        context = _context(kind, organisation, membership, item)
        context["summary"] = kind.delete_summary(**{kind.name: item})
        return render(request, f"organisations/{kind.name}_delete.html", context)

    return delete


@organisation_page()
@require_GET
def team_list(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    teams = selectors.team_tree(organisation=organisation)
    context = {"organisation": organisation, "membership": membership, "teams": teams, "tab": "teams"}
    return render(request, "organisations/team_list.html", context)


@organisation_page()
@require_GET
def role_list(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    roles = selectors.roles_in(organisation=organisation)
    context = {"organisation": organisation, "membership": membership, "roles": roles, "tab": "roles"}
    return render(request, "organisations/role_list.html", context)


team_create = organisation_page(manage=True)(_creator(TEAM))
team_edit = team_page(manage=True)(_editor(TEAM))
team_delete = team_page(manage=True)(_deleter(TEAM))
role_create = organisation_page(manage=True)(_creator(ROLE))
role_edit = role_page(manage=True)(_editor(ROLE))
role_delete = role_page(manage=True)(_deleter(ROLE))
