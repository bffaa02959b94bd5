"""Request and user types shared by every domain's views and services."""

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

# Whoever `request.user` is: a signed-in person or an anonymous visitor.
AnyUser = User | AnonymousUser


class AuthenticatedRequest(HttpRequest):
    """The request a view behind `login_required` (or a member-page decorator) receives: a signed-in user.

    Only a type: Django builds plain HttpRequests; annotating a view's request with this says the
    decorator has already turned anonymous visitors away.
    """

    user: User
