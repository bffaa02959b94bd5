"""Themes on comments: the starter set, tags, keyword suggestions in both languages, search, counts and picks."""

import pytest

from assessments.comments import services
from assessments.comments.keywords import contains, matching_keywords
from assessments.comments.models import PickedQuote, Tag, Theme
from assessments.comments.selectors.board import comment_board
from assessments.comments.selectors.quotes import picked_quotes
from assessments.comments.starter import STARTER_THEMES
from assessments.scoring.groups import team_key
from tests import factories
from tests.comments.conftest import add_customers, answers

pytestmark = pytest.mark.django_db


def _theme(org, scope, en, nl, kw_en="", kw_nl=""):
    return services.save_theme(
        organisation=org, actor=None, scope=scope, name_en=en, name_nl=nl, keywords_en=kw_en, keywords_nl=kw_nl
    )


def _target(board, text):
    row = next(r for r in board.rows if r.text == text)
    return services.Target(scope=row.scope, comment_id=row.comment_id, customer_response_id=row.customer_response_id)


def test_every_factor_of_the_model_has_four_to_six_starter_themes_in_both_languages():
    import pathlib

    import yaml

    data = yaml.safe_load(pathlib.Path("models_9plus/data/nineplus.yaml").read_text(encoding="utf-8"))
    codes = {f["code"] for f in data["factors"]} | {"customers"}
    assert set(STARTER_THEMES) == codes
    for themes in STARTER_THEMES.values():
        assert 4 <= len(themes) <= 6
        for theme in themes:
            assert all([theme.name_en, theme.name_nl, theme.keywords_en, theme.keywords_nl])


def test_adding_the_starter_themes_twice_adds_them_once(org_a):
    assert services.add_starter_themes(organisation=org_a, scopes=["employee_empowerment"], actor=None) == 5
    assert services.add_starter_themes(organisation=org_a, scopes=["employee_empowerment"], actor=None) == 0
    assert Theme.objects.filter(organisation=org_a).count() == 5


@pytest.mark.parametrize(
    ("text", "keywords", "found"),
    [
        ("De werkdrukte is hoog", ["werkdruk", "tijd"], ["werkdruk"]),
        ("Wij hebben geen TIJD", ["werkdruk", "tijd"], ["tijd"]),
        ("De enquête is te lang", ["enquete"], ["enquete"]),
        ("Zij ontvingen niets", ["tijd"], []),  # the start of a word, not anywhere
        ("Nothing happens after the survey", ["nothing happens"], ["nothing happens"]),
        ("happens nothing", ["nothing happens"], []),
    ],
)
def test_a_keyword_matches_the_start_of_a_word_whatever_the_case_and_accents(text, keywords, found):
    assert matching_keywords(text, keywords) == found


def test_suggestions_come_from_the_keywords_of_both_languages_the_comments_own_first(scan, org_a):
    workload = _theme(org_a, "f1", "Workload", "Werkdruk", "workload, high", "werkdruk, hoog")
    board = comment_board(assessment=scan, language="en")
    suggested = {r.text: r.suggestions for r in board.rows}
    # A Dutch comment: the Dutch keywords first; an English one: the English keywords first.
    assert [(s.theme, s.keywords) for s in suggested["De werkdrukte is veel te hoog."]] == [
        (workload, ("werkdruk", "hoog"))
    ]
    assert [(s.theme, s.keywords) for s in suggested["The workload is too high."]] == [(workload, ("workload", "high"))]
    assert suggested["Meer opleiding graag"] == []


def test_a_dutch_sentence_in_the_english_questionnaire_still_gets_its_suggestion(org_a, model_version):
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version)
    factories.make_responses(
        assessment=assessment, answers=answers(model_version, 7), language="en", comments=[{"f1": "Te veel werkdruk"}]
    )
    workload = _theme(org_a, "f1", "Workload", "Werkdruk", "workload", "werkdruk")
    [row] = comment_board(assessment=assessment, language="en").rows
    assert [(s.theme, s.keywords) for s in row.suggestions] == [(workload, ("werkdruk",))]


def test_accepting_and_rejecting_a_suggestion(scan, org_a):
    workload = _theme(org_a, "f1", "Workload", "Werkdruk", "workload", "werkdruk")
    board = comment_board(assessment=scan, language="en")
    services.tag(assessment=scan, target=_target(board, "De werkdrukte is veel te hoog."), theme=workload)
    services.tag(assessment=scan, target=_target(board, "De werkdrukte is veel te hoog."), theme=workload)
    services.tag(assessment=scan, target=_target(board, "The workload is too high."), theme=workload, accepted=False)
    board = comment_board(assessment=scan, language="en")
    rows = {r.text: r for r in board.rows}
    assert rows["De werkdrukte is veel te hoog."].themes == [workload]
    assert rows["De werkdrukte is veel te hoog."].suggestions == []
    assert rows["The workload is too high."].themes == []
    assert rows["The workload is too high."].suggestions == []  # rejected: not offered again
    assert Tag.objects.count() == 2
    services.untag(assessment=scan, target=_target(board, "The workload is too high."), theme=workload)
    rows = {r.text: r for r in comment_board(assessment=scan, language="en").rows}
    assert [s.theme for s in rows["The workload is too high."].suggestions] == [workload]


def test_a_theme_of_another_factor_or_organisation_is_refused(scan, org_a, org_b):
    board = comment_board(assessment=scan, language="en")
    target = _target(board, "Meer opleiding graag")
    with pytest.raises(services.WrongTheme):
        services.tag(assessment=scan, target=target, theme=_theme(org_a, "f2", "Other", "Ander"))
    with pytest.raises(services.WrongTheme):
        services.tag(assessment=scan, target=target, theme=_theme(org_b, "f1", "Theirs", "Van hen"))
    assert Tag.objects.count() == 0


def test_counts_per_theme_per_factor_and_per_visible_team(scan, org_a, teams):
    alpha = teams[0]
    workload = _theme(org_a, "f1", "Workload", "Werkdruk")
    training = _theme(org_a, "f1", "Training", "Opleiding")
    board = comment_board(assessment=scan, language="en")
    for text in ("De werkdrukte is veel te hoog.", "The workload is too high.", "Gamma zegt: de enquete is te lang."):
        services.tag(assessment=scan, target=_target(board, text), theme=workload)
    services.tag(assessment=scan, target=_target(board, "Meer opleiding graag"), theme=training)
    board = comment_board(assessment=scan, language="en")
    assert [t.key for t in board.visibility.teams] == [team_key(alpha.public_id)]
    counts = [(c.theme, c.total, c.per_team) for c in board.counts["f1"]]
    assert counts == [(None, 5, (2,)), (training, 1, (1,)), (workload, 3, (1,))]
    assert [(c.theme, c.total) for c in board.counts["f2"]] == [(None, 1)]


def test_search_and_theme_filter(scan, org_a):
    workload = _theme(org_a, "f1", "Workload", "Werkdruk")
    board = comment_board(assessment=scan, language="en")
    services.tag(assessment=scan, target=_target(board, "The workload is too high."), theme=workload)
    board = comment_board(assessment=scan, language="en")
    assert [r.text for r in board.filtered(query="TOO high")] == ["The workload is too high."]
    assert [r.text for r in board.filtered(query="enquête")] == ["Gamma zegt: de enquete is te lang."]
    assert [r.text for r in board.filtered(scope="f2")] == ["Alpha f2"]
    assert [r.text for r in board.filtered(theme=workload.public_id)] == ["The workload is too high."]
    assert board.filtered(scope="f2", query="workload") == []
    assert contains("Één woord", "een")


def test_picked_quotes_per_factor_then_customers_and_picking_twice_is_harmless(scan):
    add_customers(scan, ["Bel me terug"], extra=6)
    board = comment_board(assessment=scan, language="en")
    for text in ("The workload is too high.", "Meer opleiding graag", "Alpha f2", "Bel me terug"):
        services.set_picked(assessment=scan, target=_target(board, text), picked=True)
    services.set_picked(assessment=scan, target=_target(board, "Alpha f2"), picked=True)
    assert PickedQuote.objects.count() == 4
    groups = picked_quotes(assessment=scan, language="nl")
    assert [(g.code, g.title, g.quotes) for g in groups] == [
        ("f1", "Factor 1 (nl)", ("Meer opleiding graag", "The workload is too high.")),
        ("f2", "Factor 2 (nl)", ("Alpha f2",)),
        ("customers", "Klanten", ("Bel me terug",)),
    ]
    services.set_picked(assessment=scan, target=_target(board, "Alpha f2"), picked=False)
    assert [g.code for g in picked_quotes(assessment=scan, language="en")] == ["f1", "customers"]
    assert comment_board(assessment=scan, language="en").rows[0].picked in (True, False)


def test_picked_quotes_disappear_when_the_comments_fall_below_the_threshold(scan):
    board = comment_board(assessment=scan, language="en")
    services.set_picked(assessment=scan, target=_target(board, "Alpha f2"), picked=True)
    scan.threshold_comments = 50
    scan.save()
    assert picked_quotes(assessment=scan, language="en") == ()


def test_deleting_a_theme_takes_it_off_every_comment(scan, org_a):
    theme = _theme(org_a, "f1", "Workload", "Werkdruk")
    board = comment_board(assessment=scan, language="en")
    services.tag(assessment=scan, target=_target(board, "The workload is too high."), theme=theme)
    services.delete_theme(theme=theme, actor=None)
    assert Tag.objects.count() == 0


def test_the_results_layer_reads_the_same_picks_for_the_pdf_and_the_deck(scan):
    from assessments.results import contributions

    add_customers(scan, ["Bel me terug"], extra=6)
    assert contributions.picked_quotes(assessment=scan, language="en") == {}
    board = comment_board(assessment=scan, language="en")
    for text in ("Alpha f2", "Bel me terug"):
        services.set_picked(assessment=scan, target=_target(board, text), picked=True)
    assert contributions.picked_quotes(assessment=scan, language="en") == {
        "f2": ("Alpha f2",),
        "customers": ("Bel me terug",),
    }
