"""The benchmark's one-insert baseline view never exists outside `make bench`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_production_urls_have_no_baseline_view(client):
    assert client.post("/bench/baseline/", {}).status_code == 404


def test_bench_settings_refuse_to_load_without_the_bench_flag():
    env = {k: v for k, v in os.environ.items() if k != "CXM_BENCH_BASELINE"}
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "bench.settings is for `make bench` only" in result.stderr
