"""The invitations page: paste or upload addresses, send reminders, manage the open team links."""

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.forms.manage import (
    CorrectInvitationForm,
    CsvInvitationsForm,
    PasteInvitationsForm,
    TeamChoiceForm,
)
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors import assessments as selectors
from assessments.questionnaire.selectors.respondent import estimated_minutes_of
from assessments.questionnaire.services import invitations as services
from assessments.questionnaire.services.invitations.common import InviteRow

PAGE_SIZE = 100


def _page(
    request: AuthenticatedRequest,
    assessment: Assessment,
    membership: Membership,
    *,
    paste_form: PasteInvitationsForm | None = None,
    csv_form: CsvInvitationsForm | None = None,
    result: services.ImportResult | None = None,
    status: int = 200,
) -> HttpResponse:
    page = Paginator(selectors.invitations_for(assessment=assessment), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "invitations",
        "paste_form": paste_form or PasteInvitationsForm(assessment=assessment),
        "csv_form": csv_form or CsvInvitationsForm(assessment=assessment),
        "result": result,
        "page": page,
        "rows": [(invitation, None) for invitation in page],  # the table shared with the reminders page
        "summary": selectors.invitation_summary(assessment=assessment),
        "team_links": [
            (team, link, services.team_link_url(link.token) if link else None)
            for team, link in selectors.team_links_for(assessment=assessment)
        ],
        "can_invite": assessment.status in services.SENDABLE,
        "minutes": estimated_minutes_of(assessment=assessment),
    }
    return render(request, "manage/invitations.html", context, status=status)


def _skipped_notice(request: AuthenticatedRequest, result: services.ImportResult) -> None:
    if not result.skipped:
        return
    shown = ", ".join(e.value for e in result.skipped[:10]) + (" …" if len(result.skipped) > 10 else "")
    text = ngettext(
        "%(n)s address was skipped because it was pasted twice or is already invited: %(list)s.",
        "%(n)s addresses were skipped because they were pasted twice or are already invited: %(list)s.",
        len(result.skipped),
    )
    messages.info(request, text % {"n": len(result.skipped), "list": shown})


def _imported(request: AuthenticatedRequest, assessment: Assessment, result: services.ImportResult) -> HttpResponse:
    _skipped_notice(request, result)
    if not result.created:
        return redirect("assessment_invitations", assessment=assessment.public_id)
    if assessment.status == assessment.Status.OPEN:
        text = ngettext(
            "%(n)s person was invited; the email is on its way.",
            "%(n)s people were invited; the emails are on their way.",
            result.created,
        )
    else:
        text = ngettext(
            "%(n)s person was added. The email goes out when you open the assessment.",
            "%(n)s people were added. The emails go out when you open the assessment.",
            result.created,
        )
    messages.success(request, text % {"n": result.created})
    return redirect("assessment_invitations", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_http_methods(["GET"])
def assessment_invitations(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership
) -> HttpResponse:
    return _page(request, assessment, membership)


def _import(
    request: AuthenticatedRequest,
    assessment: Assessment,
    membership: Membership,
    *,
    rows: list[InviteRow],
    errors: list[services.RowError],
    partial: bool = False,
    language: str = "",
    **forms: Any,
) -> HttpResponse:
    try:
        result = services.import_invitations(
            assessment=assessment, actor=request.user, rows=rows, errors=errors, partial=partial, language=language
        )
    except services.InvitationError as exc:
        messages.error(request, str(exc))
        return _page(request, assessment, membership, status=409, **forms)
    if not result.ok and result.created:
        # Partly done: the good addresses are invited; only the lines that need fixing go back in the box.
        _imported(request, assessment, result)
        return _page(request, assessment, membership, result=result, **forms)
    if not result.ok:
        _skipped_notice(request, result)
        return _page(request, assessment, membership, result=result, status=400, **forms)
    return _imported(request, assessment, result)


def _unfixed_lines(text: str, errors: Sequence[services.RowError]) -> str:
    lines = text.splitlines()
    numbers = sorted({e.line for e in errors if 0 < e.line <= len(lines)})
    return "\n".join(lines[n - 1].strip() for n in numbers)


@assessment_page(manage=True)
@require_POST
def invitations_paste(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    form = PasteInvitationsForm(request.POST, assessment=assessment)
    if not form.is_valid():
        return _page(request, assessment, membership, paste_form=form, status=400)
    text = form.cleaned_data["addresses"]
    language = form.cleaned_data.get("language") or ""
    rows, errors = services.parse_pasted(
        assessment=assessment, text=text, team=form.cleaned_data["team"], role=form.cleaned_data.get("role")
    )
    invalid = [e for e in errors if not e.skipped]
    if invalid and rows:
        data = request.POST.copy()
        data["addresses"] = _unfixed_lines(text, invalid)
        form = PasteInvitationsForm(data, assessment=assessment)
    return _import(
        request, assessment, membership, rows=rows, errors=errors, partial=True, language=language, paste_form=form
    )


@assessment_page(manage=True)
@require_POST
def invitations_upload(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    form = CsvInvitationsForm(request.POST, request.FILES, assessment=assessment)
    if not form.is_valid():
        return _page(request, assessment, membership, csv_form=form, status=400)
    upload = form.cleaned_data["file"]
    language = form.cleaned_data.get("language") or ""
    if services.is_large(upload):
        if assessment.status not in services.SENDABLE:
            messages.error(request, _("Invitations can only be sent while the assessment is a draft or open."))
            return _page(request, assessment, membership, status=409)
        job = services.queue_import(assessment=assessment, actor=request.user, upload=upload, language=language)
        if isinstance(job, services.RowError):
            return _page(request, assessment, membership, result=services.ImportResult(errors=[job]), status=400)
        return redirect("invitation_import", assessment=assessment.public_id, job=job.public_id)
    rows, errors = services.parse_csv(assessment=assessment, upload=upload)
    return _import(request, assessment, membership, rows=rows, errors=errors, language=language)


@assessment_page(manage=True)
@require_http_methods(["GET"])
def invitation_import(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, job: UUID
) -> HttpResponse:
    """A large file's import: its progress while it runs (the page reloads itself), then what came of it."""
    found = selectors.invitation_import_for(assessment=assessment, public_id=job)
    if found is None:
        raise Http404
    progress = services.progress_of(found)
    total = progress.get("total") or 0
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "invitations",
        "job": found,
        "progress": progress,
        "percent": min(100, round(100 * progress.get("done", 0) / total)) if total else 0,
        "more_errors": max(0, found.error_count - len(found.errors)),
    }
    return render(request, "manage/invitation_import.html", context)


def _emailing(
    request: AuthenticatedRequest,
    assessment: Assessment,
    membership: Membership,
    *,
    run: Callable[[], int],
    sent: Callable[[int], str],
    none: str,
) -> HttpResponse:
    """An emailing service run from the invitations page: how many emails go, or why none; 409 when it may not run."""
    try:
        count = run()
    except services.InvitationError as exc:
        messages.error(request, str(exc))
        return _page(request, assessment, membership, status=409)
    if count:
        messages.success(request, sent(count) % {"n": count})
    else:
        messages.info(request, none)
    return redirect("assessment_invitations", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_POST
def invitations_remind(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    """Reminders go out only after the confirm step (who gets what, and whose old link stops working)."""
    return redirect("emails_send", assessment=assessment.public_id, kind="reminder")


@assessment_page(manage=True)
@require_POST
def invitations_send(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    return _emailing(
        request,
        assessment,
        membership,
        run=lambda: services.send_unsent(assessment=assessment),
        sent=lambda count: ngettext("%(n)s invitation is on its way.", "%(n)s invitations are on their way.", count),
        none=_("Every invitation has been sent already."),
    )


@assessment_page(manage=True)
@require_POST
def team_link(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    form = TeamChoiceForm(request.POST, assessment=assessment)
    if not form.is_valid():
        messages.error(request, _("Choose a team of this assessment."))
        return _page(request, assessment, membership, status=400)
    team = form.cleaned_data["team"]
    if form.cleaned_data["action"] == "create":
        try:
            services.create_team_link(assessment=assessment, team=team, actor=request.user)
        except services.InvitationError as exc:
            messages.error(request, str(exc))
            return _page(request, assessment, membership, status=409)
        messages.success(request, _("The open link for %(team)s is active.") % {"team": team.name})
    else:
        services.deactivate_team_link(assessment=assessment, team=team, actor=request.user)
        messages.success(request, _("The open link for %(team)s no longer works.") % {"team": team.name})
    return redirect("assessment_invitations", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_POST
def invitation_withdraw(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, invitation: UUID
) -> HttpResponse:
    try:
        email = services.withdraw_invitation(assessment=assessment, actor=request.user, public_id=invitation)
    except services.InvitationError as exc:
        messages.error(request, str(exc))
        return _page(request, assessment, membership, status=409)
    messages.success(
        request, _("The invitation of %(email)s is withdrawn; its link no longer works.") % {"email": email}
    )
    return redirect("assessment_invitations", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_POST
def invitation_correct(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, invitation: UUID
) -> HttpResponse:
    form = CorrectInvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid email address."))
        return _page(request, assessment, membership, status=400)
    try:
        corrected = services.correct_invitation(
            assessment=assessment, actor=request.user, public_id=invitation, email=form.cleaned_data["email"]
        )
    except services.InvitationError as exc:
        messages.error(request, str(exc))
        return _page(request, assessment, membership, status=409)
    if assessment.status == assessment.Status.OPEN:
        text = _("The address is now %(email)s; the old link no longer works and a new one is on its way.")
    else:
        text = _("The address is now %(email)s; the invitation goes out when you open the assessment.")
    messages.success(request, text % {"email": corrected.email})
    return redirect("assessment_invitations", assessment=assessment.public_id)
