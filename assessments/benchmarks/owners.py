"""Who owns an organisation, for the benchmark: organisations that share a person count as one owner.

An organisation's people are its members (any role) and everyone who created something in it (the activity
log's "created" lines keep its creator after the membership is gone). Two organisations that share one such
person belong to the same owner, and so does every organisation connected to them through other shared people:
a consultant's clients, the organisations one person made, and anything linked through them, form one group.
The benchmark lets each owner group count once, with one value, and never compares an organisation with its
own group (assessments/benchmarks/guard.py).

The groups join the whole installation, so they are worked out from every link at once, and kept in the
cache under a fingerprint of the links, read in two one-row aggregate queries: the number, highest id, newest
date and sums of the people, organisations and their products of the memberships, and the same of the log's
"created" lines with a creator. A link added, removed or moved gives another fingerprint, so a request never
sees groups older than the links, and a benchmark request reads two aggregate rows, not every membership and
creator.
"""

import hashlib
from collections.abc import Iterable

from django.db.models import Count, F, Max, QuerySet, Sum

from assessments.organisations.models import ActivityLog, Membership
from assessments.scoring.cache import get_or_compute


class _Groups:
    """Union-find over organisation ids; the smallest id of a group names it."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        root = item
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while item != root:  # path compression
            self.parent[item], item = root, self.parent.get(item, item)
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _created_lines() -> QuerySet[ActivityLog]:
    return ActivityLog.objects.filter(verb="created", actor__isnull=False).order_by()


def _links_fingerprint() -> str:
    """What the groups depend on, in two one-row aggregate queries (see the module's description)."""
    members = Membership.objects.order_by().aggregate(
        n=Count("pk"),
        top=Max("pk"),
        last=Max("created_at"),
        people=Sum("user_id"),
        organisations=Sum("organisation_id"),
        pairs=Sum(F("user_id") * F("organisation_id")),  # the same people and organisations, paired otherwise
    )
    creators = _created_lines().aggregate(
        n=Count("pk"),
        top=Max("pk"),
        last=Max("created_at"),
        people=Sum("actor_id"),
        organisations=Sum("organisation_id"),
        pairs=Sum(F("actor_id") * F("organisation_id")),
    )
    raw = f"{sorted(members.items())}:{sorted(creators.items())}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _all_groups() -> dict[int, int]:
    """{organisation id: owner group id} of every organisation with a link (two queries)."""
    links = set(Membership.objects.order_by().values_list("user_id", "organisation_id"))
    # order_by() in _created_lines: no ordering column in the DISTINCT
    links.update(_created_lines().values_list("actor_id", "organisation_id").distinct())
    groups = _Groups()
    first_of: dict[int, int] = {}  # person -> the first organisation seen with them
    for person, organisation in sorted(links):  # sorted: the same groups whatever the database's row order
        if person in first_of:
            groups.union(first_of[person], organisation)
        else:
            first_of[person] = organisation
    return {organisation: groups.find(organisation) for _person, organisation in links}


def owner_groups(*, organisation_ids: Iterable[int]) -> dict[int, int]:
    """{organisation id: owner group id} for the given organisations, connected through every organisation
    of the installation: two aggregate queries when the cache holds the groups of these links, two more when not."""
    groups = get_or_compute(f"cxm:bench:owners:v1:{_links_fingerprint()}", _all_groups)
    return {pk: groups.get(pk, pk) for pk in organisation_ids}  # no link at all: a group of its own
