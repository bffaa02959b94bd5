"""The one true story (issue 23): one organisation built through the real flows, every surface the same numbers.

See tests/results/story_builder.py for the story. Module-scoped: the story is built once (a few hundred
requests) inside a transaction that is rolled back at the end; each test reads it.
"""

import datetime

import pytest
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

from tests.results import story_builder

SETTINGS = {
    # The function-scoped autouse fixtures of tests/conftest.py do not reach a module-scoped build.
    "RATELIMIT_ENABLE": False,
    "AXES_ENABLED": False,
    "CXM_API_RATE": "100000/min",
    "CXM_SCORING_CACHE_SECONDS": 0,
    "CXM_REPORT_EXECUTOR": "inline",
}


@pytest.fixture(scope="module")
def story(django_db_setup, django_db_blocker):
    from tests.conftest import assert_test_database

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch, override_settings(**SETTINGS):
        assert_test_database()
        translation.activate("en")
        with transaction.atomic():
            from models_9plus.services import load_model_file

            version = load_model_file(path=story_builder.real_model_path()).version
            clock = story_builder.Clock(patch, datetime.datetime(2026, 2, 20, 9, tzinfo=datetime.UTC))
            built = story_builder.build(clock, version)
            built.clock = clock
            yield built
            transaction.set_rollback(True)
        translation.deactivate()


def test_built(story, db):
    assert story.spring.status == "closed"
