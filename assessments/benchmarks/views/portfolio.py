"""/portfolio/: every organisation of the member with its latest assessment; searchable, sortable, paged,
exportable (the export holds every row the search finds, not only the page)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from assessments.benchmarks import hooks
from assessments.benchmarks.portfolio import SORT_KEYS, STATUSES, filtered_and_sorted, portfolio_rows
from assessments.benchmarks.portfolio_export import FORMATS, export_portfolio
from assessments.benchmarks.portfolio_page import portfolio_page
from assessments.core.downloads import download
from assessments.core.http import AuthenticatedRequest
from assessments.questionnaire.selectors.assessments import round_date
from models_9plus.i18n import content_language


def _query(request: AuthenticatedRequest) -> dict[str, str]:
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "name")
    return {
        "status": status if status in STATUSES else "",
        "text": request.GET.get("q", "").strip()[:100],
        "sort": sort if sort.lstrip("-") in SORT_KEYS else "name",
    }


def _query_string(query: dict[str, str]) -> str:
    """The search and sort, for the pager's links ("status=open&q=zorg&sort=-index&", or "")."""
    kept = {"status": query["status"], "q": query["text"], "sort": query["sort"] if query["sort"] != "name" else ""}
    encoded = urlencode({k: v for k, v in kept.items() if v})
    return f"{encoded}&" if encoded else ""


@login_required
@require_GET
def portfolio(request: AuthenticatedRequest) -> HttpResponse:
    query = _query(request)
    page = portfolio_page(user=request.user, **query, page=request.GET.get("page"))
    language = content_language(get_language())
    context = {
        "rows": [
            {
                "row": row,
                "level_name": row.level.t("name", language) if row.level else "",
                "round_date": round_date(row.assessment) if row.assessment else None,
            }
            for row in page
        ],
        "page": page,
        "page_numbers": [
            n if isinstance(n, int) else None for n in page.paginator.get_elided_page_range(page.number, on_ends=1)
        ],
        "query_string": _query_string(query),
        "query": query,
        "statuses": STATUSES,
        "sort_keys": SORT_KEYS,
        "extra_columns": hooks.COLUMNS,
    }
    return render(request, "benchmarks/portfolio.html", context)


@login_required
@require_GET
def portfolio_export(request: AuthenticatedRequest, fmt: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    rows = filtered_and_sorted(portfolio_rows(user=request.user), **_query(request))
    filename, content_type, content = export_portfolio(rows=rows, fmt=fmt, language=content_language(get_language()))
    return download(filename=filename, content_type=content_type, content=content)
