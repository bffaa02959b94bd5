"""The form for a new personal API token (it only validates; the service creates)."""

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from assessments.api.models import DEFAULT_LIFETIME_DAYS, ApiToken
from assessments.core.forms import model_choice_field
from assessments.organisations.access import organisations_with_results_for
from assessments.organisations.models import Organisation


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, for example “Power BI report”.")
    )
    scope = forms.ChoiceField(label=_("Access"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
    days = forms.TypedChoiceField(
        label=_("Works for"),
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("365 days"))],
        coerce=int,
        initial=DEFAULT_LIFETIME_DAYS,
        required=False,
        # django-stubs type empty_value as a string; the coerced value of an empty choice is the default.
        empty_value=DEFAULT_LIFETIME_DAYS,  # type: ignore[arg-type]
        help_text=_("After that the token stops working; make a new one when you still need it."),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Organisation"),
        required=False,
        empty_label=_("All my organisations"),
        help_text=_("The token never sees more than you do in the browser."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "organisation").queryset = organisations_with_results_for(user=user)
