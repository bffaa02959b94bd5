"""Form helpers shared by every domain's views."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

Saved = TypeVar("Saved")


def add_service_errors(form: forms.BaseForm, error: Exception) -> None:
    """Show a service's ValidationError on the form, per field where it names one."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[dict[str, Any]], Saved],
    success: str,
    done: Callable[[Saved], HttpResponse],
    template: str,
    context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """A page with one form that a service saves: every create and edit page works this way.

    On a valid POST `save` (the service call) gets the cleaned data; the success message is shown and
    `done` answers (a redirect). Otherwise the page shows again with the form: 200 for a GET, 400 after a
    POST whose form or service refused the input (the service's ValidationError lands on the form).
    `context` is only built when the page is shown.
    """
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = save(form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, success)
                return done(saved)
        status = 400
    return render(request, template, {**context(), "form": form}, status=status)


def model_choice_field(form: forms.BaseForm, name: str) -> "forms.ModelChoiceField[Any]":
    """The form's (multiple) model choice field `name`, to set its queryset or labels at run time.

    Django's types give `form.fields[name]` as a plain Field; the field is declared as a model choice field."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO (yyyy-mm-dd) whatever the page's language: with the
    Dutch date format a saved date would show as an empty field, and the next save would clear it."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
