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


def audience_for(statements, roles):
    """The Audience of a model version's statements for an organisation's roles; None without audiences."""
    if not any(s["audience"] for s in statements):
        return None
    kinds = {r["id"]: "management" if r["is_management"] else "staff" for r in roles}
    counts = Counter()
    for s in statements:
        for kind in (None, "management", "staff"):
            if kind is None or not s["audience"] or kind in s["audience"]:
                counts[(s["factor_id"], kind)] += 1
    return Audience(kinds=kinds, counts=counts)
