"""The owners' digest: one email listing a person's open actions, at most once a week.

`send_action_digests(today=...)` is meant to run daily (the `send_action_digests` task, or the
scheduled-jobs command). It is idempotent per day: a `DigestLog` row per owner and day is written in the
same transaction as the decision to send, so a second run on the same day sends nothing.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from assessments.actions.models import DigestLog, PlanAction
from assessments.organisations.models import Membership

logger = logging.getLogger(__name__)

DIGEST_INTERVAL_DAYS = 7


def _open_actions_by_owner() -> dict[Membership, list[PlanAction]]:
    actions = (
        PlanAction.objects.filter(status__in=PlanAction.OPEN_STATUSES, owner__isnull=False)
        .exclude(owner__user__email="")
        .select_related("owner__user", "organisation")
        .order_by("due_date", "created_at")
    )
    by_owner: defaultdict[Membership, list[PlanAction]] = defaultdict(list)
    for action in actions:
        assert action.owner is not None  # filtered on owner__isnull=False
        by_owner[action.owner].append(action)
    return by_owner


def _recently_sent(today: datetime.date) -> set[int]:
    since = today - datetime.timedelta(days=DIGEST_INTERVAL_DAYS - 1)
    return set(DigestLog.objects.filter(sent_on__gte=since, sent_on__lte=today).values_list("membership_id", flat=True))


def _message(membership: Membership, actions: list[PlanAction], today: datetime.date) -> EmailMultiAlternatives:
    organisation = membership.organisation
    language = organisation.default_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "membership": membership,
            "organisation": organisation,
            "actions": [{"action": a, "overdue": a.due_date is not None and a.due_date < today} for a in actions],
            "plan_url": settings.SITE_URL + reverse("action_plan", kwargs={"org": organisation.public_id}),
        }
        subject = render_to_string("actions/email/digest_subject.txt", context).strip()
        text = render_to_string("actions/email/digest.txt", context)
    return EmailMultiAlternatives(subject=subject, body=text, to=[membership.user.email])


def send_action_digests(*, today: datetime.date) -> int:
    """Emails each owner of open actions their list (weekly); returns how many emails went out."""
    sent = 0
    skip = _recently_sent(today)
    for membership, actions in _open_actions_by_owner().items():
        if membership.pk in skip:
            continue
        try:
            with transaction.atomic():
                DigestLog.objects.create(membership=membership, sent_on=today, actions=len(actions))
                # Sent inside the transaction: when the mail server fails, the log row goes too and
                # tomorrow's run tries again.
                _message(membership, actions, today).send()
        except IntegrityError:
            continue  # another run sent it today
        except OSError:
            logger.warning("Action digest for membership %s could not be sent", membership.pk, exc_info=True)
            continue
        sent += 1
    return sent
