import io
import json

import pytest
from django.core.management import CommandError, call_command

from assessments.core.tokens import hash_token
from assessments.demo.rounds import seed_assessments
from assessments.organisations.models import Organisation
from assessments.questionnaire.models import DONT_KNOW, Answer, Assessment, Comment, Invitation, Response
from tests import factories

pytestmark = pytest.mark.django_db


def _seed(*args):
    out = io.StringIO()
    call_command("seed_demo", "--json", *args, stdout=out)
    return json.loads(out.getvalue())["assessments"]


def _token(url):
    return url.rstrip("/").rsplit("/", 1)[1]


def test_seed_demo_twice_creates_everything_once():
    version = factories.make_model_version(code="nineplus", factors=7, statements=5)
    first = _seed("--respondents", "40")
    second = _seed("--respondents", "40")

    assert [(a["title"], a["status"]) for a in first] == [
        ("CX-scan voorjaar 2026", "closed"),
        ("CX-scan najaar 2026", "open"),
    ]
    assert [a["id"] for a in first] == [a["id"] for a in second]
    # Zorggroep Horizon's three rounds (demo/plan.py adds the earliest) and Energie Direct's; benchmark peers apart.
    assert Assessment.objects.exclude(organisation__name__startswith="[Demo]").count() == 3
    closed = Assessment.objects.get(public_id=first[0]["id"])
    opened = Assessment.objects.get(public_id=first[1]["id"])
    assert closed.model_version == version
    assert opened.previous == closed
    assert Response.objects.filter(assessment=closed, submitted_at__isnull=False).count() == 40
    assert Response.objects.filter(assessment=opened).count() == 0
    assert Answer.objects.filter(response__assessment=closed).count() == 40 * 35
    assert Comment.objects.filter(response__assessment=closed).count() > 0
    assert set(closed.responses.values_list("team", flat=True)) <= set(closed.teams.values_list("pk", flat=True))
    assert closed.responses.values("role").distinct().count() > 1

    # Five unused personal links; a re-run re-issues them (only hashes are stored) without duplicating.
    assert Invitation.objects.filter(assessment=opened).count() == 5
    assert len(second[1]["invitation_urls"]) == 5
    for url in second[1]["invitation_urls"]:
        assert url.startswith("http://127.0.0.1:8000/r/")
        assert Invitation.objects.filter(token_hash=hash_token(_token(url), purpose="invitation")).exists()
    for url in first[1]["invitation_urls"]:
        assert not Invitation.objects.filter(token_hash=hash_token(_token(url), purpose="invitation")).exists()


def test_profile_is_believable_and_deterministic():
    factories.make_model_version(code="nineplus", factors=7, statements=5)
    organisation = factories.make_organisation(name="Zorggroep Horizon")
    teams = [factories.make_team(organisation=organisation, name=n) for n in ("Klantenservice", "Thuiszorg")]
    factories.make_role(organisation=organisation, name="Management", is_management=True, order=2)
    factories.make_role(organisation=organisation, name="Front office", order=3)
    seed_assessments(respondents=200)
    closed = Assessment.objects.get(title="CX-scan voorjaar 2026")
    answers = list(
        Answer.objects.filter(response__assessment=closed).values_list(
            "current", "ambition", "response__role__is_management"
        )
    )
    dont_know = sum(1 for current, _, _ in answers if current == DONT_KNOW) / len(answers)
    assert 0.03 < dont_know < 0.07
    known = [(c, a, m) for c, a, m in answers if c != DONT_KNOW and a != DONT_KNOW]
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    assert mean([a for _, a, _ in known]) - mean([c for c, _, _ in known]) > 0.6
    assert mean([c for c, _, m in known if m]) - mean([c for c, _, m in known if not m]) > 0.3
    assert {r.team for r in closed.responses.all()} == set(teams)
    fingerprint = sorted(Answer.objects.filter(response__assessment=closed).values_list("current", flat=True))

    # Same seed, same data: delete and seed again.
    closed.delete()
    Assessment.objects.filter(organisation=organisation).delete()
    seed_assessments(respondents=200)
    again = Assessment.objects.get(title="CX-scan voorjaar 2026")
    assert sorted(Answer.objects.filter(response__assessment=again).values_list("current", flat=True)) == fingerprint


def test_seed_without_the_model_says_what_to_do():
    organisation = factories.make_organisation(name="Zorggroep Horizon")
    factories.make_team(organisation=organisation)
    with pytest.raises(CommandError, match="load_maturity_model"):
        seed_assessments(respondents=5)
    assert Organisation.objects.count() == 1
    assert Assessment.objects.count() == 0


def test_seeded_responses_have_the_sums_of_their_final_answers():
    """The demo answers through the questionnaire's services (demo/respondents.py), which write the sums at
    submit; only the times are set back after: the stored sums must equal a fresh computation."""
    from assessments.questionnaire.models import ResponseFactorSums
    from assessments.questionnaire.services.response_sums import refresh_response_sums

    call_command("load_maturity_model", "models_9plus/data/nineplus.yaml", stdout=io.StringIO())
    _seed("--respondents", "20")

    def stored():
        return sorted(
            ResponseFactorSums.objects.values_list(
                "response_id", "factor_id", "role_kind", "n_valid", "weighted_sum", "items"
            ),
            key=str,
        )

    seeded = stored()
    submitted = list(Response.objects.filter(submitted_at__isnull=False).values_list("pk", flat=True))
    refresh_response_sums(response_ids=submitted)

    # A row per factor, a row per role kind (3) for a factor with a management-only statement, and the lens
    # totals per kind (3). In model 2.1 two factors have one: customer_strategy (cs4, cs9), brand_connection (bc6).
    from models_9plus.models import Factor

    split = [
        f.code for f in Factor.objects.prefetch_related("statements") if any(s.audience for s in f.statements.all())
    ]
    assert split == ["customer_strategy", "brand_connection"]
    assert len(seeded) == (5 + 2 * 3 + 3) * len(submitted)
    assert seeded == stored()
