"""Personal API tokens: create (the secret is returned once), revoke, and the log of every call."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.api.models import DEFAULT_LIFETIME_DAYS, LIFETIME_DAYS, ApiCall, ApiToken
from assessments.api.selectors import TOKEN_PURPOSE
from assessments.core.tokens import hash_token, new_token
from assessments.organisations.access import organisations_for, organisations_with_results_for
from assessments.organisations.models import Organisation
from assessments.organisations.services import activity

MAX_ACTIVE_TOKENS = 20


def _log(*, user: User, token: ApiToken, verb: str, organisation: Organisation | None = None) -> None:
    organisations = [organisation] if organisation else list(organisations_for(user=user))
    for org in organisations:
        activity.record(organisation=org, actor=user, verb=verb, obj=f"{user.email}: {token.name}")


@transaction.atomic
def create_token(
    *,
    user: User,
    name: str,
    scope: str,
    organisation: Organisation | None,
    days: int = DEFAULT_LIFETIME_DAYS,
    now: datetime.datetime | None = None,
) -> tuple[ApiToken, str]:
    """The token and its secret; only the hash is stored, so the secret cannot be shown again.

    It works for `days` days (30, 90 or 365), then answers 401 until its owner makes a new one.
    """
    now = now or timezone.now()
    if days not in LIFETIME_DAYS:
        raise ValidationError({"days": _("Choose 30, 90 or 365 days.")})
    if organisation is not None and not organisations_with_results_for(user=user).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("Choose one of your organisations.")})
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("You have %(n)s active tokens; revoke one first.") % {"n": MAX_ACTIVE_TOKENS})
    secret = new_token()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        scope=scope,
        organisation=organisation,
        token_hash=hash_token(secret, purpose=TOKEN_PURPOSE),
        prefix=secret[:6],
        expires_at=now + datetime.timedelta(days=days),
    )
    _log(user=user, token=token, verb="token_created", organisation=organisation)
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken, actor: User, organisation: Organisation | None = None) -> ApiToken:
    """Revokes the token for good (by its owner, or by the manager of an organisation it reaches, who passes
    that `organisation` so the activity log of that organisation says who did it)."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is None:  # revoking twice changes nothing
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        if organisation is not None:
            activity.record(
                organisation=organisation, actor=actor, verb="token_revoked", obj=f"{token.user.email}: {token.name}"
            )
        else:
            _log(user=actor, token=token, verb="token_revoked", organisation=token.organisation)
    return token


def record_call(*, token: ApiToken, method: str, path: str, status: int) -> None:
    """One log row per call and the token's last-used time (two short writes, no lock)."""
    now = timezone.now()
    ApiCall.objects.create(token=token, method=method[:10], path=path[:300], status=status)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
