"""The scoring result through Django's cache (locmem locally, Redis in production).

The key holds everything on the assessment row that the result depends on: `data_version`, which
every write that can change a result bumps (see `assessments.questionnaire.data_version`), and the
thresholds, ambition switch, status, title, previous round and model version, so a result computed
with other settings is never served even if a bump were missed. The result keeps both languages'
labels and is resolved at render time, so one entry serves every language.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from assessments.questionnaire.models import Assessment
from assessments.scoring import (
    anonymity,
    audience,
    cells,
    fold,
    groups,
    lenses,
    level,
    organisations,
    queries,
    statistics,
    tally,
)
from assessments.scoring import result as scoring_result
from assessments.scoring import score as core
from assessments.scoring.organisations import OrganisationScores
from assessments.scoring.result import AssessmentResult

logger = logging.getLogger(__name__)
T = TypeVar("T")


def code_fingerprint(*modules: ModuleType) -> str:
    """A short hash of the modules' source: Redis keeps entries across deploys, and a result computed
    (or pickled) by older code must not be served by newer code."""
    digest = hashlib.sha256()
    for module in modules:
        assert module.__file__ is not None  # these are source modules, loaded from files
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


RESULT_FORMAT = code_fingerprint(
    scoring_result,
    core,
    queries,
    statistics,
    groups,
    anonymity,
    audience,
    fold,
    lenses,
    organisations,
    level,
    tally,
    cells,
)


def result_cache_key(*, assessment: Assessment) -> str:
    a = assessment
    parts = (
        RESULT_FORMAT,
        a.public_id,  # not the integer id: ids can be reused (SQLite after a rollback), UUIDs are not
        a.data_version,
        a.model_version_id,
        a.threshold_scores,
        a.threshold_comments,
        a.threshold_spread,
        int(a.ask_ambition),
        a.status,
        a.previous_id,
        a.title,
    )
    # Hashed: titles hold spaces and any character, which cache backends may refuse in keys.
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return f"cxm:score:{a.public_id}:{a.data_version}:{digest[:32]}"


def get_or_compute(key: str, compute: Callable[[], T]) -> T:
    """compute() through the cache under `key`; computed every time when the cache is off or down."""
    timeout = settings.CXM_SCORING_CACHE_SECONDS
    if not timeout:
        return compute()
    try:
        value: T | None = cache.get(key)
    except Exception:  # a cache outage must not take the dashboard down: compute instead
        logger.warning("scoring cache unavailable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("scoring cache unavailable", exc_info=True)
    return value


def score_assessment(*, assessment: Assessment) -> AssessmentResult:
    """`core.score_assessment`: the scores served from the cache when nothing they depend on has changed,
    the level's customer condition read fresh (scoring.level: customer answers do not bump data_version)."""
    scores = get_or_compute(result_cache_key(assessment=assessment), lambda: core.score_scores(assessment=assessment))
    return level.with_customers(scores, assessment=assessment)


def cached_organisation_scores(*, assessments: Iterable[Assessment]) -> dict[int, OrganisationScores]:
    """`organisations.organisation_scores` through the cache, one entry per assessment under a key that holds
    everything the dashboard's result key holds (`result_cache_key`): one read for all of them, the missing
    ones computed in one pass (scoring's fixed number of queries) and stored. The level is not in it: the
    caller sets it by `organisations.organisation_levels`, whose customer condition is read fresh."""
    assessments = list(assessments)
    timeout = settings.CXM_SCORING_CACHE_SECONDS
    if not timeout or not assessments:
        return organisations.organisation_scores(assessments=assessments)
    keys = {f"cxm:orgscores:{result_cache_key(assessment=a)}": a for a in assessments}
    try:
        found: dict[str, OrganisationScores] = cache.get_many(list(keys))
    except Exception:  # a cache outage must not take the portfolio down: compute instead
        logger.warning("scoring cache unavailable", exc_info=True)
        return organisations.organisation_scores(assessments=assessments)
    missing = [a for key, a in keys.items() if key not in found]
    computed = organisations.organisation_scores(assessments=missing) if missing else {}
    if computed:
        try:
            cache.set_many({key: computed[a.pk] for key, a in keys.items() if a.pk in computed}, timeout)
        except Exception:
            logger.warning("scoring cache unavailable", exc_info=True)
    scores = {a.pk: found[key] for key, a in keys.items() if key in found}
    scores.update(computed)
    return scores
