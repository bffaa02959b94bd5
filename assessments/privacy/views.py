"""Personal data (GDPR) for managers and consultants: export or erase what is stored about a person."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments.core.http import AuthenticatedRequest
from assessments.organisations.decorators import organisation_page
from assessments.organisations.models import Membership, Organisation
from assessments.privacy import services as privacy
from assessments.privacy.forms import ErasureForm, PersonLookupForm


@organisation_page(manage=True)
@require_http_methods(["GET"])
def person_data(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    return _page(request, organisation, membership, PersonLookupForm(), ErasureForm())


def _page(
    request: AuthenticatedRequest,
    organisation: Organisation,
    membership: Membership,
    lookup_form: PersonLookupForm,
    erase_form: ErasureForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "organisation": organisation,
        "membership": membership,
        "tab": "privacy",
        "lookup_form": lookup_form,
        "erase_form": erase_form,
    }
    return render(request, "privacy/person_data.html", context, status=status)


@organisation_page(manage=True)
@require_POST
def export_person(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    form = PersonLookupForm(request.POST)
    if not form.is_valid():
        return _page(request, organisation, membership, form, ErasureForm(), status=400)
    data = privacy.export_person(organisation=organisation, email=form.cleaned_data["email"])
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    # POST + attachment: the address never ends up in a URL, a log line or the browser history.
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@organisation_page(manage=True)
@require_POST
def erase_person(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    form = ErasureForm(request.POST)
    if not form.is_valid():
        return _page(request, organisation, membership, PersonLookupForm(), form, status=400)
    try:
        counts = privacy.erase_person(organisation=organisation, email=form.cleaned_data["email"], actor=request.user)
    except privacy.ErasureRefused:
        form.add_error("email", _("You cannot erase your own data here. Ask another manager to do it."))
        return _page(request, organisation, membership, PersonLookupForm(), form, status=400)
    if any(counts[key] for key in ("invitations", "organisation_invitations", "membership", "account")):
        messages.success(request, _("The person's data was erased from this organisation."))
    else:
        messages.info(request, _("Nothing was stored about this email address in this organisation."))
    return redirect("person_data", org=organisation.public_id)
