"""Sign-in: Django's LoginView behind a per-IP rate limit (axes adds the per-account lockout)."""

from django.contrib.auth import views as auth_views

from assessments.core.ratelimits import sign_in_limit
from assessments.organisations.auth_forms import EmailAuthenticationForm

_login_view = auth_views.LoginView.as_view(
    redirect_authenticated_user=True, authentication_form=EmailAuthenticationForm
)


@sign_in_limit
def login(request, *args, **kwargs):
    return _login_view(request, *args, **kwargs)
