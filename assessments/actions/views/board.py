"""The read-only board link: b/<token>/. One assessment's results for someone without an account, or (a
link made for a team or role) that group's "top three for you" page.

The page shows the dashboard's figures (the same anonymity rules: results/selectors/dashboard_page.py) and/or
the PDF report, and nothing else: no navigation into the app, no drill-down, no exports, no session. An
unknown token answers 404 and counts towards the token-page rate limit; an expired or revoked one 410.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessments.actions.models import BoardLink
from assessments.actions.selectors.board_links import find_board_link
from assessments.actions.selectors.top_three import top_three
from assessments.actions.services.board_links import record_board_link_use
from assessments.core.colours import accent_colours
from assessments.core.ratelimits import token_page_limit
from assessments.results.models import Report
from assessments.results.selectors.dashboard_page import dashboard_page_context
from assessments.results.selectors.reports import current_report, downloadable_report
from assessments.results.services.reports import fail_lost_render, report_filename, report_languages, request_report
from assessments.scoring import score_assessment
from models_9plus.i18n import content_language

LANGUAGES = ("en", "nl")


def _private(response: HttpResponse) -> HttpResponse:
    # The token must not leave in a Referer, the page must not be indexed or framed elsewhere.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _refused(request: HttpRequest, *, state: str) -> HttpResponse:
    """The same clear page in both languages: the visitor may read either, and we do not know which."""
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            if state == "missing":
                title = _("This link does not exist")
                message = _("Check that you copied the whole link, or ask the person who sent it for a new one.")
            elif state == "revoked":
                title = _("This link has been withdrawn")
                message = _("The organisation has stopped sharing this report. Ask the person who sent it.")
            else:
                title = _("This link has expired")
                message = _("Read-only links work for a limited time. Ask the person who sent it for a new link.")
            texts.append({"language": language, "title": str(title), "message": str(message)})
    status = 404 if state == "missing" else 410
    context = {"texts": texts, "colours": accent_colours("#17496b")}
    return _private(render(request, "actions/board_refused.html", context, status=status))


def _shared_context(*, link: BoardLink, language: str) -> dict[str, Any]:
    """What every page behind a board link shows around its content: the organisation, its colours, the
    language switch, and `shared` (no links into the app)."""
    organisation = link.assessment.organisation
    return {
        "link": link,
        "assessment": link.assessment,
        "organisation": organisation,
        "language": language,
        "languages": LANGUAGES,
        "colours": accent_colours(organisation.accent_colour),
        "shared": True,
    }


def _language(request: HttpRequest, link: BoardLink) -> str:
    wanted = request.GET.get("lang", "")
    if wanted in LANGUAGES:
        return wanted
    default = link.assessment.organisation.default_language
    return default if default in LANGUAGES else "en"


@require_GET
@never_cache
@token_page_limit
def board_report(request: HttpRequest, token: str) -> HttpResponse:
    link = find_board_link(token=token)
    if link is None:
        return _refused(request, state="missing")
    if link.state != "active":
        return _refused(request, state=link.state)
    language = _language(request, link)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    assessment = link.assessment
    if link.group_key:
        return _group_page(request, link=link, language=language)
    context = _shared_context(link=link, language=language)
    if link.shows_page:
        context.update(dashboard_page_context(assessment=assessment, language=content_language(language)))
    if link.shows_pdf and language in report_languages():
        # One render per data version and language at most, however often the link is opened.
        report = fail_lost_render(report=current_report(assessment=assessment, language=language))
        if report is None:
            report = request_report(assessment=assessment, language=language)
        # A failed render is retried by a member from the report page, not by every visit of the link.
        context["report_ready"] = report.status == Report.Status.DONE
        context["report_failed"] = report.status == Report.Status.FAILED
        context["pdf_url"] = reverse("board_report_pdf", kwargs={"token": token, "language": language})
    record_board_link_use(link=link)
    return _private(render(request, "actions/board_report.html", context))


def _group_page(request: HttpRequest, *, link: BoardLink, language: str) -> HttpResponse:
    """One team's or role's "top three for you": the team page's content, nothing else. A group the anonymity
    rules hide now (or that is gone) answers as an unknown link: the page never says why a group is hidden."""
    assessment = link.assessment
    result = score_assessment(assessment=assessment)
    page = top_three(
        assessment=assessment, result=result, group_key=link.group_key, language=content_language(language)
    )
    if page.group is None or page.hidden:
        return _refused(request, state="missing")
    context = {
        **_shared_context(link=link, language=language),
        "result": result,
        "page": page,
        "group_name": page.group.group.name(content_language(language)),
    }
    record_board_link_use(link=link)
    return _private(render(request, "actions/board_top_three.html", context))


@require_GET
@never_cache
@token_page_limit
def board_report_pdf(request: HttpRequest, token: str, language: str) -> HttpResponse:
    link = find_board_link(token=token)
    if link is None or not link.shows_pdf or language not in report_languages():
        return _refused(request, state="missing")
    if link.state != "active":
        return _refused(request, state=link.state)
    assessment = link.assessment
    current = current_report(assessment=assessment, language=language)
    found = downloadable_report(assessment=assessment, public_id=current.public_id) if current else None
    if found is None or found.content is None:
        # Not made yet (or made for older data): the page says so and asks for it.
        return _private(redirect(f"{reverse('board_report', kwargs={'token': token})}?lang={language}"))
    record_board_link_use(link=link)
    response = HttpResponse(bytes(found.content), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{report_filename(assessment=assessment, language=language)}"'
    )
    return _private(response)
