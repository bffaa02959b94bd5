"""The internal respondent's two knowledge-gap questions, shown on the review page of the questionnaire
(registered in questionnaire/review_extras.py by apps.py) and saved here."""

from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments.outside_in import services
from assessments.outside_in.forms import EstimateForm
from assessments.outside_in.selectors import respondent_estimate
from assessments.questionnaire.views import respondent_session as support


def review_fragment(request, respondent) -> str:
    """The estimate form for the review page (registered as a review extra)."""
    estimate = respondent_estimate(response=respondent.response)
    initial = {"grade": estimate.grade, "share_nine_plus": estimate.share_nine_plus} if estimate else {}
    form = EstimateForm(initial=initial)
    return render_to_string(
        "outside_in/respond_estimate.html",
        {"form": form, "saved": estimate is not None, "action": reverse("respond_customer_estimate")},
        request=request,
    )


@require_POST
@never_cache
def save_estimate(request):
    respondent = support.current_respondent(request)
    if respondent is None or respondent.response is None:
        return redirect("respond_resume")
    support.activate_language(request, language=respondent.language)
    form = EstimateForm(request.POST)
    if not form.is_valid():
        context = support.page_context(
            respondent,
            title=_("Your estimate could not be saved"),
            message=_("Give a grade from 1 to 10 and a share from 0 to 100 %, or leave them empty."),
            icon="bi-exclamation-circle",
            action=(reverse("respond_review") + "#customer-estimate", _("Back to the survey")),
        )
        return render(request, "respond/message.html", context, status=400)
    try:
        services.save_estimate(
            response=respondent.response,
            grade=form.cleaned_data["grade"],
            share_nine_plus=form.cleaned_data["share_nine_plus"],
        )
    except services.AlreadySubmitted:
        return redirect("respond_resume")
    return redirect(reverse("respond_review") + "#customer-estimate")
