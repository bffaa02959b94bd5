"""Serving an organisation's uploaded logo safely (shared by members' and respondents' pages)."""

from django.http import FileResponse, Http404

from assessments.organisations.models import Organisation

# Uploads are re-saved as PNG or JPEG on upload; anything else is never served.
LOGO_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def logo_response(organisation: Organisation | None) -> FileResponse:
    """The logo with a fixed image type and nosniff, so a browser never treats it as HTML."""
    if organisation is None or not organisation.logo:
        raise Http404
    name = organisation.logo.name or ""  # never empty here: an empty FieldFile is falsy
    content_type = LOGO_TYPES.get(name.rsplit(".", 1)[-1].lower())
    if content_type is None:
        raise Http404
    try:
        handle = organisation.logo.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response
