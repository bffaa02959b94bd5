"""Home and health."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessments.access import organisations_for


@login_required
def home(request):
    organisations = list(organisations_for(user=request.user)[:2])
    if len(organisations) == 1:
        return redirect("organisation_detail", org=organisations[0].public_id)
    return redirect("organisation_list")


@require_GET
@never_cache
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
