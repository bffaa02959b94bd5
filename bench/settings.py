"""Production settings plus the benchmark's baseline URL. Only for `make bench`.

Refuses to load unless CXM_BENCH_BASELINE=1, so a deployment can never pick it up by accident;
cxmaturity.settings and cxmaturity.urls stay exactly as production runs them.
"""

import os

from django.core.exceptions import ImproperlyConfigured

if os.environ.get("CXM_BENCH_BASELINE") != "1":
    raise ImproperlyConfigured("bench.settings is for `make bench` only (set CXM_BENCH_BASELINE=1).")

from cxmaturity.settings import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
