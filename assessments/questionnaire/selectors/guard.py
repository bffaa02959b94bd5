"""Suspicious responses through open team links, for the progress page: flags, never answers.

A flag is a hint for the manager, not a verdict: colleagues in one office may well send their answers
within minutes of each other. Only the manager decides to exclude a response (services/guard.py).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Q

from assessments.questionnaire.models import Assessment, Response

# Many submissions from one network within a short time.
BURST_SIZE = 3
BURST_WINDOW = timedelta(minutes=10)
# Faster than anyone can read the statements: seconds per answered statement.
FAST_SECONDS_PER_ANSWER = 2

FLAG_BURST = "burst"
FLAG_IDENTICAL = "identical"
FLAG_FAST = "fast"


@dataclass
class FlaggedResponse:
    public_id: str
    team: str
    submitted_at: object
    excluded: bool
    flags: list[str] = field(default_factory=list)


def _burst_ids(rows: Iterable[Mapping[str, Any]]) -> set[int]:
    by_network: defaultdict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["network_hash"]:
            by_network[row["network_hash"]].append(row)
    flagged: set[int] = set()
    for group in by_network.values():
        times = sorted(r["submitted_at"] for r in group)
        for row in group:
            near = sum(1 for t in times if abs(t - row["submitted_at"]) <= BURST_WINDOW)
            if near >= BURST_SIZE:
                flagged.add(row["pk"])
    return flagged


def flagged_responses(*, assessment: Assessment) -> list[FlaggedResponse]:
    """Submitted team-link responses with at least one flag, and every excluded one (one query)."""
    rows = list(
        Response.objects.filter(assessment=assessment, from_team_link=True, submitted_at__isnull=False)
        .annotate(answered=Count("answers", filter=Q(answers__current__isnull=False)))
        .order_by("submitted_at")
        .values(
            "pk",
            "public_id",
            "team__name",
            "started_at",
            "submitted_at",
            "network_hash",
            "answers_fingerprint",
            "excluded_at",
            "answered",
        )
    )
    burst = _burst_ids(rows)
    fingerprints = Counter(r["answers_fingerprint"] for r in rows if r["answers_fingerprint"])
    result = []
    for row in rows:
        flags = []
        if row["pk"] in burst:
            flags.append(FLAG_BURST)
        if fingerprints[row["answers_fingerprint"]] > 1:
            flags.append(FLAG_IDENTICAL)
        started, submitted = row["started_at"], row["submitted_at"]
        seconds = (submitted - started).total_seconds() if started and submitted else None
        if seconds is not None and seconds < row["answered"] * FAST_SECONDS_PER_ANSWER:
            flags.append(FLAG_FAST)
        if flags or row["excluded_at"]:
            result.append(
                FlaggedResponse(
                    public_id=str(row["public_id"]),
                    team=row["team__name"] or "",
                    submitted_at=row["submitted_at"],
                    excluded=row["excluded_at"] is not None,
                    flags=flags,
                )
            )
    return result
