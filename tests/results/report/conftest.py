import os

import pytest

from tests import factories
from tests.results.report.builders import build_scenario

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def scenario(org_a):
    """Acme Care's second round: four teams (Legal too small to show), management and staff, comments."""
    return build_scenario(model_version=factories.make_model_version(code="reportmodel", factors=3), organisation=org_a)


@pytest.fixture
def fake_pdf(monkeypatch):
    """Replace the slow renderer: returns the list of (assessment id, language) it was asked for."""
    calls = []

    def build(*, assessment, language):
        calls.append((assessment.public_id, language))
        return b"%PDF-1.7 fake report"

    monkeypatch.setattr("assessments.results.services.report_document.build_report_pdf", build)
    return calls
