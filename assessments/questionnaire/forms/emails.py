"""Forms of the e-mails page (they only validate; the services write)."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.questionnaire.emails import placeholder_problems


def _refuse_unknown_placeholders(text: str) -> str:
    unknown = placeholder_problems(text)
    if unknown:
        raise forms.ValidationError(
            _("Unknown placeholder %(list)s. Use one of the placeholders listed beside the form."),
            params={"list": ", ".join(unknown)},
        )
    return text


class EmailTextForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 9}),
        strip=True,
        help_text=_(
            "Plain text: an empty line starts a new paragraph. The personal link, the closing date and the "
            "note on anonymity are added below your message."
        ),
    )

    def clean_subject(self) -> str:
        return _refuse_unknown_placeholders(self.cleaned_data["subject"])

    def clean_body(self) -> str:
        return _refuse_unknown_placeholders(self.cleaned_data["body"])


class SendForm(forms.Form):
    WHEN = [("now", _("Now")), ("later", _("At a chosen moment"))]

    key = forms.UUIDField(widget=forms.HiddenInput)
    when = forms.ChoiceField(label=_("When"), choices=WHEN, initial="now", widget=forms.RadioSelect)
    send_at = forms.DateTimeField(
        label=_("Date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("when") == "later":
            moment: datetime.datetime | None = data.get("send_at")
            if moment is None:
                self.add_error("send_at", _("Choose the date and time the e-mails should go."))
            elif moment <= timezone.now():
                self.add_error("send_at", _("Choose a moment in the future, or send now."))
        else:
            data["send_at"] = None
        return data
