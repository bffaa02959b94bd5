"""Joining or leaving the anonymous benchmark: a manager's decision, logged; leaving takes effect at once."""

from django.core.cache import cache
from django.db import transaction

from assessments.benchmarks.selectors import GENERATION_KEY
from assessments.organisations.models import Organisation
from assessments.organisations.services import activity


def bump_generation() -> None:
    """Forget every cached benchmark (an organisation joined or left): a write to the cache, so a service."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


@transaction.atomic
def set_benchmark_opt_in(*, organisation: Organisation, actor, opt_in: bool) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.benchmark_opt_in == opt_in:
        return organisation  # a repeated submit changes nothing and logs nothing
    organisation.benchmark_opt_in = opt_in
    organisation.save(update_fields=["benchmark_opt_in"])
    verb = "benchmark_joined" if opt_in else "benchmark_left"
    activity.record(organisation=organisation, actor=actor, verb=verb, obj=organisation)
    # After commit: a cached benchmark must not keep an organisation that has just left.
    transaction.on_commit(bump_generation)
    return organisation
