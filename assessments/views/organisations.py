"""Organisation pages (placeholder until the organisations issue fills them in)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from assessments.access import get_organisation_for, organisations_for
from assessments.context_processors import CURRENT_ORG_SESSION_KEY


@login_required
def organisation_list(request):
    return render(request, "core/home.html", {"organisations": organisations_for(user=request.user)})


@login_required
def organisation_detail(request, org):
    organisation, membership = get_organisation_for(user=request.user, public_id=org)
    request.session[CURRENT_ORG_SESSION_KEY] = str(organisation.public_id)
    return render(request, "core/home.html", {"organisations": [organisation]})
