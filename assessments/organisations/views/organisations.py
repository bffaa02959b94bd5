"""Organisation pages: home, list, create, overview, settings, logo, delete and activity log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessments.core.forms import add_service_errors
from assessments.core.http import AuthenticatedRequest
from assessments.organisations import selectors
from assessments.organisations.access import (
    can_create_organisation,
    has_two_factor,
    is_consultant,
    organisations_for,
)
from assessments.organisations.context_processors import remember_organisation
from assessments.organisations.decorators import organisation_page
from assessments.organisations.forms import DeleteOrganisationForm, NewOrganisationForm, OrganisationForm
from assessments.organisations.home import home_sections
from assessments.organisations.logos import logo_response
from assessments.organisations.models import Membership, Organisation
from assessments.organisations.services import activity
from assessments.organisations.services import organisations as services


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(organisations_for(user=request.user)[:2])
    if len(organisations) == 1:
        return redirect("organisation_detail", org=organisations[0].public_id)
    return redirect("organisation_list")


@login_required
def organisation_list(request: AuthenticatedRequest) -> HttpResponse:
    organisations = selectors.with_my_roles(
        organisation_list=list(selectors.organisation_list_for(user=request.user)), user=request.user
    )
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "organisations": organisations,
            "can_create": can_create_organisation(user=request.user),
            "consultant": is_consultant(user=request.user),
        },
    )


@login_required
def organisation_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_create_organisation(user=request.user):
        raise PermissionDenied
    form = NewOrganisationForm(request.POST or None, consultant=is_consultant(user=request.user))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "relationship"}
        try:
            organisation = services.create_organisation(actor=request.user, role=form.creator_role(), **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            remember_organisation(request, organisation)
            messages.success(request, _("Organisation created. The guide below takes you to your first assessment."))
            return redirect("organisation_detail", org=organisation.public_id)
    return render(request, "organisations/organisation_create.html", {"form": form})


@organisation_page(leaders=True)
@require_GET
def organisation_detail(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership
) -> HttpResponse:
    if membership.is_team_leader:  # the overview counts the whole organisation: a team leader starts at their teams
        return redirect("team_pages", org=organisation.public_id)
    counts, assessments = selectors.organisation_overview(organisation=organisation)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "membership": membership,
            "counts": counts,
            "assessments": assessments,
            "tab": "overview",
            "sections": home_sections(organisation=organisation, membership=membership, language=get_language()),
        },
    )


@organisation_page(manage=True)
def organisation_settings(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership
) -> HttpResponse:
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        instance=organisation,
        actor_has_two_factor=has_two_factor(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        logo = data.pop("logo", None)
        remove_logo = data.pop("remove_logo", False)
        services.update_organisation(
            organisation=organisation, actor=request.user, logo=logo, remove_logo=remove_logo, **data
        )
        messages.success(request, _("Settings saved."))
        return redirect("organisation_settings", org=organisation.public_id)
    refused = request.method == "POST"
    if refused:
        organisation.refresh_from_db()  # the form wrote invalid values onto the instance
    return render(
        request,
        "organisations/organisation_settings.html",
        {"organisation": organisation, "membership": membership, "form": form, "tab": "settings"},
        # A refused form (a bad logo, a missing name) is a client error: 400 with the form's messages.
        status=400 if refused else 200,
    )


@organisation_page()
@require_GET
def organisation_logo(
    request: AuthenticatedRequest, organisation: Organisation, _membership: Membership
) -> FileResponse:
    """The logo, for members only, with a fixed image type so a browser never sniffs it as HTML."""
    return logo_response(organisation)


@organisation_page(manage=True)
def organisation_delete(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership
) -> HttpResponse:
    form = DeleteOrganisationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        name = organisation.name
        services.delete_organisation(organisation=organisation, actor=request.user)
        messages.success(request, _("%(name)s and everything in it has been deleted.") % {"name": name})
        return redirect("organisation_list")
    summary = selectors.organisation_delete_summary(organisation=organisation)
    return render(
        request,
        "organisations/organisation_delete.html",
        {"organisation": organisation, "membership": membership, "form": form, "summary": summary},
    )


@organisation_page(manage=True)
@require_GET
def activity_log(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    page = selectors.activity_page(organisation=organisation, page_number=request.GET.get("page"))
    entries = list(page.object_list)
    for entry in entries:
        entry.verb_label = activity.VERBS.get(entry.verb, entry.verb)
    return render(
        request,
        "organisations/activity_log.html",
        {
            "organisation": organisation,
            "membership": membership,
            "page": page,
            "entries": entries,
            "tab": "activity",
        },
    )
