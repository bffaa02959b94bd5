"""Reads for API tokens and for what a token may see."""

from uuid import UUID

from django.contrib.auth.models import User
from django.db.models import F, Q, QuerySet, Subquery

from assessments.api.models import ApiToken
from assessments.core.tokens import hash_token
from assessments.organisations.access import organisations_with_results_for
from assessments.organisations.models import Membership, Organisation

TOKEN_PURPOSE = "api"  # noqa: S105 (a hash purpose, not a secret)


def active_token(*, raw: str) -> ApiToken | None:
    """The unrevoked token of an active member with this secret, expired or not (the caller says which)."""
    token_hash = hash_token(raw, purpose=TOKEN_PURPOSE)
    return (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash, revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).select_related("organisation").order_by("revoked_at", "-created_at")


def token_of(*, user: User, public_id: UUID | str) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, public_id=public_id).first()


def _reaching(*, organisation: Organisation) -> QuerySet[ApiToken]:
    # A token reaches the organisation when it names it, or names none and its owner is a member.
    members = Membership.objects.filter(organisation=organisation).values("user_id")
    return ApiToken.objects.filter(
        Q(organisation=organisation) | Q(organisation__isnull=True, user_id__in=Subquery(members))
    )


def tokens_reaching(*, organisation: Organisation) -> QuerySet[ApiToken]:
    """Every token that can read this organisation's data (for its manager): working ones first."""
    return (
        _reaching(organisation=organisation)
        .select_related("user", "organisation")
        .order_by(F("revoked_at").asc(nulls_first=True), "-expires_at", "-created_at")
    )


def token_reaching(*, organisation: Organisation, public_id: UUID | str) -> ApiToken | None:
    return _reaching(organisation=organisation).filter(public_id=public_id).select_related("user").first()


def visible_organisations(*, user: User, token: ApiToken) -> QuerySet[Organisation]:
    """The member's organisations, narrowed to the token's one organisation when it names one.

    A team leader's organisation is left out: the API answers for whole organisations, which a team
    leader may not see (README "Team leaders")."""
    organisations = organisations_with_results_for(user=user)
    if token.organisation_id:
        organisations = organisations.filter(pk=token.organisation_id)
    return organisations


def memberships_by_organisation(*, user: User) -> dict[int, Membership]:
    return {m.organisation_id: m for m in Membership.objects.filter(user=user)}
