"""Forms for setting up an assessment and inviting people: validation only, the services save."""

from datetime import date
from typing import TYPE_CHECKING, Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.core.forms import DateInput, model_choice_field
from assessments.core.languages import language_codes, native_name
from assessments.organisations.models import MIN_ANONYMITY_THRESHOLD, Organisation, Role, Team
from assessments.questionnaire.forms.respond import RoleNameChoiceField
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.models.assessments import AmbitionHorizon
from assessments.questionnaire.selectors import assessments as selectors
from assessments.questionnaire.services.assessments import default_threshold
from models_9plus.models import ModelVersion

if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import StrOrPromise

LANGUAGE_CHOICES = [("nl", "Nederlands"), ("en", "English")]
MAX_THRESHOLD = 50


# Django's form fields are generic only in its type stubs: subscripted for the checker, plain at run time.
if TYPE_CHECKING:
    _VersionChoiceField = forms.ModelChoiceField[ModelVersion]
    _RoundChoiceField = forms.ModelChoiceField[Assessment]
    _RolesChoiceField = forms.ModelMultipleChoiceField[Role]
else:
    _VersionChoiceField = _RoundChoiceField = forms.ModelChoiceField
    _RolesChoiceField = forms.ModelMultipleChoiceField


class ModelVersionChoiceField(_VersionChoiceField):
    def label_from_instance(self, obj: ModelVersion) -> str:
        return f"{obj.t('name')} · v{obj.version_name}"


class PreviousRoundChoiceField(_RoundChoiceField):
    def label_from_instance(self, obj: Assessment) -> str:
        # The round's own date, not when it was typed in (a round can be entered late).
        return f"{obj.title} ({timezone.localtime(selectors.round_date(obj)):%d-%m-%Y})"


class RoleChoiceField(_RolesChoiceField):
    def label_from_instance(self, obj: Role) -> str:
        return obj.t("name")


def _threshold_field(label: "StrOrPromise") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=MIN_ANONYMITY_THRESHOLD,
        max_value=MAX_THRESHOLD,
        widget=forms.NumberInput(attrs={"min": MIN_ANONYMITY_THRESHOLD, "max": MAX_THRESHOLD}),
    )


class AssessmentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("Respondents see this, for example “CX scan spring 2026”.")
    )
    model_version = ModelVersionChoiceField(queryset=None, label=_("Maturity model"), empty_label=None)
    teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.none(), label=_("Teams included"), widget=forms.CheckboxSelectMultiple
    )
    roles = RoleChoiceField(
        queryset=None,
        label=_("Respondent roles asked"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Respondents choose one of these roles, so results can be compared per role."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages offered"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Respondents can switch between these languages. Emails use the organisation's language first."),
    )
    opens_on = forms.DateField(label=_("Opening date"), required=False, widget=DateInput())
    closes_on = forms.DateField(label=_("Closing date"), required=False, widget=DateInput())
    ask_ambition = forms.BooleanField(
        label=_("Also ask for the ambition"),
        required=False,
        help_text=_("Next to “where are we today?”, respondents answer where the organisation should be."),
    )
    ambition_horizon = forms.TypedChoiceField(
        label=_("Ambition horizon"),
        choices=AmbitionHorizon.choices,
        coerce=int,
        required=False,  # left out: twelve months (see clean_ambition_horizon)
        initial=AmbitionHorizon.TWELVE_MONTHS,
        help_text=_(
            "Respondents answer “where should we be in twelve months?” or “… in two years?”; the dashboard and "
            "the report use the same words."
        ),
    )
    threshold_scores = _threshold_field(_("Scores"))
    threshold_comments = _threshold_field(_("Comments"))
    threshold_spread = _threshold_field(_("Spread"))
    title_nl = forms.CharField(
        label=_("Title in Dutch"), required=False, max_length=200, help_text=_("Empty: respondents see the title.")
    )
    title_en = forms.CharField(
        label=_("Title in English"), required=False, max_length=200, help_text=_("Empty: respondents see the title.")
    )
    intro_nl = forms.CharField(
        label=_("Introduction in Dutch"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the start page: why you ask, and what happens with the results."),
    )
    intro_en = forms.CharField(
        label=_("Introduction in English"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Without it, respondents in this language read the other introduction, with a note saying so."),
    )
    previous = PreviousRoundChoiceField(
        queryset=None,
        label=_("Previous round"),
        required=False,
        empty_label=_("None"),
        help_text=_("An earlier assessment of this organisation with the same model, to compare results."),
    )

    def __init__(
        self, *args: Any, organisation: Organisation, assessment: Assessment | None = None, **kwargs: Any
    ) -> None:
        self.organisation = organisation
        self.assessment = assessment
        kwargs.setdefault("initial", self._initial())
        super().__init__(*args, **kwargs)
        model_choice_field(self, "model_version").queryset = selectors.model_versions()
        model_choice_field(self, "teams").queryset = Team.objects.filter(organisation=organisation).order_by("name")
        model_choice_field(self, "roles").queryset = Role.objects.filter(organisation=organisation)
        model_choice_field(self, "previous").queryset = selectors.previous_round_choices(
            organisation=organisation, exclude=assessment
        )
        if assessment is not None and assessment.status != Assessment.Status.DRAFT:
            for name in ("model_version", "ask_ambition", "ambition_horizon"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Locked: only a draft assessment can change its questions.")
        self.helper = self._helper()

    def _initial(self) -> dict[str, Any]:
        assessment = self.assessment
        if assessment is None:
            threshold = default_threshold(organisation=self.organisation)
            latest = selectors.latest_version()
            return {
                "model_version": latest.pk if latest else None,
                "teams": list(Team.objects.filter(organisation=self.organisation).values_list("pk", flat=True)),
                "languages": list(language_codes()),
                "ask_ambition": True,
                "ambition_horizon": AmbitionHorizon.TWELVE_MONTHS,
                "threshold_scores": threshold,
                "threshold_comments": threshold,
                "threshold_spread": threshold,
            }
        return {
            "title": assessment.title,
            "model_version": assessment.model_version_id,
            "teams": list(assessment.teams.values_list("pk", flat=True)),
            "roles": list(assessment.roles.values_list("pk", flat=True)),
            "languages": list(assessment.languages),
            "opens_on": timezone.localtime(assessment.opens_at).date() if assessment.opens_at else None,
            "closes_on": timezone.localtime(assessment.closes_at).date() if assessment.closes_at else None,
            "ask_ambition": assessment.ask_ambition,
            "ambition_horizon": assessment.ambition_horizon,
            "threshold_scores": assessment.threshold_scores,
            "threshold_comments": assessment.threshold_comments,
            "threshold_spread": assessment.threshold_spread,
            "title_nl": assessment.title_nl,
            "title_en": assessment.title_en,
            "intro_nl": assessment.intro_nl,
            "intro_en": assessment.intro_en,
            "previous": assessment.previous_id,
        }

    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.layout = Layout(
            Fieldset(
                _("The basics"),
                "title",
                Row(Column("model_version", css_class="col-md-8"), Column("languages", css_class="col-md-4")),
                Row(
                    Column(Field("opens_on"), css_class="col-sm-6"),
                    Column(Field("closes_on"), css_class="col-sm-6"),
                ),
                Row(Column("ask_ambition", css_class="col-md-6"), Column("ambition_horizon", css_class="col-md-6")),
            ),
            Fieldset(
                _("Who is asked"),
                Row(
                    Column(Div("teams", css_class="choice-columns"), css_class="col-md-6"),
                    Column(Div("roles", css_class="choice-columns"), css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("Anonymity"),
                HTML(
                    '<p class="form-text mt-0">'
                    + str(
                        _(
                            "Groups with fewer respondents than these numbers are never shown separately. "
                            "The minimum is 3."
                        )
                    )
                    + "</p>"
                ),
                Row(
                    Column("threshold_scores", css_class="col-4"),
                    Column("threshold_comments", css_class="col-4"),
                    Column("threshold_spread", css_class="col-4"),
                ),
            ),
            Fieldset(
                _("For respondents"),
                Row(Column("title_nl", css_class="col-md-6"), Column("title_en", css_class="col-md-6")),
                Row(Column("intro_nl", css_class="col-md-6"), Column("intro_en", css_class="col-md-6")),
                "previous",
            ),
        )
        return helper

    def clean_ambition_horizon(self) -> int:
        # A post without it (an older form): twelve months, the horizon the model's own questions are written for.
        return self.cleaned_data.get("ambition_horizon") or AmbitionHorizon.TWELVE_MONTHS

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Enter a title."))
        return title

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on <= opens_on:
            self.add_error("closes_on", _("The closing date must be after the opening date."))
        if closes_on and closes_on < timezone.localdate() and self._dates_changed(closes_on):
            self.add_error("closes_on", _("The closing date lies in the past."))
        model_version, previous = cleaned.get("model_version"), cleaned.get("previous")
        if (
            previous is not None
            and model_version is not None
            and previous.model_version.model_id != (model_version.model_id)
        ):
            self.add_error("previous", _("The previous round must use the same maturity model."))
        return cleaned

    def _dates_changed(self, closes_on: date) -> bool:
        # An old assessment may keep its historical closing date when only other fields are edited.
        return self.assessment is None or self.initial.get("closes_on") != closes_on


def _add_language_field(form: forms.Form, assessment: Assessment) -> None:
    """The language of these people's e-mails, when the assessment offers more than one."""
    offered = list(assessment.languages or [assessment.organisation.default_language])
    if len(offered) < 2:
        return
    form.fields["language"] = forms.ChoiceField(
        label=_("Language of their e-mails"),
        choices=[(code, native_name(code)) for code in offered],
        initial=offered[0],
        required=False,
        help_text=_("Each person gets the invitation and reminders in this language."),
    )


class PasteInvitationsForm(forms.Form):
    addresses = forms.CharField(
        label=_("Email addresses"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "anna@example.org\nbram@example.org"}),
        help_text=_(
            "One address per line; commas, semicolons and names with addresses copied from Outlook work too. For "
            "several teams at once, put the team after each address (“anna@example.org;Sales”) or paste two "
            "columns from Excel."
        ),
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label=_("Team"),
        to_field_name="public_id",
        required=False,
        empty_label=_("Team named on each line"),
        help_text=_("For lines that do not name a team."),
    )
    role = RoleNameChoiceField(
        queryset=Role.objects.none(),
        label=_("Role"),
        required=False,
        to_field_name="public_id",
        empty_label=_("Respondents choose their role"),
    )

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "team").queryset = assessment.teams.order_by("name")
        roles = assessment.roles.all()
        model_choice_field(self, "role").queryset = roles
        if not roles:
            del self.fields["role"]
        _add_language_field(self, assessment)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CsvInvitationsForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "A header row with the columns email, team and optionally role and name; UTF-8; up to 100,000 rows "
            "(16 MB). A large file is imported in the background, with its progress shown."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_language_field(self, assessment)
        self.helper = FormHelper()
        self.helper.form_tag = False


class TeamChoiceForm(forms.Form):
    team = forms.ModelChoiceField(queryset=Team.objects.none(), to_field_name="public_id")
    action = forms.ChoiceField(choices=[("create", "create"), ("deactivate", "deactivate")])

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "team").queryset = assessment.teams.all()


class LinkCapForm(forms.Form):
    team = forms.ModelChoiceField(queryset=Team.objects.none(), to_field_name="public_id")
    response_cap = forms.IntegerField(
        min_value=1,
        max_value=100_000,
        error_messages={"min_value": _("A link needs room for at least one response.")},
    )

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "team").queryset = assessment.teams.all()


class CorrectInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Correct address"), max_length=254)


class ReminderPlanForm(forms.Form):
    reminder_days = forms.CharField(
        label=_("Remind after (days after opening)"),
        required=False,
        max_length=100,
        help_text=_("Days after opening, separated by commas, for example “3, 7”. Leave empty for none."),
    )
    remind_before_close = forms.BooleanField(label=_("Also remind one day before the closing date"), required=False)

    def clean_reminder_days(self) -> list[int]:
        raw = self.cleaned_data["reminder_days"]
        days: set[int] = set()
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or not 1 <= int(part) <= 365:
                raise forms.ValidationError(_("Use whole numbers of days from 1 to 365, separated by commas."))
            days.add(int(part))
        if len(days) > 10:
            raise forms.ValidationError(_("Plan at most 10 reminders."))
        return sorted(days)
