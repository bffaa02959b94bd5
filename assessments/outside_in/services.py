"""Writes of the customer check: the check and its links, customer responses (with the cap), imported
figures (all or nothing) and the internal estimate of a respondent."""

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assessments.core.http import AnyUser
from assessments.organisations.services import activity
from assessments.outside_in.csv_import import FiguresRow
from assessments.outside_in.models import (
    DEFAULT_MIN_RESPONSES,
    CustomerCheck,
    CustomerLink,
    CustomerResponse,
    ImportedFigures,
    InternalEstimate,
)
from assessments.questionnaire.models import Assessment, Response


class LinkFull(Exception):
    """The link reached its maximum number of responses."""


class LinkClosed(Exception):
    """The link was deactivated or its assessment closed."""


class AlreadySubmitted(Exception):
    pass


def customer_link_url(token: str) -> str:
    return f"{settings.SITE_URL}/c/{token}/"


def enable_check(
    *, assessment: Assessment, actor: AnyUser, min_responses: int = DEFAULT_MIN_RESPONSES
) -> CustomerCheck:
    with transaction.atomic():
        check, created = CustomerCheck.objects.get_or_create(
            assessment=assessment, defaults={"min_responses": min_responses}
        )
        if created:
            activity.record(
                organisation=assessment.organisation, actor=actor, verb="created", obj=check, detail=assessment.title
            )
    return check


def update_check(*, check: CustomerCheck, actor: AnyUser, min_responses: int) -> CustomerCheck:
    with transaction.atomic():
        check.min_responses = min_responses
        check.save(update_fields=["min_responses"])
        activity.record(
            organisation=check.assessment.organisation,
            actor=actor,
            verb="updated",
            obj=check,
            detail=f"minimum {min_responses}",
        )
    return check


def create_link(*, check: CustomerCheck, actor: AnyUser, label: str, max_responses: int | None) -> CustomerLink:
    with transaction.atomic():
        link = CustomerLink.objects.create(
            customer_check=check, label=label, max_responses=max_responses, token=secrets.token_urlsafe(24)
        )
        activity.record(organisation=check.assessment.organisation, actor=actor, verb="created", obj=link)
    return link


def set_link_active(*, link: CustomerLink, actor: AnyUser, active: bool) -> CustomerLink:
    with transaction.atomic():
        if link.active != active:
            link.active = active
            link.save(update_fields=["active"])
            verb = "opened" if active else "deactivated"
            activity.record(organisation=link.customer_check.assessment.organisation, actor=actor, verb=verb, obj=link)
    return link


def submit_customer_response(
    *,
    link: CustomerLink,
    language: str,
    grade: int,
    ease: int | None,
    recommend: int | None,
    factor_answers: dict[str, int | str],
    open_answer: str,
    flag: str = "",
) -> CustomerResponse:
    """Stores one anonymous customer response; the link row is locked so the cap holds under concurrency."""
    with transaction.atomic():
        locked = CustomerLink.objects.select_for_update().select_related("customer_check__assessment").get(pk=link.pk)
        if not locked.active or locked.customer_check.assessment.status == Assessment.Status.CLOSED:
            raise LinkClosed
        if locked.max_responses is not None and locked.responses.count() >= locked.max_responses:
            raise LinkFull
        return CustomerResponse.objects.create(
            link=locked,
            language=language,
            submitted_on=timezone.localdate(),
            grade=grade,
            ease=ease,
            recommend=recommend,
            factor_answers=factor_answers,
            open_answer=open_answer,
            flag=flag,
        )


def import_figures(*, check: CustomerCheck, actor: AnyUser, rows: list[FiguresRow], filename: str) -> int:
    """Stores validated rows (see forms.parse_figures_csv); a period and channel already there is replaced."""
    with transaction.atomic():
        for row in rows:
            values = {k: v for k, v in row.items() if k not in ("period", "channel", "line")}
            ImportedFigures.objects.update_or_create(
                customer_check=check, period=row["period"], channel=row["channel"], defaults=values
            )
        activity.record(
            organisation=check.assessment.organisation,
            actor=actor,
            verb="updated",
            obj=check,
            detail=f"{len(rows)} imported rows from {filename}"[:200],
        )
    return len(rows)


def delete_imported(*, check: CustomerCheck, actor: AnyUser) -> int:
    with transaction.atomic():
        deleted, _ = ImportedFigures.objects.filter(customer_check=check).delete()
        activity.record(
            organisation=check.assessment.organisation, actor=actor, verb="deleted", obj=check, detail="imported"
        )
    return deleted


def save_estimate(*, response: Response, grade: int | None, share_nine_plus: int | None) -> InternalEstimate:
    """The respondent's two knowledge-gap answers; harmless to repeat, refused once the response is sent."""
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.submitted_at is not None:
            raise AlreadySubmitted
        estimate, _ = InternalEstimate.objects.update_or_create(
            response=locked, defaults={"grade": grade, "share_nine_plus": share_nine_plus}
        )
    return estimate
