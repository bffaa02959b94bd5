"""Sign-in and password reset: Django's views behind rate limits (axes adds the per-account lockout)."""

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from assessments.core.ratelimits import password_reset_limit, sign_in_limit
from assessments.organisations.auth_forms import EmailAuthenticationForm

_login_view = auth_views.LoginView.as_view(
    redirect_authenticated_user=True, authentication_form=EmailAuthenticationForm
)


@sign_in_limit
def login(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
    return _login_view(request, *args, **kwargs)


_password_reset_view = auth_views.PasswordResetView.as_view()


@password_reset_limit
def password_reset(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
    return _password_reset_view(request, *args, **kwargs)
