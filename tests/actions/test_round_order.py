"""Rounds are ordered by their dates, never by when they were typed in (issue 23, item 3).

Every test enters an older round AFTER a newer one: creation order and date order disagree on purpose.
"""

import datetime

import pytest
from django.utils import timezone

from assessments.actions.selectors.trend import (
    latest_round,
    next_measurement,
    next_round_started,
    organisation_rounds,
    organisation_trend,
)
from assessments.benchmarks.portfolio import portfolio_rows
from assessments.benchmarks.queries import latest_closed_assessments
from assessments.questionnaire.models import Assessment
from assessments.questionnaire.selectors.assessments import assessments_for, previous_round_choices, round_date
from tests import factories
from tests.benchmarks.helpers import uniform_answers

pytestmark = pytest.mark.django_db


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


def _round(organisation, model_version, team, title, opens, closes, *, status="closed", closed_at=None, value=3):
    assessment = factories.make_assessment(
        organisation=organisation,
        model_version=model_version,
        teams=[team],
        status=status,
        title=title,
        opens_at=opens,
        closes_at=closes,
        closed_at=closed_at if closed_at is not None else (closes if status == "closed" else None),
    )
    if value is not None:
        factories.make_responses(assessment=assessment, answers=uniform_answers(model_version, value, 5), team=team)
    return assessment


@pytest.fixture
def entered_late(model_version):
    """Spring 2026 typed in first, autumn 2025 afterwards (and closed today, as a late entry would be)."""
    organisation = factories.make_organisation(name="Late Co", benchmark_opt_in=True)
    team = factories.make_team(organisation=organisation)
    spring = _round(organisation, model_version, team, "Spring 2026", _at(2026, 3, 2), _at(2026, 3, 27), value=4)
    autumn = _round(
        organisation,
        model_version,
        team,
        "Autumn 2025",
        _at(2025, 9, 12),
        _at(2025, 10, 3),
        closed_at=timezone.now(),
        value=2,
    )
    assert autumn.created_at > spring.created_at
    return organisation, autumn, spring


def test_a_rounds_date_is_when_it_opened_not_when_it_was_typed_in_or_closed(entered_late):
    _organisation, autumn, _spring = entered_late
    assert round_date(autumn) == _at(2025, 9, 12)
    draft = Assessment(opens_at=None, closes_at=None, closed_at=None, created_at=_at(2027, 1, 1))
    assert round_date(draft) == _at(2027, 1, 1)


def test_lists_and_choices_put_the_newest_round_first(entered_late):
    organisation, autumn, spring = entered_late
    assert [a.title for a in assessments_for(organisation=organisation)] == ["Spring 2026", "Autumn 2025"]
    assert [a.title for a in previous_round_choices(organisation=organisation)] == ["Spring 2026", "Autumn 2025"]
    assert [a.title for a in organisation_rounds(organisation=organisation)] == ["Autumn 2025", "Spring 2026"]
    assert latest_round(organisation=organisation) == spring


def test_the_trend_runs_by_date(entered_late):
    organisation, _autumn, _spring = entered_late
    trend = organisation_trend(organisation=organisation, language="en")
    assert [r.assessment.title for r in trend["rounds"]] == ["Autumn 2025", "Spring 2026"]
    assert [r.index for r in trend["rounds"]] == [25.0, 75.0]
    assert [r.date_label for r in trend["rounds"]] == ["September 2025", "March 2026"]


def test_the_portfolio_shows_the_latest_round_by_date(entered_late):
    organisation, _autumn, spring = entered_late
    consultant = factories.make_user(email="late-consultant@example.org")
    factories.add_member(user=consultant, organisation=organisation, role="consultant")
    (row,) = portfolio_rows(user=consultant)
    assert row.assessment.pk == spring.pk
    assert row.index == 75.0


def test_the_benchmark_takes_the_latest_closed_round_by_date(entered_late, model_version):
    _organisation, _autumn, spring = entered_late
    assert list(latest_closed_assessments(model_version_id=model_version.pk)) == [spring]


def test_the_report_never_announces_a_next_round_in_the_past(entered_late):
    organisation, autumn, spring = entered_late
    now = _at(2026, 6, 1)
    # Spring is after autumn, but it opened long ago: nothing is "to come".
    assert next_measurement(assessment=autumn, now=now) is None
    assert next_round_started(assessment=autumn, now=now) == datetime.date(2026, 3, 2)
    # Nothing after spring yet.
    assert next_measurement(assessment=spring, now=now) is None
    assert next_round_started(assessment=spring, now=now) is None
    team = organisation.teams.get()
    later = _round(
        organisation,
        autumn.model_version,
        team,
        "Autumn 2026",
        _at(2026, 9, 14),
        _at(2026, 10, 2),
        status="draft",
        value=None,
    )
    assert next_measurement(assessment=spring, now=now) == datetime.date(2026, 9, 14)
    assert next_measurement(assessment=autumn, now=now) is None  # its next round is spring, long started
    assert next_round_started(assessment=spring, now=now) is None
    assert later.created_at > autumn.created_at


def test_a_still_open_round_without_scores_adds_no_column(entered_late):
    organisation, _autumn, spring = entered_late
    team = organisation.teams.get()
    _round(
        organisation,
        spring.model_version,
        team,
        "Autumn 2026",
        timezone.now() - datetime.timedelta(days=2),
        timezone.now() + datetime.timedelta(days=20),
        status="open",
        value=None,
    )
    trend = organisation_trend(organisation=organisation, language="en")
    assert [r.assessment.title for r in trend["rounds"]] == ["Autumn 2025", "Spring 2026"]


def test_a_report_shows_the_trend_up_to_its_own_round(entered_late):
    organisation, autumn, _spring = entered_late
    trend = organisation_trend(organisation=organisation, language="en", until=autumn)
    assert [r.assessment.title for r in trend["rounds"]] == ["Autumn 2025"]
    assert trend["has_trend"] is False


def test_a_new_model_version_is_marked_as_a_method_break(entered_late):
    organisation, _autumn, spring = entered_late
    team = organisation.teams.get()
    newer = factories.make_model_version()
    _round(organisation, newer, team, "Autumn 2026", _at(2026, 9, 14), _at(2026, 10, 2), value=4)
    trend = organisation_trend(organisation=organisation, language="nl")
    assert [r.method_break for r in trend["rounds"]] == [False, False, True]
    (only,) = trend["method_breaks"]
    assert only["round"].assessment.title == "Autumn 2026"
    assert only["before"].assessment == spring
    assert (only["model"], only["version"]) == (newer.name_nl, newer.version_name)
    assert only["previous_version"] == spring.model_version.version_name
    assert [r.date_label for r in trend["rounds"]] == ["september 2025", "maart 2026", "september 2026"]


def test_the_previous_round_choice_names_the_rounds_date(entered_late):
    from assessments.questionnaire.forms.manage import PreviousRoundChoiceField

    _organisation, autumn, _spring = entered_late
    field = PreviousRoundChoiceField(queryset=Assessment.objects.all())
    assert field.label_from_instance(autumn) == "Autumn 2025 (12-09-2025)"
