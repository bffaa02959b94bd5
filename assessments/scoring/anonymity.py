"""Which groups must stay hidden: the size threshold plus protection against differencing.

A group is hidden when it has fewer respondents than the threshold. Counts are always public, so a
hidden group could still be read by subtraction: a visible parent minus its visible parts leaves the
hidden rest. For every partition (a parent and disjoint parts of it; respondents in the parent but in
none of the parts form an unnamed rest) we require the hidden remainder to be either empty or at least
the threshold; otherwise the smallest visible part is hidden too, until that holds everywhere.
The same holds for any two nested groups (a team and a team x role cell, a role and management...):
when the larger one minus the smaller one leaves a small rest, the smaller one is hidden. Groups with
exactly the same respondents (a team whose people all have one role) are shown or hidden together.
"""

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet


def hidden_groups(
    *,
    counts: Mapping[str, int],
    partitions: Iterable[tuple[str, Sequence[str]]],
    threshold: int,
    already_hidden: AbstractSet[str] = frozenset(),
    nested: Iterable[tuple[str, str]] = (),
    identical: Iterable[AbstractSet[str]] = (),
) -> set[str]:
    """The set of group keys to hide.

    counts: {group key: respondents}; partitions: [(parent key, [part keys])];
    nested: [(larger key, smaller key)] where the smaller group's respondents all belong to the larger;
    identical: [set of keys] of groups with exactly the same respondents;
    already_hidden: keys hidden for another reason (they count as hidden parts).
    """
    hidden = set(already_hidden) | {key for key, n in counts.items() if n < threshold}
    changed = True
    while changed:
        changed = False
        for same in identical:
            if not same <= hidden and same & hidden:
                hidden |= same
                changed = True
        for larger, smaller in nested:
            if larger in hidden or smaller in hidden or larger not in counts or smaller not in counts:
                continue
            if 0 < counts[larger] - counts[smaller] < threshold:
                hidden.add(smaller)
                changed = True
        for parent, parts in partitions:
            if parent in hidden or parent not in counts:
                continue
            visible = [p for p in parts if p in counts and p not in hidden]
            remainder = counts[parent] - sum(counts[p] for p in visible)
            if 0 < remainder < threshold and visible:
                hidden.add(min(visible, key=lambda p: (counts[p], p)))
                changed = True
    return hidden


# Comment themes let a manager read every comment, so they wait for more people than scores do.
COMMENT_MARGIN = 2


def comment_threshold(*, comments: int, scores: int) -> int:
    """The group size before a manager may read and count comments: the assessment's comment threshold,
    and at least COMMENT_MARGIN more than its score threshold (5 for scores and 7 for comments by default)."""
    return max(comments, scores + COMMENT_MARGIN)
