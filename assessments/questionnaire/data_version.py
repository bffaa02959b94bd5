"""Bumping `Assessment.data_version`: the key of every cached result (scores, dashboard, PDF report).

Every write that can change what scoring returns calls one of these inside its transaction, so a
cached result is never served after the data behind it changed. An assessment that names a bumped
one as its previous round is bumped too: its "change since last round" depends on that round.
"""

from collections.abc import Iterable

from django.db.models import F, Q

from assessments.questionnaire.models import Assessment


def bump_data_version(*, assessment_ids: Iterable[int]) -> None:
    """For a change to these assessments' responses, settings or invitations."""
    ids = list(assessment_ids)
    Assessment.objects.filter(Q(pk__in=ids) | Q(previous_id__in=ids)).update(data_version=F("data_version") + 1)


def bump_organisation_data_version(*, organisation_id: int) -> None:
    """For a change to the organisation's name, teams or roles: every assessment shows them."""
    # Previous rounds belong to the same organisation, so they are covered as well.
    Assessment.objects.filter(organisation_id=organisation_id).update(data_version=F("data_version") + 1)
