import pytest

from tests.questionnaire.respond.builders import make_survey


@pytest.fixture
def survey(org_a, model_version):
    """An open assessment (3 factors x 4 statements, ambition on) with one personal invitation."""
    return make_survey(organisation=org_a, model_version=model_version)


@pytest.fixture
def started(survey, client):
    """A client that opened the invitation link and pressed start: (client, survey)."""
    client.get(survey.link)
    client.post("/r/start/")
    return client, survey


@pytest.fixture
def client_factory():
    """client_factory() -> a fresh anonymous browser (its own cookies and session)."""
    from django.test import Client

    return Client


# --- browser tests ---------------------------------------------------------------------------

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def nineplus(db):
    """The real model content (version 2.1): 7 factors, 50 statements, bilingual."""
    from django.conf import settings

    from models_9plus.services import load_model_file

    return load_model_file(path=str(settings.BASE_DIR / "models_9plus/data/nineplus.yaml")).version


def assert_no_axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
