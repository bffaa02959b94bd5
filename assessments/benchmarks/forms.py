"""Forms of the benchmark and portfolio pages (they only validate)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.benchmarks.selectors import GROUPS


class OptInForm(forms.Form):
    opt_in = forms.BooleanField(label=_("Take part in anonymous benchmarking"), required=False)


class GroupForm(forms.Form):
    group = forms.ChoiceField(choices=[(g, g) for g in GROUPS], required=False)
