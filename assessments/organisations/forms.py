"""Forms for organisations, teams, roles and people: validation only, no saving."""

from __future__ import annotations  # the file types below are generic only in the stubs

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from assessments.core.forms import model_choice_field
from assessments.organisations.models import Membership, Organisation, Role, Team

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 4000 * 4000
LOGO_FORMATS = {"PNG", "JPEG"}

# django-stubs makes ModelForm generic; at run time it cannot be subscripted.
if TYPE_CHECKING:
    _OrganisationModelForm = forms.ModelForm[Organisation]
    _RoleModelForm = forms.ModelForm[Role]
else:
    _OrganisationModelForm = _RoleModelForm = forms.ModelForm


class OrganisationForm(_OrganisationModelForm):
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 1 MB. Shown on reports."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "sector",
            "size_band",
            "accent_colour",
            "default_language",
            "anonymity_threshold",
            "require_mfa",
        ]
        widgets = {"accent_colour": forms.TextInput(attrs={"type": "color", "class": "form-control-color"})}
        help_texts = {
            "anonymity_threshold": _(
                "Groups with fewer respondents than this are never shown separately (at least 3)."
            ),
            "sector": _("For example healthcare, energy or retail."),
        }

    def __init__(self, *args: Any, actor_has_two_factor: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor_has_two_factor = actor_has_two_factor
        if not (self.instance.pk and self.instance.logo):
            del self.fields["remove_logo"]

    def clean_require_mfa(self) -> bool:
        required = bool(self.cleaned_data.get("require_mfa"))
        if required and not self.instance.require_mfa and not self.actor_has_two_factor:
            # Otherwise the manager who ticks the box is the first one shut out of the organisation.
            raise forms.ValidationError(
                _("Set up two-factor sign-in for your own account first (your account menu, “Two-factor sign-in”).")
            )
        return required

    def clean_logo(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("logo")
        if not upload:
            return None
        if (upload.size or 0) > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is larger than 1 MB."))
        try:
            upload.seek(0)
            with Image.open(upload) as image:
                if image.format not in LOGO_FORMATS:
                    raise forms.ValidationError(_("Upload a PNG or JPEG image."))
                width, height = image.size
                if width * height > LOGO_MAX_PIXELS:
                    raise forms.ValidationError(_("The logo has too many pixels; use at most 4000 × 4000."))
                image.verify()
        except forms.ValidationError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise forms.ValidationError(_("This file is not a valid PNG or JPEG image."))
        upload.seek(0)
        return upload


class NewOrganisationForm(_OrganisationModelForm):
    """A new organisation; `relationship` says whose it is, and so the creator's role in it."""

    OWN = "own"
    CLIENT = "client"
    relationship = forms.ChoiceField(
        label=_("Whose organisation is this?"),
        choices=[
            (OWN, _("My own organisation: I lead its customer experience work (you become its CX manager)")),
            (CLIENT, _("A client's organisation: I advise it as a consultant (you become its consultant)")),
        ],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Organisation
        fields = ["name", "sector", "size_band", "default_language"]
        help_texts = {"sector": _("For example healthcare, energy or retail.")}

    def __init__(self, *args: Any, consultant: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["relationship"].initial = self.CLIENT if consultant else self.OWN
        # Move the question to the top: it decides what the rest of the page means.
        self.order_fields(["relationship", "name", "sector", "size_band", "default_language"])

    def creator_role(self) -> str:
        own = self.cleaned_data["relationship"] == self.OWN
        return str(Membership.Role.MANAGER if own else Membership.Role.CONSULTANT)


class DeleteOrganisationForm(forms.Form):
    confirm_name = forms.CharField(label=_("Type the organisation's name to confirm"), max_length=200)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_confirm_name(self) -> str:
        value: str = self.cleaned_data["confirm_name"].strip()
        if value != self.organisation.name.strip():
            raise forms.ValidationError(_("The name does not match. Type it exactly as shown."))
        return value


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("(top level)"),
        help_text=_("Optional: the department this team belongs to."),
    )

    def __init__(self, *args: Any, parent_queryset: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)  # declared above; narrows the type for mypy
        parent.queryset = parent_queryset
        parent.to_field_name = "public_id"

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter a name."))
        return name


class RoleForm(_RoleModelForm):
    class Meta:
        model = Role
        fields = ["name_en", "name_nl", "is_management", "order"]
        labels = {"order": _("Order in lists")}


class _LeaderTeamsForm(forms.Form):
    """A role, and the teams a team leader leads (required for that role, dropped for every other)."""

    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.VIEWER,
        help_text=_(
            "Managers and consultants can change everything; viewers can only read results; a team leader sees "
            "the results of their own teams only and the actions they own."
        ),
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams this team leader leads"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for team leaders. Leading a team includes the teams within it."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = model_choice_field(self, "teams")
        teams.queryset = organisation.teams.order_by("name")
        teams.to_field_name = "public_id"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("role") != Membership.Role.TEAM_LEADER:
            data["teams"] = []
        elif not data.get("teams"):
            self.add_error("teams", _("Choose the team or teams this team leader leads."))
        return data


class InviteForm(_LeaderTeamsForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    field_order = ["email", "role", "teams"]


class MemberRoleForm(_LeaderTeamsForm):
    pass
