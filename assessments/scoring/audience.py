"""Per-statement audiences: statements only some role kinds are asked (v2 model files).

A respondent counts for a factor (or a lens) when they answered at least half of the statements they were
asked, and their answers to statements their role was not asked (say, after a role change) are left out,
so "don't know" from people who cannot judge a practice does not skew the management-versus-staff gap.
"""

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Audience:
    """Who was asked what, when statements have an audience: each role's kind and the statements asked.

    The answers a role was not asked are left out by adding only the stored sums of the statement
    audiences the role's kind was asked (see questionnaire/sums.py and scoring/fold.py)."""

    kinds: dict  # role id -> "management" | "staff"
    counts: dict  # (factor id, kind or None) -> statements asked

    def asked(self, factor_id, role_id):
        return self.counts[(factor_id, self.kinds.get(role_id))]


def kind_of(is_management):
    """A role's kind for the audience rule; None for a response without a role (asked everything)."""
    if is_management is None:
        return None
    return "management" if is_management else "staff"


def is_asked(audience, kind):
    """Whether respondents of a kind (None: without a role) were asked a statement with this audience
    (a tuple of kinds; empty: everyone). Their answers to other statements are left out everywhere."""
    return kind is None or not audience or kind in audience


def audience_for(statements, roles):
    """The Audience of a model version's statements for an organisation's roles; None without audiences."""
    if not any(s["audience"] for s in statements):
        return None
    kinds = {r["id"]: kind_of(r["is_management"]) for r in roles}
    counts = Counter()
    for s in statements:
        for kind in (None, "management", "staff"):
            if is_asked(s["audience"], kind):
                counts[(s["factor_id"], kind)] += 1
    return Audience(kinds=kinds, counts=counts)
