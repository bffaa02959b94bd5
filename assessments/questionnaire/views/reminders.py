"""The reminder page: the plan, when the next reminder goes, and per person whether one is due or why not."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.forms.manage import ReminderPlanForm
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors import reminders as selectors
from assessments.questionnaire.services import invitations as services

PAGE_SIZE = 100


def _page(
    request: AuthenticatedRequest,
    assessment: Assessment,
    membership: Membership,
    *,
    form: ReminderPlanForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    page = Paginator(selectors.open_invitations(assessment=assessment), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(inv, selectors.reminder_state(invitation=inv, assessment=assessment, now=now)) for inv in page]
    moments = selectors.plan_moments(assessment=assessment)
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "invitations",
        "form": form
        or ReminderPlanForm(
            initial={
                "reminder_days": ", ".join(str(d) for d in assessment.reminder_days or []),
                "remind_before_close": assessment.remind_before_close,
            }
        ),
        "moments": [(m, m.at <= now) for m in moments],
        "next_moment": selectors.next_moment(assessment=assessment, now=now),
        "current_moment": selectors.current_moment(assessment=assessment, now=now),
        "page": page,
        "rows": rows,
        "due_count": sum(1 for _inv, state in rows if state.code == "due"),
        "now": now,
        "min_gap_hours": int(selectors.MIN_GAP.total_seconds() // 3600),
    }
    return render(request, "manage/reminders.html", context, status=status)


@assessment_page(manage=True)
@require_http_methods(["GET"])
def assessment_reminders(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    return _page(request, assessment, membership)


@assessment_page(manage=True)
@require_POST
def reminder_plan(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    form = ReminderPlanForm(request.POST)
    if not form.is_valid():
        return _page(request, assessment, membership, form=form, status=400)
    services.update_reminder_plan(
        assessment=assessment,
        actor=request.user,
        days=form.cleaned_data["reminder_days"],
        before_close=form.cleaned_data["remind_before_close"],
    )
    messages.success(request, _("The reminder plan is saved."))
    return redirect("assessment_reminders", assessment=assessment.public_id)
