"""Sign in with an email address (case-insensitive) and password."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest


class EmailBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not username or password is None:
            return None
        User = get_user_model()
        user = User.objects.filter(email__iexact=username.strip()).order_by("id").first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def attempted_email(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account a sign-in attempt is for, as django-axes counts it: allauth's form passes "email",
    the admin's form "username"; the address is compared case-insensitively."""
    data = credentials or {}
    value = data.get("email") or data.get("username") or data.get("login")
    if not value:
        value = request.POST.get("login") or request.POST.get("username") if request is not None else None
    return str(value).strip().casefold() if value else None
