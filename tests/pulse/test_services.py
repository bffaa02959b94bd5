"""The pulse's writes: the programme, answering (once per month, again replaces), switching off and on."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.organisations.models import ActivityLog
from assessments.pulse import selectors, services
from assessments.pulse.models import PulseAnswer, PulseParticipant, PulseProgramme
from assessments.pulse.months import month_of
from tests.pulse.conftest import answer, membership_of, months_back, participant

pytestmark = pytest.mark.django_db


def test_programme_ends_two_years_after_its_start_by_default(programme):
    start = programme.started_on
    assert programme.ends_on == datetime.date(start.year + 2, start.month, start.day)
    assert programme.sponsor_since is None
    assert sorted(p.kind for p in programme.participants.all()) == ["ambassador", "lead"]
    assert list(ActivityLog.objects.values_list("verb", "object_repr")) == [("created", "Energy pulse")]


def test_saving_the_same_choice_again_changes_nothing(org_a, people, programme):
    before = sorted(PulseParticipant.objects.values_list("pk", "membership_id", "kind"))
    services.save_programme(
        organisation=org_a,
        actor=people["setter"],
        started_on=programme.started_on,
        ends_on=programme.ends_on,
        sponsor=programme.sponsor,
        lead=membership_of(people["lead"], org_a),
        ambassadors=[membership_of(people["ambassador"], org_a)],
    )
    assert PulseProgramme.objects.count() == 1
    assert sorted(PulseParticipant.objects.values_list("pk", "membership_id", "kind")) == before
    assert PulseProgramme.objects.get().sponsor_since is None


def _save(org_a, people, **change):
    data = {
        "organisation": org_a,
        "actor": people["setter"],
        "started_on": timezone.localdate(),
        "ends_on": None,
        "sponsor": membership_of(people["sponsor"], org_a),
        "lead": membership_of(people["lead"], org_a),
        "ambassadors": [membership_of(people["ambassador"], org_a)],
    }
    return services.save_programme(**{**data, **change})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sponsor": "lead"}, "sponsor"),
        ({"sponsor": "ambassador"}, "sponsor"),
        ({"ambassadors": ["lead"]}, "ambassadors"),
        ({"lead": None, "ambassadors": []}, "lead"),
        ({"ends_on": "start"}, "ends_on"),
    ],
)
def test_programme_refuses_impossible_choices(org_a, people, change, field):
    today = timezone.localdate()
    resolved = {}
    for key, value in change.items():
        if value == "start":
            resolved[key] = today
        elif isinstance(value, list):
            resolved[key] = [membership_of(people[v], org_a) for v in value]
        elif isinstance(value, str):
            resolved[key] = membership_of(people[value], org_a)
        else:
            resolved[key] = value
    with pytest.raises(ValidationError) as error:
        _save(org_a, people, **resolved)
    assert list(error.value.message_dict) == [field]
    assert PulseProgramme.objects.count() == 0


def test_someone_of_another_organisation_cannot_take_part(org_a, org_b, manager_b, people):
    with pytest.raises(ValidationError):
        _save(org_a, people, ambassadors=[membership_of(manager_b, org_b)])


def test_answer_and_answer_again_the_same_month(programme, people):
    lead = participant(programme, people["lead"])
    today = timezone.localdate()
    services.answer_pulse(
        participant=lead, today=today, energy=4, sponsor_support=3, priority=2, note="first", language="nl"
    )
    services.answer_pulse(participant=lead, today=today, energy=2, sponsor_support=5, priority=1, note="")
    rows = list(
        PulseAnswer.objects.values_list("participant_id", "month", "energy", "sponsor_support", "priority", "note")
    )
    assert rows == [(lead.pk, month_of(today), 2, 5, 1, "")]
    lead.refresh_from_db()
    assert lead.language == "nl"  # the language answered in last; an empty one keeps it


def test_answers_only_while_the_programme_runs(org_a, people):
    start = timezone.localdate() + datetime.timedelta(days=40)
    programme = _save(org_a, people, started_on=start)
    lead = participant(programme, people["lead"])
    with pytest.raises(ValidationError):
        services.answer_pulse(participant=lead, today=timezone.localdate(), energy=3, sponsor_support=3, priority=3)
    last_day = programme.ends_on - datetime.timedelta(days=1)
    services.answer_pulse(participant=lead, today=last_day, energy=3, sponsor_support=3, priority=3)
    with pytest.raises(ValidationError):
        services.answer_pulse(participant=lead, today=programme.ends_on, energy=3, sponsor_support=3, priority=3)
    assert PulseAnswer.objects.count() == 1


def test_switching_off_stops_answers_and_hides_them_from_the_sponsor(programme, people, answered):
    lead = participant(programme, people["lead"])
    services.switch_pulse(participant=lead, on=False)
    first_off = PulseParticipant.objects.get(pk=lead.pk).switched_off_at
    services.switch_pulse(participant=lead, on=False)  # twice is once
    assert PulseParticipant.objects.get(pk=lead.pk).switched_off_at == first_off
    with pytest.raises(ValidationError):
        services.answer_pulse(participant=lead, today=timezone.localdate(), energy=3, sponsor_support=3, priority=3)
    trends = {t.name: t for t in selectors.sponsor_trends(programme=programme)}
    assert trends["Lead Test"].switched_off
    assert trends["Lead Test"].points == []
    assert not trends["Lead Test"].signal
    assert len(selectors.own_answers(participant=lead)) == 6  # kept for the person
    services.switch_pulse(participant=lead, on=True)
    trends = {t.name: t for t in selectors.sponsor_trends(programme=programme)}
    assert len(trends["Lead Test"].points) == 6
    assert trends["Lead Test"].signal


def test_sponsor_trends_with_the_drop(programme, answered):
    trends = selectors.sponsor_trends(programme=programme)
    assert [(t.name, t.participant.kind, t.signal) for t in trends] == [
        ("Lead Test", "lead", True),
        ("Ambassador Test", "ambassador", False),
    ]
    lead = trends[0]
    assert [p.energy for p in lead.points] == [4, 4, 4, 5, 4, 3]
    assert [p.month for p in lead.points] == answered
    assert [p.dropped for p in lead.points] == [False] * 5 + [True]
    assert lead.points[-1].note == f"lead note {answered[-1]:%Y-%m}"


def test_a_new_sponsor_sees_only_answers_given_after_the_change(org_a, people, programme, answered):
    services.save_programme(
        organisation=org_a,
        actor=people["setter"],
        started_on=programme.started_on,
        ends_on=None,
        sponsor=membership_of(people["viewer"], org_a),
        lead=membership_of(people["lead"], org_a),
        ambassadors=[membership_of(people["ambassador"], org_a)],
    )
    programme.refresh_from_db()
    assert programme.sponsor_since is not None
    assert all(t.points == [] for t in selectors.sponsor_trends(programme=programme))
    answer(programme, people["lead"], months_back(1)[0], 2)
    trends = {t.name: [p.energy for p in t.points] for t in selectors.sponsor_trends(programme=programme)}
    assert trends == {"Ambassador Test": [], "Lead Test": [2]}


def test_taking_someone_out_deletes_their_answers(org_a, people, programme, answered):
    _save(org_a, people, started_on=programme.started_on, ambassadors=[])
    assert list(PulseParticipant.objects.values_list("membership__user__email", flat=True)) == ["lead.a@example.org"]
    assert PulseAnswer.objects.count() == 6
    assert set(PulseAnswer.objects.values_list("participant__membership__user__email", flat=True)) == {
        "lead.a@example.org"
    }


def test_answers_leave_no_trace_in_the_activity_log(programme, people, answered):
    """The managers read the log: who answered, or switched off, is not theirs to know."""
    services.switch_pulse(participant=participant(programme, people["ambassador"]), on=False)
    assert list(ActivityLog.objects.values_list("verb", flat=True)) == ["created"]
