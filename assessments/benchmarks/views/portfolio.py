"""/portfolio/: every organisation of the member with its latest assessment; sortable, filterable, exportable."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from assessments.benchmarks import hooks
from assessments.benchmarks.portfolio import SORT_KEYS, STATUSES, filtered_and_sorted, portfolio_rows
from assessments.benchmarks.portfolio_export import FORMATS, export_portfolio
from assessments.core.http import AuthenticatedRequest
from models_9plus.i18n import content_language


def _query(request: AuthenticatedRequest) -> dict[str, str]:
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "name")
    return {
        "status": status if status in STATUSES else "",
        "text": request.GET.get("q", "").strip()[:100],
        "sort": sort if sort.lstrip("-") in SORT_KEYS else "name",
    }


@login_required
@require_GET
def portfolio(request: AuthenticatedRequest) -> HttpResponse:
    query = _query(request)
    rows = filtered_and_sorted(portfolio_rows(user=request.user), **query)
    language = content_language(get_language())
    context = {
        "rows": [{"row": row, "level_name": row.level.t("name", language) if row.level else ""} for row in rows],
        "query": query,
        "statuses": STATUSES,
        "sort_keys": SORT_KEYS,
        "extra_columns": hooks.COLUMNS,
    }
    return render(request, "benchmarks/portfolio.html", context)


@login_required
@require_GET
def portfolio_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    rows = filtered_and_sorted(portfolio_rows(user=request.user), **_query(request))
    filename, content_type, content = export_portfolio(rows=rows, fmt=fmt, language=content_language(get_language()))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
