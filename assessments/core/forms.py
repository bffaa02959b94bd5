"""Form helpers shared by every domain's views."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.BaseForm, error: Exception) -> None:
    """Show a service's ValidationError on the form, per field where it names one."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
