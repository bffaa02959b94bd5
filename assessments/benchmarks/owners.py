"""Who owns an organisation, for the benchmark: organisations that share a person count as one owner.

An organisation's people are its members (any role) and everyone who created something in it (the activity
log's "created" lines keep its creator after the membership is gone). Two organisations that share one such
person belong to the same owner, and so does every organisation connected to them through other shared people:
a consultant's clients, the organisations one person made, and anything linked through them, form one group.
The benchmark lets each owner group count once, with one value, and never compares an organisation with its
own group (assessments/benchmarks/guard.py).
"""

from collections.abc import Iterable

from assessments.organisations.models import ActivityLog, Membership


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


def owner_groups(*, organisation_ids: Iterable[int]) -> dict[int, int]:
    """{organisation id: owner group id} for the given organisations, connected through every organisation
    of the installation (two queries, whatever the number of organisations)."""
    links = set(Membership.objects.order_by().values_list("user_id", "organisation_id"))
    links.update(
        ActivityLog.objects.filter(verb="created", actor__isnull=False)
        .order_by()  # no ordering column in the DISTINCT
        .values_list("actor_id", "organisation_id")
        .distinct()
    )
    groups = _Groups()
    first_of: dict[int, int] = {}  # person -> the first organisation seen with them
    for person, organisation in sorted(links):  # sorted: the same groups whatever the database's row order
        if person in first_of:
            groups.union(first_of[person], organisation)
        else:
            first_of[person] = organisation
    return {pk: groups.find(pk) for pk in organisation_ids}
