"""Personal API tokens: the member's own page (create, shown once; list with last use and expiry; revoke) and
the organisation manager's page (every token that reaches the organisation, with revoke)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from assessments.api import selectors, services
from assessments.api.forms import TokenForm
from assessments.core.forms import add_service_errors
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.decorators import organisation_page
from assessments.organisations.models import Membership, Organisation


@login_required
@never_cache
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, new_secret = services.create_token(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Token “%(name)s” created. Copy it now: it is shown only once.") % {"name": token.name}
            )
            form = TokenForm(user=request.user)
    tokens = selectors.tokens_of(user=request.user)
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "new_secret": new_secret})


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, token: UUID) -> HttpResponse:
    # Someone else's token is a 404, like any object the member cannot see.
    found = selectors.token_of(user=request.user, public_id=token)
    if found is None:
        raise Http404
    services.revoke_token(token=found, actor=request.user)
    messages.success(request, _("Token “%(name)s” revoked: it no longer works.") % {"name": found.name})
    return redirect("api_tokens")


@organisation_page(manage=True)
@never_cache
@require_GET
def organisation_tokens(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership
) -> HttpResponse:
    """For the organisation's managers: every token that can reach its data, whoever owns it, with revoke."""
    return render(
        request,
        "api/organisation_tokens.html",
        {
            "organisation": organisation,
            "membership": membership,
            "tab": "settings",
            "tokens": selectors.tokens_reaching(organisation=organisation),
        },
    )


@organisation_page(manage=True)
@require_POST
def organisation_token_revoke(
    request: AuthenticatedRequest, organisation: Organisation, membership: Membership, token: UUID
) -> HttpResponse:
    found = selectors.token_reaching(organisation=organisation, public_id=token)
    if found is None:
        raise Http404
    services.revoke_token(token=found, actor=request.user, organisation=organisation)
    messages.success(
        request,
        _("The token “%(name)s” of %(owner)s is revoked: it no longer works anywhere.")
        % {"name": found.name, "owner": found.user.email},
    )
    return redirect("organisation_api_tokens", org=organisation.public_id)
