"""The portfolio sorted by the database: its figure sorts follow the dashboards' own numbers (scoring's, read
from their stored copy only while it is current), and its response-rate sort rounds as the page shows."""

import pytest
from django.core.cache import cache

from assessments.benchmarks.portfolio import PER_PAGE, filtered_and_sorted, page_of, portfolio_rows
from assessments.benchmarks.portfolio_page import portfolio_page
from assessments.organisations.models import Organisation
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.selectors.assessments import newest_rounds_first
from assessments.scoring import score_assessment
from assessments.scoring.models import StoredFigures
from tests import factories
from tests.benchmarks.helpers import closed_org, uniform_answers
from tests.benchmarks.test_portfolio_scale import _clients

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(db):
    return factories.make_user(email="consultant@example.org")


def _all_pages(consultant, sort):
    return [row for number in (1, 2) for row in portfolio_page(user=consultant, sort=sort, page=number)]


def _dashboard_figures(consultant):
    """{organisation name: (index, change)} as the organisations' own dashboards give them."""
    figures = {}
    for organisation in Organisation.objects.filter(memberships__user=consultant):
        latest = newest_rounds_first(Assessment.objects.filter(organisation=organisation)).first()
        if latest is None or latest.status != "closed":
            continue
        index = score_assessment(assessment=latest).index
        before = score_assessment(assessment=latest.previous).index if latest.previous else None
        figures[organisation.name] = (index, None if index is None or before is None else index - before)
    return figures


@pytest.mark.parametrize("cached", [False, True])
@pytest.mark.parametrize("sort", ["index", "-index", "change", "-change"])
def test_figure_sorts_follow_the_dashboards_numbers(cached, sort, consultant, model_version, settings):
    if cached:
        cache.clear()
        settings.CXM_SCORING_CACHE_SECONDS = 3600
    _clients(consultant, model_version, 30)
    shown = _all_pages(consultant, sort)
    assert len(shown) == 30
    dashboards = _dashboard_figures(consultant)
    position = 0 if sort.lstrip("-") == "index" else 1
    # Exactly the dashboards' numbers (the same floats), on every row that has one.
    assert {r.name: (r.index, r.change) for r in shown if r.index is not None} == {
        name: figures for name, figures in dashboards.items() if figures[0] is not None
    }
    numbers = [(r.index, r.change)[position] for r in shown]
    present = [n for n in numbers if n is not None]
    assert len(present) > PER_PAGE // 2  # the order is tested on many rows, across both pages
    assert present == sorted(present, reverse=sort.startswith("-"))
    assert numbers == present + [None] * (len(numbers) - len(present))  # rows without the figure last
    # Ties (the same figure) by name.
    for a, b in zip(shown, shown[1:], strict=False):
        if (a.index, a.change)[position] == (b.index, b.change)[position]:
            assert a.name.casefold() <= b.name.casefold()


def test_a_stored_figure_is_read_only_while_current(consultant, model_version, settings):
    cache.clear()
    settings.CXM_SCORING_CACHE_SECONDS = 3600
    low, low_round = closed_org(model_version=model_version, value=2, name="Low")
    high, _high_round = closed_org(model_version=model_version, value=4, name="High")
    for organisation in (low, high):
        factories.add_member(user=consultant, organisation=organisation, role="consultant")
    assert [r.name for r in portfolio_page(user=consultant, sort="-index")] == ["High", "Low"]
    true_index = score_assessment(assessment=low_round).index
    assert StoredFigures.objects.get(assessment=low_round).index == true_index

    # The stored copy is what the page and its order read...
    StoredFigures.objects.filter(assessment=low_round).update(index=99.0)
    assert [(r.name, r.index) for r in portfolio_page(user=consultant, sort="-index")][0] == ("Low", 99.0)
    # ...only while its inputs are the round's: a changed data version, thresholds or scoring code is scored again.
    bump_data_version(assessment_ids=[low_round.pk])
    assert [(r.name, r.index) for r in portfolio_page(user=consultant, sort="-index")][1] == ("Low", true_index)
    for change in ({"threshold_scores": 3}, {"code": "older-code"}, {"model_version_id": 0}):
        StoredFigures.objects.filter(assessment=low_round).update(index=99.0, **change)
        assert [r.name for r in portfolio_page(user=consultant, sort="-index")] == ["High", "Low"], change
        assert [r.index for r in portfolio_page(user=consultant, sort="name")][1] == true_index, change
    assert StoredFigures.objects.get(assessment=low_round).index == true_index


def test_the_response_rate_sort_rounds_as_the_page_shows(consultant, model_version):
    # (name, invitations, completed): rates 12.5 -> 12 and 62.5 -> 62 (halves to even, as Python's round), 37.5
    # -> 38; "A" and "B" tie at 12 % and go by name, though A's exact rate is the higher.
    for name, invited, completed in [("A", 8, 1), ("B", 25, 3), ("C", 8, 3), ("D", 25, 9), ("E", 8, 5), ("F", 0, 0)]:
        organisation = factories.make_organisation(name=name)
        team = factories.make_team(organisation=organisation)
        scan = factories.make_assessment(organisation=organisation, model_version=model_version, teams=[team])
        Invitation.objects.bulk_create(
            Invitation(
                assessment=scan,
                team=team,
                token_hash=f"{name}{k:063d}",
                completed_on="2026-01-01" if k < completed else None,
            )
            for k in range(invited)
        )
        factories.add_member(user=consultant, organisation=organisation, role="consultant")
    rows = portfolio_rows(user=consultant)
    assert {r.name: r.response_rate for r in rows} == {"A": 12, "B": 12, "C": 38, "D": 36, "E": 62, "F": None}
    for sort, expected in [("rate", "ABDCEF"), ("-rate", "ECDABF")]:
        assert "".join(r.name for r in portfolio_page(user=consultant, sort=sort)) == expected
        assert "".join(r.name for r in filtered_and_sorted(rows, sort=sort)) == expected


@pytest.mark.parametrize("sort", ["name", "-index", "level"])
def test_page_numbers_past_the_end_or_not_numbers_cut_as_the_paginator_does(sort, consultant, model_version):
    _clients(consultant, model_version, 30)
    rows = filtered_and_sorted(portfolio_rows(user=consultant), sort=sort)
    for asked, number in [(None, 1), ("1", 1), (2, 2), ("2", 2), ("3", 2), ("99", 2), ("0", 2), ("-1", 2), ("x", 1)]:
        page = portfolio_page(user=consultant, sort=sort, page=asked)
        expected = page_of(rows, page=asked)
        assert (page.number, page.paginator.count, page.paginator.num_pages) == (number, 30, 2), asked
        assert [r.name for r in page] == [r.name for r in expected], asked
        assert (page.has_next(), page.has_previous(), page.start_index()) == (
            expected.has_next(),
            expected.has_previous(),
            expected.start_index(),
        )


def test_the_change_sort_scores_again_a_previous_round_whose_stored_figures_are_outdated(
    consultant, model_version, settings
):
    cache.clear()
    settings.CXM_SCORING_CACHE_SECONDS = 3600
    previous_rounds = {}
    for name, before, after in [("Grew", 2, 4), ("Flat", 3, 3)]:
        organisation, first = closed_org(model_version=model_version, value=before, name=name)
        team = organisation.teams.get()
        second = factories.make_assessment(
            organisation=organisation, model_version=model_version, teams=[team], status="closed", previous=first
        )
        factories.make_responses(assessment=second, answers=uniform_answers(model_version, after, 5), team=team)
        factories.add_member(user=consultant, organisation=organisation, role="consultant")
        previous_rounds[name] = first
    changes = [(r.name, r.change) for r in portfolio_page(user=consultant, sort="-change")]
    assert changes == [("Grew", 50.0), ("Flat", 0.0)]
    grew_before = StoredFigures.objects.filter(assessment=previous_rounds["Grew"])
    grew_before.update(index=99.0)  # still current: read as it is, in the order and on the row
    assert [(r.name, r.change) for r in portfolio_page(user=consultant, sort="-change")] == [
        ("Flat", 0.0),
        ("Grew", 75.0 - 99.0),
    ]
    grew_before.update(code="older-code")  # outdated: scored again before the order is read
    assert [(r.name, r.change) for r in portfolio_page(user=consultant, sort="-change")] == changes
    assert grew_before.get().index == 25.0
