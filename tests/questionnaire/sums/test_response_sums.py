"""The per-response sums scoring reads (ResponseFactorSums): written at submit, refreshed, backfilled."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessments.questionnaire.models import ResponseFactorSums
from assessments.questionnaire.services import responses as respond
from assessments.questionnaire.services.response_sums import refresh_response_sums
from assessments.questionnaire.sums import COLUMNS
from assessments.scoring import score_assessment
from models_9plus.models import Factor, Statement
from tests import factories

pytestmark = pytest.mark.django_db


def stored(response_ids=None):
    rows = ResponseFactorSums.objects.all()
    if response_ids is not None:
        rows = rows.filter(response_id__in=response_ids)
    return {
        (r["response_id"], r["factor_id"], r["role_kind"]): {c: r[c] for c in COLUMNS}
        for r in rows.values("response_id", "factor_id", "role_kind", *COLUMNS)
    }


def v2_scan(org, select_roles=True, **extra):
    version = factories.make_model_version(
        code="sums",
        factors=2,
        statements=3,
        per_factor=True,
        reverse=["f1s3"],
        weights={"f1s2": "1.25"},
        audiences={"f1s2": ["management"], "f2s3": ["staff"]},
    )
    team = factories.make_team(organisation=org)
    staff = factories.make_role(organisation=org, name="Front office")
    board = factories.make_role(organisation=org, name="Board", is_management=True)
    assessment = factories.make_assessment(
        organisation=org,
        model_version=version,
        teams=[team],
        roles=[staff, board] if select_roles else [],
        threshold_scores=1,
        **extra,
    )
    return assessment, team, staff, board


def submit_through_the_service(assessment, team, role, answers, factor_ambitions=None):
    response, _ = respond.start_or_resume(
        assessment=assessment, access_key_hash=f"key-{id(answers)}", team=team, language="nl", role=role
    )
    ids = dict(Statement.objects.filter(factor__version=assessment.model_version).values_list("code", "id"))
    factors = dict(Factor.objects.filter(version=assessment.model_version).values_list("code", "id"))
    respond.save_answers(
        response=response,
        step=1,
        answers={ids[code]: {"current": current, "ambition": None} for code, current in answers.items()},
        comments={},
        base_version=0,
        factor_ambitions={factors[code]: value for code, value in (factor_ambitions or {}).items()},
    )
    respond.submit(response=response)
    return response, ids, factors


def test_submit_stores_the_sums_of_the_answers_per_role_kind(org_a):
    assessment, team, staff, _board = v2_scan(org_a)
    # f1s3 is reverse-scored (4 -> 2), f1s2 (management only, weight 1.25), f2s1 "don't know", f2s2 off
    # scale, f2s3 staff only. Tags alternate basis/nine_plus; gaps run knowledge, standards, delivery.
    response, _ids, factors = submit_through_the_service(
        assessment, team, staff, {"f1s1": 5, "f1s2": 3, "f1s3": 4, "f2s1": 0, "f2s2": 9, "f2s3": 2}, {"f1": 4}
    )
    rows = stored()
    f1, f2, pk = factors["f1"], factors["f2"], response.pk
    # Both factors have a statement only one kind is asked: a row per kind (0 no role, 1 management, 2 staff).
    assert set(rows) == {(pk, factor, kind) for factor in (f1, f2, None) for kind in (0, 1, 2)}

    def pick(key, *columns):
        return tuple(rows[key][c] for c in columns)

    factor_columns = ("n_valid", "n_dont_know", "weighted_sum", "weight_total", "items", "factor_ambition")
    # Packed in base 6 by position: f1s1 (0) = 5, f1s2 (1) = 3, f1s3 (2) = 2.
    assert pick((pk, f1, 2), *factor_columns) == (2, 0, 7.0, 2.0, 5 + 2 * 36, 4)
    assert pick((pk, f1, 1), *factor_columns) == (3, 0, 10.75, 3.25, 5 + 3 * 6 + 2 * 36, 4)
    assert rows[(pk, f1, 0)] == rows[(pk, f1, 1)]
    assert pick((pk, f2, 2), *factor_columns) == (1, 1, 2.0, 1.0, 2 * 36, None)
    assert pick((pk, f2, 1), *factor_columns) == (0, 1, None, None, None, None)
    assert pick((pk, f1, 1), "basis_n", "basis_wsum", "nine_plus_n", "nine_plus_wsum") == (2, 7.0, 1, 3.75)
    totals = ("basis_n", "nine_plus_n", "knowledge_wsum", "standards_wsum", "delivery_n", "delivery_wsum")
    assert pick((pk, None, 2), *totals) == (3, None, 5.0, None, 2, 4.0)
    assert pick((pk, None, 1), *totals) == (2, 1, 5.0, 3.75, 1, 2.0)


def test_stored_sums_equal_a_recomputation_and_a_second_submit_changes_nothing(org_a):
    assessment, team, staff, board = v2_scan(org_a)
    first, *_ = submit_through_the_service(assessment, team, staff, {"f1s1": 2, "f1s2": 5, "f2s3": 1})
    second, *_ = submit_through_the_service(assessment, team, board, {"f1s1": 4, "f2s1": 0, "f2s2": 3}, {"f2": 5})
    after_submit = stored()

    refresh_response_sums(response_ids=[first.pk, second.pk])
    respond.submit(response=second)

    assert stored() == after_submit
    assert len(after_submit) == ResponseFactorSums.objects.count()


def test_an_unsubmitted_response_has_no_sums(org_a):
    assessment, team, staff, _board = v2_scan(org_a)
    response, _ = respond.start_or_resume(
        assessment=assessment, access_key_hash="unsubmitted", team=team, language="nl", role=staff
    )
    refresh_response_sums(response_ids=[response.pk])
    assert ResponseFactorSums.objects.count() == 0


def test_role_changes_after_submit_count_what_the_new_role_was_asked(org_a):
    """The sums keep every audience apart, so a role edited after submit needs no refresh."""
    # No role groups on the dashboard, so a lone respondent's organisation score is not hidden by subtraction.
    assessment, team, staff, board = v2_scan(org_a, select_roles=False)
    response, *_ = submit_through_the_service(assessment, team, staff, {"f1s1": 2, "f1s2": 5, "f1s3": 4})
    as_staff = score_assessment(assessment=assessment).organisation.factor("f1")

    staff.is_management = True
    staff.save()
    flag_flipped = score_assessment(assessment=assessment).organisation.factor("f1")
    staff.is_management = False
    staff.save()
    type(response).objects.filter(pk=response.pk).update(role=board)
    role_corrected = score_assessment(assessment=assessment).organisation.factor("f1")

    # Staff were not asked f1s2: (2 + 2) / 2; management were: (2 + 1.25 * 5 + 2) / 3.25.
    assert as_staff.mean == 2.0
    assert flag_flipped.mean == role_corrected.mean == (2 + 6.25 + 2) / 3.25


def test_backfill_command_restores_missing_sums_and_is_idempotent(org_a):
    assessment, team, staff, board = v2_scan(org_a)
    submit_through_the_service(assessment, team, staff, {"f1s1": 2, "f1s2": 5, "f2s3": 1}, {"f1": 3})
    submit_through_the_service(assessment, team, board, {"f1s1": 4, "f2s1": 0, "f2s2": 3})
    expected = stored()
    before = score_assessment(assessment=assessment)
    ResponseFactorSums.objects.all().delete()

    out = StringIO()
    call_command("backfill_response_sums", "--assessment", str(assessment.public_id), stdout=out)
    call_command("backfill_response_sums", "--batch-size", "1", stdout=StringIO())

    assert out.getvalue().strip() == f"Recomputed the sums of 2 submitted responses ({len(expected)} rows)."
    assert stored() == expected
    assert score_assessment(assessment=assessment) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--assessment", "not-a-uuid"], "'not-a-uuid' is not a valid assessment id (a UUID)."),
        (
            ["--assessment", "00000000-0000-0000-0000-000000000000"],
            "No assessment with id 00000000-0000-0000-0000-000000000000.",
        ),
        (["--batch-size", "0"], "--batch-size must be at least 1, not 0."),
        (["--batch-size", "many"], "--batch-size must be a whole number, not 'many'."),
    ],
)
def test_backfill_command_refuses_bad_arguments(args, message):
    with pytest.raises(CommandError) as raised:
        call_command("backfill_response_sums", *args, stdout=StringIO())
    assert str(raised.value) == message


@pytest.mark.parametrize("respondents", [1, 40])
def test_scoring_runs_the_same_queries_for_one_or_many_respondents(org_a, respondents, django_assert_num_queries):
    assessment, team, staff, board = v2_scan(org_a)
    factories.make_random_responses(assessment=assessment, count=respondents, team=team, role=staff)
    factories.make_random_responses(assessment=assessment, count=respondents, team=team, role=board, seed=1)
    assessment = type(assessment).objects.select_related("organisation", "model_version").get(pk=assessment.pk)
    # + the customer check the level rule reads (scoring.level); the first scoring also reads the model's
    # content (kept per process: scoring.model_content), folds and keeps the cells (scoring/cells.py: the kept
    # ones, the responses and rows of the cells to fold, their fingerprints again, the insert) and computes and
    # keeps the groups (scoring/kept_groups.py)
    with django_assert_num_queries(23):
        score_assessment(assessment=assessment)
    assessment.data_version += 1  # a new result, from the kept groups
    with django_assert_num_queries(7):
        score_assessment(assessment=assessment)


def test_the_data_migration_backfills_responses_submitted_before_it(org_a):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("assessments.migrations.0008_response_factor_sums")
    assessment, team, staff, board = v2_scan(org_a)
    submit_through_the_service(assessment, team, staff, {"f1s1": 2, "f1s2": 5, "f2s3": 1}, {"f2": 4})
    submit_through_the_service(assessment, team, board, {"f1s3": 3, "f2s1": 0})
    expected = stored()
    ResponseFactorSums.objects.all().delete()

    migration.backfill(apps, None)

    assert stored() == expected
