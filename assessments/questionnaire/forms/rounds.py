"""Starting the next round: the title and whether the invitee list comes along."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NextRoundForm(forms.Form):
    title = forms.CharField(label=_("Title of the new round"), max_length=200)
    copy_invitees = forms.BooleanField(
        label=_("Invite the same people again"),
        required=False,
        help_text=_("Their new personal links go out when you open the new round; no one is emailed now."),
    )
