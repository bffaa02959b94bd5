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
    # Whether a nested pair can expose a rest depends on the counts alone (hiding only ever stops it): so
    # only the few pairs with a small rest are walked again in the loop below (it runs dozens of times per
    # scoring, once per factor and lens, over every pair of the layout).
    small_rests = [
        (larger, smaller)
        for larger, smaller in nested
        if larger in counts and smaller in counts and 0 < counts[larger] - counts[smaller] < threshold
    ]
    counted_partitions = [
        (parent, [p for p in parts if p in counts]) for parent, parts in partitions if parent in counts
    ]
    alike = [same for same in identical if len(same) > 1]  # one group alone is never half hidden
    changed = True
    while changed:
        changed = False
        for same in alike:
            if not same <= hidden and same & hidden:
                hidden |= same
                changed = True
        for larger, smaller in small_rests:
            if larger in hidden or smaller in hidden:
                continue
            hidden.add(smaller)
            changed = True
        for parent, parts in counted_partitions:
            if parent in hidden:
                continue
            visible = [p for p in parts if p not in hidden]
            remainder = counts[parent] - sum(counts[p] for p in visible)
            if 0 < remainder < threshold and visible:
                hidden.add(min(visible, key=lambda p: (counts[p], p)))
                changed = True
    return hidden


class Hider:
    """hidden_groups over one layout's groups, each answer remembered: a scoring asks it for every factor and
    lens (dozens of times), and where their counts coincide (everyone who counts for one factor usually
    counts for all) the answer is the same, as it depends on nothing but the counts, the threshold and what
    is already hidden."""

    def __init__(
        self,
        *,
        keys: Iterable[str],
        partitions: Iterable[tuple[str, Sequence[str]]],
        nested: Iterable[tuple[str, str]] = (),
        identical: Iterable[AbstractSet[str]] = (),
    ) -> None:
        self.keys = tuple(keys)
        self.partitions, self.nested, self.identical = list(partitions), list(nested), list(identical)
        self._answers: dict[tuple[tuple[int | None, ...], int, frozenset[str]], frozenset[str]] = {}

    def hidden(
        self, *, counts: Mapping[str, int], threshold: int, already_hidden: AbstractSet[str] = frozenset()
    ) -> set[str]:
        """hidden_groups(counts=..., threshold=..., already_hidden=...) over this layout (a new set)."""
        question = (tuple(map(counts.get, self.keys)), threshold, frozenset(already_hidden))
        answer = self._answers.get(question)
        if answer is None:
            answer = self._answers[question] = frozenset(
                hidden_groups(
                    counts=counts,
                    threshold=threshold,
                    already_hidden=already_hidden,
                    partitions=self.partitions,
                    nested=self.nested,
                    identical=self.identical,
                )
            )
        return set(answer)


# Comment themes let a manager read every comment, so they wait for more people than scores do.
COMMENT_MARGIN = 2


def comment_threshold(*, comments: int, scores: int) -> int:
    """The group size before a manager may read and count comments: the assessment's comment threshold,
    and at least COMMENT_MARGIN more than its score threshold (5 for scores and 7 for comments by default)."""
    return max(comments, scores + COMMENT_MARGIN)
