"""Error views: a clear page and the right status, never a stack trace."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def ratelimited(request, exception=None):
    return render(
        request,
        "errors/error.html",
        {
            "title": _("Too many requests"),
            "message": _("You have made too many requests in a short time. Please wait a minute and try again."),
        },
        status=429,
    )
