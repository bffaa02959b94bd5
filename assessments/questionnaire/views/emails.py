"""The e-mails page: the invitation and reminder texts per language with a preview of exactly what goes out,
and sending invitations or reminders now or at a chosen moment after a confirm step."""

import uuid
from typing import NamedTuple
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from assessments.core.forms import add_service_errors
from assessments.core.http import AuthenticatedRequest
from assessments.core.languages import native_name
from assessments.organisations.models import Membership
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.emails import (
    Person,
    RenderedEmail,
    inline_preview,
    placeholder_help,
    render_email,
    texts_of,
)
from assessments.questionnaire.forms.emails import EmailTextForm, SendForm
from assessments.questionnaire.models import Assessment, EmailKind
from assessments.questionnaire.selectors import emails as selectors
from assessments.questionnaire.selectors.respondent import estimated_minutes_of
from assessments.questionnaire.services import invitations as invitation_services
from assessments.questionnaire.services.invitations import emails as services


class Preview(NamedTuple):
    email: RenderedEmail
    inline: SafeString

    @property
    def subject(self) -> str:
        return self.email.subject

    @property
    def text(self) -> str:
        return self.email.text

    @property
    def html(self) -> str:
        return self.email.html


EXAMPLE_TOKEN = "example-personal-link"  # noqa: S105 (the preview's stand-in, never a real token)
EXAMPLE_NAME = "Sam Jansen"  # a name that reads as a name in Dutch and in English


def _choice(request: AuthenticatedRequest, assessment: Assessment, kind: str, language: str) -> tuple[str, str]:
    languages = selectors.offered_languages(assessment=assessment)
    if kind not in EmailKind.values or language not in languages:
        raise Http404
    return kind, language


def _preview(
    assessment: Assessment, *, kind: str, language: str, subject: str, body: str, started: bool
) -> RenderedEmail:
    """The same rendering the sending service uses, for an example person."""
    url = None if started else invitation_services.invitation_url(EXAMPLE_TOKEN)
    return render_email(
        assessment=assessment,
        kind=kind,
        person=Person(language=language, url=url, name=EXAMPLE_NAME),
        subject=subject,
        body=body,
        minutes=estimated_minutes_of(assessment=assessment),
        model_name=assessment.model_version.t("name", language),
    )


def _page(
    request: AuthenticatedRequest,
    assessment: Assessment,
    membership: Membership,
    *,
    kind: str,
    language: str,
    form: EmailTextForm | None = None,
    status: int = 200,
) -> HttpResponse:
    saved = selectors.saved_texts(assessment=assessment)
    subject, body = texts_of(assessment=assessment, kind=kind, language=language, saved=saved)
    if form is None:
        form = EmailTextForm(initial={"subject": subject, "body": body})
    elif form.is_valid():
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
    previews = []
    if form.is_valid() or not form.is_bound:
        for started in (False, True) if kind == EmailKind.REMINDER else (False,):
            rendered = _preview(assessment, kind=kind, language=language, subject=subject, body=body, started=started)
            previews.append(Preview(rendered, inline_preview(rendered.html)))
    now = timezone.now()
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "emails",
        "kind": kind,
        "language": language,
        "choices": [
            (k, label, code, native_name(code), (k, code) in saved)
            for k, label in EmailKind.choices
            for code in selectors.offered_languages(assessment=assessment)
        ],
        "form": form,
        "own_text": (kind, language) in saved,
        "previews": previews,
        "placeholders": placeholder_help(),
        "unsent": sum(
            row.total for row in selectors.audience(assessment=assessment, kind=EmailKind.INVITATION, now=now)
        ),
        "remindable": sum(
            row.total for row in selectors.audience(assessment=assessment, kind=EmailKind.REMINDER, now=now)
        ),
        "planned": selectors.scheduled_emails(assessment=assessment),
    }
    return render(request, "manage/emails.html", context, status=status)


@assessment_page(manage=True)
@require_http_methods(["GET"])
def assessment_emails(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    languages = selectors.offered_languages(assessment=assessment)
    kind = request.GET.get("kind", EmailKind.INVITATION)
    language = request.GET.get("language", languages[0])
    kind, language = _choice(request, assessment, kind, language)
    return _page(request, assessment, membership, kind=kind, language=language)


@assessment_page(manage=True)
@require_POST
def email_text(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, kind: str, language: str
) -> HttpResponse:
    """Preview, save or restore the standard text of one e-mail in one language."""
    kind, language = _choice(request, assessment, kind, language)
    action = request.POST.get("action", "preview")
    target = (
        reverse("assessment_emails", kwargs={"assessment": assessment.public_id}) + f"?kind={kind}&language={language}"
    )
    if action == "standard":
        services.save_email_text(
            assessment=assessment, actor=request.user, kind=kind, language=language, subject="", body=""
        )
        messages.success(request, _("The standard text is back."))
        return redirect(target)
    form = EmailTextForm(request.POST)
    if not form.is_valid():
        return _page(request, assessment, membership, kind=kind, language=language, form=form, status=400)
    if action != "save":
        return _page(request, assessment, membership, kind=kind, language=language, form=form)
    try:
        services.save_email_text(
            assessment=assessment,
            actor=request.user,
            kind=kind,
            language=language,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _page(request, assessment, membership, kind=kind, language=language, form=form, status=400)
    messages.success(request, _("The text is saved. Every e-mail of this kind in this language uses it from now on."))
    return redirect(target)


def _confirm_page(
    request: AuthenticatedRequest,
    assessment: Assessment,
    membership: Membership,
    *,
    kind: str,
    form: SendForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = selectors.audience(assessment=assessment, kind=kind, now=timezone.now())
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "emails",
        "kind": kind,
        "rows": [(row, native_name(row.language)) for row in rows],
        "total": sum(row.total for row in rows),
        "new_links": sum(row.new_link for row in rows),
        "form": form or SendForm(initial={"key": uuid.uuid4(), "when": "now"}),
    }
    return render(request, "manage/emails_confirm.html", context, status=status)


@assessment_page(manage=True)
@require_http_methods(["GET", "POST"])
def emails_send(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, kind: str
) -> HttpResponse:
    """GET: who gets what (the confirm step); POST: send now or plan for the chosen moment."""
    if kind not in EmailKind.values:
        raise Http404
    if request.method == "GET":
        return _confirm_page(request, assessment, membership, kind=kind)
    form = SendForm(request.POST)
    if not form.is_valid():
        return _confirm_page(request, assessment, membership, kind=kind, form=form, status=400)
    try:
        row, new = services.plan_emails(
            assessment=assessment,
            actor=request.user,
            kind=kind,
            key=form.cleaned_data["key"],
            send_at=form.cleaned_data["send_at"],
        )
    except invitation_services.InvitationError as exc:
        form.add_error(None, str(exc))
        return _confirm_page(request, assessment, membership, kind=kind, form=form, status=409)
    if not new:
        messages.info(request, _("This was already done: nothing is sent twice."))
    elif row.done_at is None:
        moment = timezone.localtime(row.send_at)
        messages.success(
            request, _("Planned: the e-mails go out on %(moment)s.") % {"moment": moment.strftime("%d-%m-%Y %H:%M")}
        )
    elif row.sent:
        messages.success(
            request,
            ngettext("%(n)s e-mail is on its way.", "%(n)s e-mails are on their way.", row.sent) % {"n": row.sent},
        )
    else:
        messages.info(request, _("Nobody needed this e-mail right now, so none was sent."))
    return redirect("assessment_emails", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_POST
def planned_cancel(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, planned: UUID
) -> HttpResponse:
    found = selectors.scheduled_email(assessment=assessment, public_id=planned)
    if found is None:
        raise Http404
    if services.cancel_planned(scheduled=found, actor=request.user):
        messages.success(request, _("The planned e-mails are cancelled."))
    else:
        messages.info(request, _("These e-mails already went out or were cancelled before."))
    return redirect("assessment_emails", assessment=assessment.public_id)
