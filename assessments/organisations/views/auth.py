"""Sign-in and password reset: allauth's views behind our rate limits (axes adds the per-account lockout)."""

from typing import Any

from allauth.account import views as account_views
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from assessments.core.ratelimits import password_reset_limit, sign_in_limit


@sign_in_limit
def login(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
    response: HttpResponseBase = account_views.login(request, *args, **kwargs)
    return response


@password_reset_limit
def password_reset(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
    response: HttpResponseBase = account_views.password_reset(request, *args, **kwargs)
    return response
