"""The application's URLs plus a bare baseline view that does one insert (benchmark only)."""

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

BASELINE_TABLE = "bench_baseline"


@csrf_exempt
@require_POST
def baseline(request):
    """What any save costs at the least: read the body, one INSERT, a JSON answer."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BASELINE_TABLE} (payload) VALUES (%s)", [request.body[:20000].decode()])  # noqa: S608
    return JsonResponse({"ok": True})


urlpatterns = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    path("", include("cxmaturity.urls")),
]
