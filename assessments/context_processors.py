"""Navigation context: the user's organisations and the current one."""

from assessments.access import organisations_for

CURRENT_ORG_SESSION_KEY = "current_org"


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    organisations = list(organisations_for(user=user))
    current_id = request.session.get(CURRENT_ORG_SESSION_KEY)
    current = next((o for o in organisations if str(o.public_id) == current_id), None)
    if current is None and organisations:
        current = organisations[0]
    return {"nav_organisations": organisations, "nav_current_organisation": current}
