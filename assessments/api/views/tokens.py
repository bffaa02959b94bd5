"""The member's settings page for personal API tokens: create (shown once), list with last use, revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments.api import selectors, services
from assessments.api.forms import TokenForm
from assessments.core.forms import add_service_errors


@login_required
@never_cache
def token_list(request):
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
def token_revoke(request, token):
    # Someone else's token is a 404, like any object the member cannot see.
    token = selectors.token_of(user=request.user, public_id=token)
    if token is None:
        raise Http404
    services.revoke_token(token=token, actor=request.user)
    messages.success(request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name})
    return redirect("api_tokens")
