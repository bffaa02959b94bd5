"""The report's drawn chart SVGs, kept in Django's cache (locmem locally, Redis in production).

Drawing needs Chromium, which holds 200-400 MB while it runs. A report of unchanged data (the next
download, a retry, another worker process) reuses the SVGs and never starts the browser, so the
browser can close right after drawing. The key holds the assessment, its `data_version` (bumped by
every write that changes results), the language, the export size and a hash of the figure itself
and of the exporting code: a renamed team, a changed chart definition or a new plotly can never be
served an old picture, and a submit always draws afresh.
"""

import hashlib
import logging
from collections.abc import Callable, Mapping

import plotly
import plotly.io
from django.conf import settings
from django.core.cache import cache

from assessments.questionnaire.models import Assessment
from assessments.results.services import chart_export
from assessments.scoring.cache import code_fingerprint

logger = logging.getLogger(__name__)

CHART_FORMAT = f"{code_fingerprint(chart_export)}:{plotly.__version__}"

# (figure, width px, height px), as chart_export.figures_to_svg takes them.
ChartSpec = tuple[object, int, int]


def chart_cache_key(*, assessment: Assessment, language: str, figure: object, width: int, height: int) -> str:
    spec = plotly.io.to_json(figure, validate=False, remove_uids=True)
    digest = hashlib.sha256(f"{CHART_FORMAT}\x1f{width}x{height}\x1f{spec}".encode()).hexdigest()
    return f"cxm:chart-svg:{assessment.public_id}:{assessment.data_version}:{language}:{digest[:32]}"


def _timeout() -> int:
    return getattr(settings, "CXM_CHART_CACHE_SECONDS", 7 * 24 * 3600)


def cached_svgs(
    *,
    assessment: Assessment,
    language: str,
    specs: Mapping[str, ChartSpec],
    draw: Callable[[list[ChartSpec]], list[str]],
) -> dict[str, str]:
    """{name: svg} for every spec: from the cache where drawn before, the rest drawn in one batch by draw()."""
    keys = {
        name: chart_cache_key(assessment=assessment, language=language, figure=fig, width=width, height=height)
        for name, (fig, width, height) in specs.items()
    }
    timeout = _timeout()
    found: dict[str, str] = {}
    if timeout:
        try:
            found = cache.get_many(list(keys.values()))
        except Exception:  # a cache outage costs a drawing, never the report
            logger.warning("chart cache unavailable", exc_info=True)
    svgs = {name: found[key] for name, key in keys.items() if key in found}
    missing = [name for name in specs if name not in svgs]
    if missing:
        drawn = draw([specs[name] for name in missing])
        fresh = dict(zip(missing, drawn, strict=True))
        svgs.update(fresh)
        if timeout:
            try:
                cache.set_many({keys[name]: svg for name, svg in fresh.items()}, timeout)
            except Exception:
                logger.warning("chart cache unavailable", exc_info=True)
    return svgs
