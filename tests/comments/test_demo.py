"""The demo shows comment themes at work: the suggested themes, some tags, picked quotes, and suggestions
left to accept; seeding twice changes nothing."""

import pytest
from django.core.management import call_command

from assessments.comments.models import CUSTOMERS, PickedQuote, Tag, Theme
from assessments.comments.selectors.board import comment_board
from assessments.comments.selectors.quotes import picked_quotes
from assessments.questionnaire.models import Assessment

pytestmark = pytest.mark.django_db


def test_seed_demo_tags_themes_and_picks_quotes_once():
    call_command("load_maturity_model", "models_9plus/data/nineplus.yaml", verbosity=0)
    call_command("seed_demo", "--respondents", "40", verbosity=0)
    counts = (Theme.objects.count(), Tag.objects.count(), PickedQuote.objects.count())
    call_command("seed_demo", "--respondents", "40", verbosity=0)
    assert (Theme.objects.count(), Tag.objects.count(), PickedQuote.objects.count()) == counts
    assert counts[0] == 7 * 4 + 1 + 5  # four per factor (five for empowerment), five for the customers
    assessment = Assessment.objects.get(title="CX-scan voorjaar 2026")
    board = comment_board(assessment=assessment, language="nl")
    assert board.visibility.visible
    assert any(row.themes for row in board.rows)
    assert any(row.suggestions for row in board.rows)
    groups = picked_quotes(assessment=assessment, language="nl")
    assert 2 <= len(groups) <= 5
    assert all(len(g.quotes) == 1 for g in groups)
    assert CUSTOMERS in {g.code for g in groups}
