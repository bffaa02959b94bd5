"""A pulse world in org A: the manager who set it up (manager_a, not taking part), the sponsor (a viewer,
the director), the CX lead (a second manager), an ambassador (a team leader), and people who must never see
an answer: another viewer, a consultant, a team leader who does not take part, an outsider."""

import datetime

import pytest
from django.utils import timezone

from assessments.pulse import services
from assessments.pulse.months import month_of, previous_month
from tests import factories


def months_back(count, today=None):
    """The first days of the last `count` months, oldest first, ending with this one."""
    months = [month_of(today or timezone.localdate())]
    while len(months) < count:
        months.insert(0, previous_month(months[0]))
    return months


def member(organisation, email, role):
    user = factories.make_user(email=email, first_name=email.split(".")[0].title(), last_name="Test")
    return factories.add_member(user=user, organisation=organisation, role=role)


@pytest.fixture
def people(org_a, manager_a, viewer_a, consultant_ab, outsider):
    return {
        "setter": manager_a,
        "sponsor": member(org_a, "sponsor.a@example.org", "viewer").user,
        "lead": member(org_a, "lead.a@example.org", "manager").user,
        "ambassador": member(org_a, "ambassador.a@example.org", "team_leader").user,
        "viewer": viewer_a,
        "consultant": consultant_ab,
        "leader": member(org_a, "leader.a@example.org", "team_leader").user,
        "outsider": outsider,
    }


def membership_of(user, organisation):
    return user.memberships.get(organisation=organisation)


@pytest.fixture
def programme(org_a, people):
    """Started at the first of the month five months ago; the lead and the ambassador take part."""
    return services.save_programme(
        organisation=org_a,
        actor=people["setter"],
        started_on=months_back(6)[0],
        ends_on=None,
        sponsor=membership_of(people["sponsor"], org_a),
        lead=membership_of(people["lead"], org_a),
        ambassadors=[membership_of(people["ambassador"], org_a)],
    )


def participant(programme, user):
    found = programme.participants.select_related("programme").get(membership__user=user)
    return found


def answer(programme, user, month, energy, support=3, priority=3, note=""):
    """An answer written as the participant would have given it in `month`."""
    day = month if month != month_of(timezone.localdate()) else timezone.localdate()
    return services.answer_pulse(
        participant=participant(programme, user),
        today=day,
        energy=energy,
        sponsor_support=support,
        priority=priority,
        note=note,
    )


@pytest.fixture
def answered(programme, people):
    """Six months each; the lead's energy drops in the last two months (5, 4, 3): the signal."""
    months = months_back(6)
    for month, energy in zip(months, [4, 4, 4, 5, 4, 3], strict=True):
        answer(programme, people["lead"], month, energy, note=f"lead note {month:%Y-%m}")
    for month, energy in zip(months, [3, 4, 4, 4, 3, 4], strict=True):
        answer(programme, people["ambassador"], month, energy, note=f"ambassador note {month:%Y-%m}")
    return months


ONE_DAY = datetime.timedelta(days=1)
