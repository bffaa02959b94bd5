"""Forms of the action plan: they only validate; the services write."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.actions.models import BoardLink, PlanAction
from assessments.core.forms import DateInput
from assessments.organisations.models import Membership, Organisation
from models_9plus.models import Factor, ModelVersion, Statement

if TYPE_CHECKING:  # the field is generic only in the stubs
    _MembershipField = forms.ModelChoiceField[Membership]
else:
    _MembershipField = forms.ModelChoiceField


class _OwnerField(_MembershipField):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.get_full_name() or obj.user.email


class ActionForm(forms.Form):
    title = forms.CharField(label=_("What will be done"), max_length=200)
    factor_code = forms.ChoiceField(label=_("Factor"))
    statement_codes = forms.MultipleChoiceField(
        label=_("Statements it addresses (optional)"), required=False, widget=forms.CheckboxSelectMultiple
    )
    owner = _OwnerField(label=_("Owner"), queryset=Membership.objects.none(), required=False)
    owner_name = forms.CharField(label=_("…or an owner without an account"), max_length=200, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=PlanAction.Status.choices, initial=PlanAction.Status.PLANNED)
    success_measure = forms.CharField(
        label=_("Success measure"),
        max_length=300,
        required=False,
        help_text=_("For example: Emotional feedback ≥ 45 next round"),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(
        self, *args: Any, organisation: Organisation, model_version: ModelVersion, language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # The fields declared above; the asserts narrow their types for mypy.
        factor_code, statement_codes, owner = (
            self.fields["factor_code"],
            self.fields["statement_codes"],
            self.fields["owner"],
        )
        assert isinstance(factor_code, forms.ChoiceField)
        assert isinstance(statement_codes, forms.MultipleChoiceField)
        assert isinstance(owner, _OwnerField)
        factors = Factor.objects.filter(version=model_version).order_by("order")
        factor_code.choices = [(f.code, f.t("name", language)) for f in factors]
        statements = Statement.objects.filter(factor__version=model_version).select_related("factor")
        self._factor_of = {s.code: s.factor.code for s in statements}
        statement_codes.choices = [
            (s.code, f"{s.factor.t('name', language)} · {s.t('text', language)}") for s in statements
        ]
        owner.queryset = Membership.objects.filter(organisation=organisation).select_related("user")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("owner") and data.get("owner_name"):
            self.add_error("owner_name", _("Choose a member or type a name, not both."))
        factor = data.get("factor_code")
        if factor and any(self._factor_of.get(code) != factor for code in data.get("statement_codes") or []):
            self.add_error("statement_codes", _("Choose statements of the chosen factor."))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=PlanAction.Status.choices)


class SuggestionForm(forms.Form):
    """A priority's suggestion into the plan: who owns it and by when are asked, not left for later."""

    factor_code = forms.SlugField(max_length=50, widget=forms.HiddenInput)
    key = forms.CharField(max_length=60, widget=forms.HiddenInput)
    owner = _OwnerField(
        label=_("Owner"),
        queryset=Membership.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=_("Choose a member…"),
    )
    owner_name = forms.CharField(label=_("…or an owner without an account"), max_length=200, required=False)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, _OwnerField)  # declared above; narrows the type for mypy
        owner.queryset = Membership.objects.filter(organisation=organisation).select_related("user")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("owner") and data.get("owner_name"):
            self.add_error("owner_name", _("Choose a member or type a name, not both."))
        elif not data.get("owner") and not data.get("owner_name", "").strip():
            self.add_error("owner", _("Choose who owns this action, or type a name."))
        return data


class SharingNoteForm(forms.Form):
    results_sharing_note = forms.CharField(
        label=_("When and where will results be shared?"),
        max_length=300,
        required=False,
        help_text=_("Shown on the thank-you page, e.g. “In the team meeting of 12 June and on the intranet.”"),
    )


class BoardLinkForm(forms.Form):
    label = forms.CharField(
        label=_("For whom"),
        max_length=100,
        help_text=_("Only you and your colleagues see this, e.g. “Supervisory board, June meeting”."),
    )
    shows = forms.ChoiceField(label=_("The link shows"), choices=BoardLink.Shows.choices, initial=BoardLink.Shows.BOTH)
    days = forms.TypedChoiceField(label=_("Works for"), coerce=int, initial=30)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Worded per request, in the reader's language (a lazy string formatted at import would be English).
        days = self.fields["days"]
        assert isinstance(days, forms.TypedChoiceField)
        days.choices = [(n, gettext("%(days)s days") % {"days": n}) for n in BoardLink.EXPIRY_DAYS]


class GroupLinkForm(forms.Form):
    """A link to one team's or role's "top three for you" page; `groups` are the ones the anonymity rules show."""

    group = forms.ChoiceField(label=_("Team or role"))
    label = forms.CharField(
        label=_("For whom"),
        max_length=100,
        help_text=_("Only you and your colleagues see this, e.g. “Customer service team meeting”."),
    )
    days = forms.TypedChoiceField(label=_("Works for"), coerce=int, initial=30)

    def __init__(self, *args: Any, groups: list[tuple[str, str]], **kwargs: Any) -> None:
        # Its own element ids: the board link's form on the same page has fields of the same names.
        kwargs.setdefault("auto_id", "id_group_link_%s")
        super().__init__(*args, **kwargs)
        group = self.fields["group"]
        days = self.fields["days"]
        assert isinstance(group, forms.ChoiceField)
        assert isinstance(days, forms.TypedChoiceField)
        group.choices = groups
        days.choices = [(n, gettext("%(days)s days") % {"days": n}) for n in BoardLink.EXPIRY_DAYS]
