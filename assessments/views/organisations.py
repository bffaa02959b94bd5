"""Organisation pages: list, create, overview, settings, logo, delete and activity log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessments.access import can_create_organisation, get_organisation_for
from assessments.context_processors import remember_organisation
from assessments.forms.organisations import DeleteOrganisationForm, NewOrganisationForm, OrganisationForm
from assessments.selectors import organisations as selectors
from assessments.services import activity
from assessments.services import organisations as services
from assessments.views.logos import logo_response


@login_required
def organisation_list(request):
    organisations = selectors.role_in(
        organisation_list=list(selectors.organisation_list_for(user=request.user)), user=request.user
    )
    return render(
        request,
        "organisations/organisation_list.html",
        {"organisations": organisations, "can_create": can_create_organisation(user=request.user)},
    )


@login_required
def organisation_create(request):
    if not can_create_organisation(user=request.user):
        raise PermissionDenied
    form = NewOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            remember_organisation(request, organisation)
            messages.success(request, _("Organisation created. Add its teams next."))
            return redirect("organisation_detail", org=organisation.public_id)
    return render(request, "organisations/organisation_create.html", {"form": form})


@login_required
@require_GET
def organisation_detail(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org)
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
        },
    )


@login_required
def organisation_settings(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org, manage=True)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        logo = data.pop("logo", None)
        remove_logo = data.pop("remove_logo", False)
        services.update_organisation(
            organisation=organisation, actor=request.user, logo=logo, remove_logo=remove_logo, **data
        )
        messages.success(request, _("Settings saved."))
        return redirect("organisation_settings", org=organisation.public_id)
    if request.method == "POST":
        organisation.refresh_from_db()  # the form wrote invalid values onto the instance
    return render(
        request,
        "organisations/organisation_settings.html",
        {"organisation": organisation, "membership": membership, "form": form, "tab": "settings"},
    )


@login_required
@require_GET
def organisation_logo(request, org):
    """The logo, for members only, with a fixed image type so a browser never sniffs it as HTML."""
    organisation, _membership = get_organisation_for(user=request.user, public_id=org)
    return logo_response(organisation)


@login_required
def organisation_delete(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org, manage=True)
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


@login_required
@require_GET
def activity_log(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org, manage=True)
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


def add_service_errors(form, error: ValidationError):
    """Show a service's ValidationError on the form (field errors where the field exists)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
