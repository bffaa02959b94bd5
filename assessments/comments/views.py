"""The comments pages of an assessment (managers only): read, search and tag comments, count themes, pick
quotes for the report; the themes with their keywords; the export."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.comments import exports, services
from assessments.comments.forms import CommentActionForm, FilterForm, ThemeForm
from assessments.comments.models import CUSTOMERS, Theme
from assessments.comments.selectors.board import Board, comment_board, factor_scopes, theme_of, themes_of
from assessments.comments.selectors.visibility import visibility
from assessments.core import sheets
from assessments.core.downloads import download
from assessments.core.forms import form_page
from assessments.core.http import AuthenticatedRequest
from assessments.organisations.models import Membership
from assessments.questionnaire.decorators import assessment_page
from assessments.questionnaire.models import Assessment
from models_9plus.i18n import content_language

FORMATS = ("csv", "xlsx")


def _language() -> str:
    return content_language(get_language())


def _scope_choices(assessment: Assessment, language: str, *, customers: bool) -> list[tuple[str, str]]:
    choices = [(s.code, s.name) for s in factor_scopes(assessment=assessment, language=language)]
    if customers:
        choices.append((CUSTOMERS, _("Customers")))
    return choices


def _base(assessment: Assessment, membership: Membership) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "membership": membership,
        "tab": "comments",
    }


def _theme_or_404(assessment: Assessment, public_id: Any) -> Theme:
    theme = theme_of(organisation_id=assessment.organisation_id, public_id=public_id)
    if theme is None:
        raise Http404
    return theme


@assessment_page(manage=True)
@require_GET
def comments_page(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    language = _language()
    board = comment_board(assessment=assessment, language=language)
    scopes = [(s.code, s.name) for s in board.scopes]
    form = FilterForm(request.GET or None, scopes=scopes)
    if request.GET and not form.is_valid():
        return render(request, "comments/page.html", {**_base(assessment, membership), "form": form}, status=400)
    data = form.cleaned_data if request.GET else {}
    scope, query, theme = data.get("scope", ""), data.get("q", ""), data.get("theme")
    rows = board.filtered(scope=scope, query=query, theme=theme)
    shown_scopes = [s for s in board.scopes if not scope or s.code == scope]
    context = {
        **_base(assessment, membership),
        "board": board,
        "form": form,
        "rows": rows,
        "language": language,
        "scope": scope,
        "query": query,
        "theme": board.theme(theme),
        "filtering": bool(scope or query or theme),
        "count_blocks": [
            {"scope": s, "counts": board.counts.get(s.code, [])} for s in shown_scopes if board.counts.get(s.code)
        ],
        "themes_missing": [s for s in board.scopes if not board.themes.get(s.code)],
        "picked": sum(1 for r in board.rows if r.picked),
    }
    return render(request, "comments/page.html", context)


def _back(assessment: Assessment, data: dict[str, Any], ref: str = "") -> str:
    params = {
        k: v for k, v in (("scope", data.get("scope")), ("q", data.get("q")), ("theme", data.get("filter_theme"))) if v
    }
    url = reverse("assessment_comments", kwargs={"assessment": assessment.public_id})
    return url + (f"?{urlencode(params)}" if params else "") + (f"#{ref}" if ref else "")


@assessment_page(manage=True)
@require_POST
def comment_action(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    form = CommentActionForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("That request was not complete. Please go back and try again."), status=400)
    data = form.cleaned_data
    board: Board = comment_board(assessment=assessment, language=_language())
    row = board.row(data["ref"])
    if row is None:  # gone, or below the threshold now
        raise Http404
    target = services.Target(scope=row.scope, comment_id=row.comment_id, customer_response_id=row.customer_response_id)
    action = data["action"]
    if action in ("pick", "unpick"):
        services.set_picked(assessment=assessment, target=target, picked=action == "pick")
    else:
        theme = _theme_or_404(assessment, data.get("theme"))
        try:
            if action == "untag":
                services.untag(assessment=assessment, target=target, theme=theme)
            else:
                services.tag(assessment=assessment, target=target, theme=theme, accepted=action == "tag")
        except services.WrongTheme:
            return HttpResponse(_("That theme belongs to another factor."), status=400)
    return redirect(_back(assessment, data, row.ref))


def _themes_context(assessment: Assessment, membership: Membership, language: str) -> dict[str, Any]:
    seen = visibility(assessment=assessment)
    themes = themes_of(organisation_id=assessment.organisation_id, language=language)
    scopes = _scope_choices(assessment, language, customers=seen.customers > 0)
    return {
        **_base(assessment, membership),
        "language": language,
        "blocks": [{"code": code, "name": name, "themes": themes.get(code, [])} for code, name in scopes],
        "any_missing": any(not themes.get(code) for code, _name in scopes),
    }


@assessment_page(manage=True)
@require_http_methods(["GET", "POST"])
def themes_page(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    language = _language()
    customers = visibility(assessment=assessment).customers > 0
    form = ThemeForm(request.POST or None, scopes=_scope_choices(assessment, language, customers=customers))
    return form_page(
        request,
        form,
        save=lambda data: services.save_theme(organisation=assessment.organisation, actor=request.user, **data),
        success=_("The theme was added."),
        done=lambda theme: redirect(
            reverse("comment_themes", kwargs={"assessment": assessment.public_id}) + f"#scope-{theme.scope}"
        ),
        template="comments/themes.html",
        context=lambda: _themes_context(assessment, membership, language),
    )


@assessment_page(manage=True)
@require_POST
def add_starter_themes(request: AuthenticatedRequest, assessment: Assessment, membership: Membership) -> HttpResponse:
    customers = visibility(assessment=assessment).customers > 0
    scopes = [code for code, _name in _scope_choices(assessment, _language(), customers=customers)]
    added = services.add_starter_themes(organisation=assessment.organisation, scopes=scopes, actor=request.user)
    messages.success(request, _("%(count)s suggested themes added.") % {"count": added})
    return redirect("comment_themes", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_http_methods(["GET", "POST"])
def theme_edit(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, theme: str
) -> HttpResponse:
    found = _theme_or_404(assessment, theme)
    language = _language()
    initial = {f: getattr(found, f) for f in ("scope", "name_en", "name_nl", "keywords_en", "keywords_nl")}
    form = ThemeForm(
        request.POST or None,
        initial=initial,
        scopes=_scope_choices(assessment, language, customers=True),
        editing=True,
    )
    return form_page(
        request,
        form,
        save=lambda data: services.save_theme(
            organisation=assessment.organisation, actor=request.user, theme=found, **data
        ),
        success=_("The theme was saved."),
        done=lambda saved: redirect(
            reverse("comment_themes", kwargs={"assessment": assessment.public_id}) + f"#scope-{saved.scope}"
        ),
        template="comments/theme_edit.html",
        context=lambda: {**_base(assessment, membership), "theme": found, "language": language},
    )


@assessment_page(manage=True)
@require_POST
def theme_delete(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, theme: str
) -> HttpResponse:
    found = _theme_or_404(assessment, theme)
    services.delete_theme(theme=found, actor=request.user)
    messages.success(request, _("The theme was deleted, and taken off every comment."))
    return redirect("comment_themes", assessment=assessment.public_id)


@assessment_page(manage=True)
@require_GET
def comments_export(
    request: AuthenticatedRequest, assessment: Assessment, membership: Membership, fmt: str
) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    language = _language()
    board = comment_board(assessment=assessment, language=language)
    header, rows = exports.comments_table(board, language=language)
    name = f"{slugify(assessment.title) or 'assessment'}-comments-{timezone.localdate():%Y-%m-%d}"
    body: sheets.Content
    if fmt == "csv":
        body, content_type = sheets.csv_bytes(header, rows, language=language), sheets.CSV_TYPE
    else:
        count_header, count_rows = exports.counts_table(board, language=language)
        body = sheets.xlsx([(_("Comments"), header, rows), (_("Themes"), count_header, count_rows)])
        content_type = sheets.XLSX_TYPE
    return download(filename=f"{name}.{fmt}", content_type=content_type, content=body)
