"""The internal respondent's two knowledge-gap questions, shown on the review page of the questionnaire
(registered in questionnaire/review_extras.py by apps.py) and saved here.

The fields sit inside the review page's send form, so they are stored three ways and none loses what was
typed: "Send my answers" carries them (`store_estimate_on_send`), "Save my estimate" posts them on their own
(`save_estimate`, the same form with another `formaction`), and static/js/respond.js saves them as they change.
"""

from django.http import JsonResponse
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

FIELDS = ("grade", "share_nine_plus")


def _bad_estimate_text() -> str:
    return _("Give a grade from 1 to 10 and a share from 0 to 100 %, or leave them empty.")


def _posted(request) -> bool:
    return request.method == "POST" and any(name in request.POST for name in FIELDS)


def review_fragment(request, respondent) -> str:
    """The estimate fields for the review page (registered as a review extra).

    After a refused send the fields show what the respondent typed (a bound form), never the stored values.
    """
    estimate = respondent_estimate(response=respondent.response)
    if _posted(request):
        form = EstimateForm(request.POST)
        form.is_valid()
    else:
        initial = {"grade": estimate.grade, "share_nine_plus": estimate.share_nine_plus} if estimate else {}
        form = EstimateForm(initial=initial)
    return render_to_string(
        "outside_in/respond_estimate.html",
        {
            "form": form,
            "saved": estimate is not None and not form.errors,
            "invalid": bool(form.errors),
            "invalid_text": _bad_estimate_text(),
            "action": reverse("respond_customer_estimate"),
        },
        request=request,
    )


def _store(response, form) -> None:
    grade, share = form.cleaned_data["grade"], form.cleaned_data["share_nine_plus"]
    if grade is None and share is None and respondent_estimate(response=response) is None:
        return  # nothing typed and nothing to clear: no empty row
    services.save_estimate(response=response, grade=grade, share_nine_plus=share)


def store_estimate_on_send(request, respondent) -> str:
    """Stores the estimate that came with "Send my answers"; the error text when it is no valid estimate."""
    if respondent.response is None or not _posted(request):
        return ""  # a send without the fields (an older page) keeps the stored estimate
    form = EstimateForm(request.POST)
    if not form.is_valid():
        return (
            _("Your answers have not been sent yet: the estimate about our customers is not valid.")
            + " "
            + (_bad_estimate_text())
        )
    try:
        _store(respondent.response, form)
    except services.AlreadySubmitted:
        return ""  # sent in another tab a moment ago: the send itself reports that
    return ""


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@never_cache
def save_estimate(request):
    respondent = support.current_respondent(request)
    json = _wants_json(request)
    if respondent is None or respondent.response is None:
        if json:
            return JsonResponse({"ok": False, "redirect": reverse("respond_resume")}, status=410)
        return redirect("respond_resume")
    support.activate_language(request, language=respondent.language)
    form = EstimateForm(request.POST)
    if not form.is_valid():
        if json:
            return JsonResponse({"ok": False, "message": _bad_estimate_text()}, status=400)
        context = support.page_context(
            respondent,
            title=_("Your estimate could not be saved"),
            message=_bad_estimate_text(),
            icon="bi-exclamation-circle",
            action=(reverse("respond_review") + "#customer-estimate", _("Back to the survey")),
        )
        return render(request, "respond/message.html", context, status=400)
    try:
        _store(respondent.response, form)
    except services.AlreadySubmitted:
        if json:
            return JsonResponse({"ok": False, "redirect": reverse("respond_resume")}, status=409)
        return redirect("respond_resume")
    if json:
        return JsonResponse({"ok": True})
    return redirect(reverse("respond_review") + "#customer-estimate")
