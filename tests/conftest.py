"""Shared fixtures: the named personas every access test uses.

Organisation A has a manager, a viewer and a consultant (who also serves B);
organisation B has its own manager. `outsider` belongs to nothing.
"""

import os

import pytest
from django.test import Client
from django.test.utils import override_settings
from hypothesis import settings as hypothesis_settings

from tests import factories
from tests.examples import THOROUGH

# Playwright's sync API runs an event loop in the test thread; Django's ORM then
# refuses to run unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# CI runs property tests derandomised (`HYPOTHESIS_PROFILE=ci`, set by .ci/run): a red build is reproducible.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(config, items):
    # `make test` skips the few long runs marked `thorough` (each has a fast twin that it does run);
    # `make test-thorough` and CI set CXM_THOROUGH=1 and run them.
    if THOROUGH:
        return
    skip = pytest.mark.skip(reason="long run: `make test-thorough` (CXM_THOROUGH=1) runs it")
    for item in items:
        if item.get_closest_marker("thorough"):
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _local_memory_cache():
    # Tests never share a cache with a developer's Redis, even when REDIS_URL is exported.
    test_cache = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cxm-tests"}}
    with override_settings(CACHES=test_cache):
        yield


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    # Nearly every test creates personas or signs in: the production hasher (PBKDF2, a million rounds)
    # costs about 0.2 s of CPU per password, a minute of the whole suite. Sign-in, lockout and password
    # tests assert the same outcomes with MD5; settings.PASSWORD_HASHERS itself is not under test.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _static_files_described_once():
    """WhiteNoise describes every static file (headers, compressed variants) whenever its middleware loads,
    which a test Client does once per client: about 10 ms each, a thousand times a run. Each description
    is reused while its file (size, mtime, .gz/.br twins) and the static settings stay the same."""
    from django.conf import settings
    from whitenoise.middleware import WhiteNoiseMiddleware

    describe = WhiteNoiseMiddleware.get_static_file
    scan = WhiteNoiseMiddleware.add_files_from_finders
    described = {}

    def static_settings():
        names = sorted(name for name in dir(settings) if name.startswith("WHITENOISE_"))
        fixed = (settings.DEBUG, settings.STATIC_URL, settings.STORAGES, settings.FORCE_SCRIPT_NAME)
        return repr((fixed, settings.STATICFILES_DIRS, [(name, getattr(settings, name)) for name in names]))

    def add_files_from_finders(self):
        self._cxm_static_settings = static_settings()
        try:
            scan(self)
        finally:
            del self._cxm_static_settings

    def get_static_file(self, path, url, stat_cache=None):
        config = getattr(self, "_cxm_static_settings", None)
        if config is None or stat_cache is None:
            return describe(self, path, url, stat_cache=stat_cache)
        stats = tuple(
            (found.st_size, found.st_mtime_ns) if (found := stat_cache.get(name)) else None
            for name in (path, f"{path}.gz", f"{path}.br")
        )
        key = (config, self.static_prefix, path, url, stats)
        if key not in described:
            described[key] = describe(self, path, url, stat_cache=stat_cache)
        return described[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoiseMiddleware, "add_files_from_finders", add_files_from_finders)
        patch.setattr(WhiteNoiseMiddleware, "get_static_file", get_static_file)
        yield


def assert_test_database():
    """Fixtures that unblock the database themselves call this first: never the developer's own data."""
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    assert name.startswith("test_") or "memory" in name or "/test_" in name, f"not a test database: {name}"


@pytest.fixture(autouse=True)
def _model_content_read_again():
    # Scoring keeps each model version's content per process (scoring.model_content): every test starts
    # without it, so what a test counts or reads does not depend on the tests before it.
    from assessments.scoring import model_content

    model_content.forget()


@pytest.fixture(autouse=True)
def _default_language():
    # A request may leave its language active in the thread (Django resets it per
    # request, not after): every test starts in the default language.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_ratelimit_surprises(settings):
    # Rate limits and lockout have their own tests; elsewhere they only add noise.
    settings.RATELIMIT_ENABLE = False
    settings.AXES_ENABLED = False
    settings.CXM_API_RATE = "100000/min"


@pytest.fixture(autouse=True)
def _no_scoring_cache(settings):
    # Tests see every computation (and its query count) unless they test the cache itself:
    # tests/results/test_result_cache.py turns it back on with the `scoring_cache` fixture.
    settings.CXM_SCORING_CACHE_SECONDS = 0


@pytest.fixture
def scoring_cache(settings):
    """The scoring result cache switched on, starting empty."""
    from django.core.cache import cache

    cache.clear()
    settings.CXM_SCORING_CACHE_SECONDS = 3600
    yield
    cache.clear()


@pytest.fixture
def org_a(db):
    return factories.make_organisation(name="Acme Care")


@pytest.fixture
def org_b(db):
    return factories.make_organisation(name="Bolt Energy")


@pytest.fixture
def manager_a(org_a):
    user = factories.make_user(email="manager.a@example.org")
    factories.add_member(user=user, organisation=org_a, role="manager")
    return user


@pytest.fixture
def viewer_a(org_a):
    user = factories.make_user(email="viewer.a@example.org")
    factories.add_member(user=user, organisation=org_a, role="viewer")
    return user


@pytest.fixture
def consultant_ab(org_a, org_b):
    user = factories.make_user(email="consultant@example.org")
    factories.add_member(user=user, organisation=org_a, role="consultant")
    factories.add_member(user=user, organisation=org_b, role="consultant")
    return user


@pytest.fixture
def manager_b(org_b):
    user = factories.make_user(email="manager.b@example.org")
    factories.add_member(user=user, organisation=org_b, role="manager")
    return user


@pytest.fixture
def outsider(db):
    return factories.make_user(email="outsider@example.org")


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for():
    """client_for(user) -> a logged-in test client."""
    return _client_for


@pytest.fixture
def model_version(db):
    return factories.make_model_version()


# --- browser tests ---------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """One headless system Chromium per test process, shared by every browser test.

    Playwright's sync API allows one running instance per thread, so browser tests
    must not start their own while this one is alive.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _chart_browser_per_worker():
    from assessments.results.services import chart_export

    yield chart_export
    # The warm Chromium runs in a daemon thread: closed here, it never outlives the test process.
    chart_export.stop_warm()


@pytest.fixture(autouse=True)
def _warm_chart_export(_chart_browser_per_worker):
    # Every real PDF in the suite draws its charts in one Chromium per test process, kept warm as the
    # Celery worker keeps it, instead of starting a browser per report (about two seconds of CPU each).
    # The exporter's own tests (tests/results/report/test_chart_export.py) start cold and choose their mode.
    _chart_browser_per_worker.keep_warm()


@pytest.fixture
def structure(org_a):
    """Two top-level teams (one with a sub-team) and a management and a staff role."""
    sales = factories.make_team(organisation=org_a, name="Sales")
    service = factories.make_team(organisation=org_a, name="Service")
    service_north = factories.make_team(organisation=org_a, name="Service North", parent=service)
    board = factories.make_role(organisation=org_a, name="Board", is_management=True, order=1)
    front = factories.make_role(organisation=org_a, name="Front office", order=2)
    return {"sales": sales, "service": service, "north": service_north, "board": board, "front": front}


@pytest.fixture
def make_scan(org_a, model_version, structure):
    """make_scan(sizes={(team, role): count}, **extra) -> an assessment with random answers per cell."""

    def make(*, sizes, seed=0, **extra):
        assessment = factories.make_assessment(
            organisation=org_a,
            model_version=model_version,
            teams=[structure["sales"], structure["service"], structure["north"]],
            roles=[structure["board"], structure["front"]],
            **extra,
        )
        for i, ((team, role), count) in enumerate(sizes.items()):
            if count:
                factories.make_random_responses(
                    assessment=assessment,
                    count=count,
                    team=structure[team] if team else None,
                    role=structure[role] if role else None,
                    seed=seed + i,
                )
        return assessment

    return make


@pytest.fixture(autouse=True)
def _reports_render_inline(settings):
    # Without a broker, reports render in a background thread; tests render them during the request so
    # that they stay deterministic. tests/results/report/test_executor.py uses the real thread.
    settings.CXM_REPORT_EXECUTOR = "inline"
