"""Small helpers shared by the manager views."""

from django.core.exceptions import ValidationError

from assessments.context_processors import CURRENT_ORG_SESSION_KEY


def remember_organisation(request, organisation):
    """Keep the navigation on the organisation this page belongs to."""
    key = str(organisation.public_id)
    if request.session.get(CURRENT_ORG_SESSION_KEY) != key:
        request.session[CURRENT_ORG_SESSION_KEY] = key


def add_service_errors(form, error):
    """Show a service's ValidationError on the form, per field where it names one."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
