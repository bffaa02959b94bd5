"""The scoring result through Django's cache (locmem locally, Redis in production).

The key holds everything on the assessment row that the result depends on: `data_version`, which
every write that can change a result bumps (see `assessments.services.data_version`), and the
thresholds, ambition switch, status, title, previous round and model version, so a result computed
with other settings is never served even if a bump were missed. The result keeps both languages'
labels and is resolved at render time, so one entry serves every language.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from assessments.selectors.scoring.core import score_assessment as compute_result

logger = logging.getLogger(__name__)

# Raise when AssessmentResult or its parts change shape: Redis keeps entries across deploys, and an
# old pickle must not be read by new code.
RESULT_FORMAT = 1


def result_cache_key(*, assessment):
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


def score_assessment(*, assessment):
    """`core.score_assessment`, served from the cache when nothing it depends on has changed."""
    timeout = settings.CXM_SCORING_CACHE_SECONDS
    if not timeout:
        return compute_result(assessment=assessment)
    key = result_cache_key(assessment=assessment)
    try:
        result = cache.get(key)
    except Exception:  # a cache outage must not take the dashboard down: compute instead
        logger.warning("scoring cache unavailable", exc_info=True)
        return compute_result(assessment=assessment)
    if result is None:
        result = compute_result(assessment=assessment)
        try:
            cache.set(key, result, timeout)
        except Exception:
            logger.warning("scoring cache unavailable", exc_info=True)
    return result
