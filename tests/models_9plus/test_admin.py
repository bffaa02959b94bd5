"""The admin shows model content read-only: versions are immutable."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from models_9plus.models import Action, Advice, Factor, Level, MaturityModel, ModelVersion, ScaleOption, Statement
from models_9plus.services import load_model_file
from tests import factories
from tests.models_9plus.conftest import NINEPLUS_V1_PATH, NINEPLUS_V2_PATH

pytestmark = pytest.mark.django_db
CONTENT_MODELS = [MaturityModel, ModelVersion, Factor, Statement, Advice, Action]


@pytest.fixture
def superuser():
    return factories.make_user(email="admin@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def version():
    return load_model_file(path=NINEPLUS_V1_PATH).version


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m.__name__)
def test_even_a_superuser_can_only_view(model, superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    model_admin = admin.site._registry[model]

    permissions = (
        model_admin.has_view_permission(request),
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request),
        model_admin.has_delete_permission(request),
    )

    assert permissions == (True, False, False, False)


def test_inlines_are_read_only_too(superuser, version):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    version_admin = admin.site._registry[ModelVersion]

    inlines = version_admin.get_inline_instances(request, version)

    assert [inline.model for inline in inlines] == [ScaleOption, Level, Factor]
    assert {
        (inline.has_add_permission(request, version), inline.has_change_permission(request, version))
        for inline in inlines
    } == {(False, False)}


def test_admin_pages_show_content_without_save_buttons(client_for, superuser, version):
    client = client_for(superuser)
    factor = version.factors.get(code="customer_strategy")

    pages = {
        "versions": client.get("/admin/models_9plus/modelversion/"),
        "version": client.get(f"/admin/models_9plus/modelversion/{version.pk}/change/"),
        "factor": client.get(f"/admin/models_9plus/factor/{factor.pk}/change/"),
        "statements": client.get("/admin/models_9plus/statement/"),
        "advice": client.get("/admin/models_9plus/advice/"),
        "models": client.get("/admin/models_9plus/maturitymodel/"),
    }

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert 'name="_save"' not in pages["version"].content.decode()
    assert "Customer Strategy" in pages["version"].content.decode()
    assert "Our strategy states in concrete terms" in pages["factor"].content.decode()
    assert "used by 0 assessments" in pages["versions"].content.decode()


def test_admin_refuses_to_change_a_version(client_for, superuser, version):
    client = client_for(superuser)

    response = client.post(f"/admin/models_9plus/modelversion/{version.pk}/change/", {"name_en": "Hacked"})
    delete = client.post(f"/admin/models_9plus/modelversion/{version.pk}/delete/", {"post": "yes"})

    assert (response.status_code, delete.status_code) == (403, 403)
    version.refresh_from_db()
    assert version.name_en == "9+ Organisation Maturity Model"


def test_versions_show_how_many_assessments_use_them(client_for, superuser, version, org_a):
    factories.make_assessment(organisation=org_a, model_version=version)
    factories.make_assessment(organisation=org_a, model_version=version)

    page = client_for(superuser).get("/admin/models_9plus/modelversion/").content.decode()
    detail = client_for(superuser).get(f"/admin/models_9plus/modelversion/{version.pk}/change/").content.decode()

    assert "used by 2 assessments" in page
    assert "used by 2 assessments" in detail


def test_admin_shows_the_v2_level_texts_and_action_library(client_for, superuser):
    v2 = load_model_file(path=NINEPLUS_V2_PATH).version
    client = client_for(superuser)
    factor = v2.factors.get(code="customer_strategy")

    factor_page = client.get(f"/admin/models_9plus/factor/{factor.pk}/change/")
    actions_page = client.get("/admin/models_9plus/action/")

    assert (factor_page.status_code, actions_page.status_code) == (200, 200)
    html = factor_page.content.decode()
    assert "Find one sponsor in the management team" in html
    assert "There is no written choice of customers or experience yet." in html
    assert 'name="_save"' not in html
    assert "cs-find-one-sponsor" in actions_page.content.decode()
