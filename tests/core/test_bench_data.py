"""bench/data.py builds a whole organisation in bulk on either database (COPY on PostgreSQL, INSERT batches
on SQLite) that the ORM and scoring read like any other. Counts only: the bench's timings are not tested."""

import datetime
import uuid

import pytest
from django.utils import timezone

from assessments.questionnaire import sums
from assessments.questionnaire.models import (
    Answer,
    Assessment,
    Comment,
    FactorAmbition,
    Invitation,
    Response,
    ResponseFactorSums,
)
from assessments.questionnaire.services.response_sums import backfill_response_sums
from assessments.scoring.score import score_assessment
from bench import data
from models_9plus.models import Statement
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    return factories.make_model_version(code="benchmodel", factors=3, statements=2, per_factor=True)


def test_a_small_organisation_has_the_right_counts(version):
    assessment = data.build_organisation(name="Org 20", version=version, respondents=20, seed=20)
    statements = Statement.objects.filter(factor__version=version).count()
    responses = Response.objects.filter(assessment=assessment)
    assert responses.count() == 20
    assert responses.filter(submitted_at__lte=timezone.now()).count() == 20
    assert Invitation.objects.filter(assessment=assessment).count() == 25
    assert Invitation.objects.filter(assessment=assessment, started=True).count() == 20
    assert Answer.objects.filter(response__assessment=assessment).count() == 20 * statements
    assert FactorAmbition.objects.filter(response__assessment=assessment).count() == 20 * 3
    assert Comment.objects.filter(response__assessment=assessment).count() <= 20
    assert assessment.status == Assessment.Status.CLOSED


def test_bulk_written_values_read_back_as_the_orm_writes_them(version):
    assessment = data.build_organisation(name="Org 5", version=version, respondents=5, seed=5)
    response = Response.objects.filter(assessment=assessment).first()
    assert isinstance(response.public_id, uuid.UUID)
    assert Response.objects.get(public_id=response.public_id) == response
    assert isinstance(response.submitted_at, datetime.datetime)
    assert timezone.is_aware(response.submitted_at)
    invitation = Invitation.objects.filter(assessment=assessment, started=True).first()
    assert invitation.completed_on == timezone.localdate()
    assert Invitation.objects.filter(assessment=assessment, completed_on__isnull=True).count() == 1


def test_scoring_reads_the_backfilled_sums(version):
    assessment = data.refresh(data.build_organisation(name="Org 12", version=version, respondents=12, seed=12))
    result = score_assessment(assessment=assessment)
    assert result.respondents == 12
    assert result.organisation.index is not None


def test_the_load_assessment_has_one_invitation_per_token(version):
    assessment, tokens = data.build_load_assessment(version=version, invitations=7)
    assert len(set(tokens)) == 7
    assert Invitation.objects.filter(assessment=assessment).count() == 7


def _stored_sums(assessment):
    return sorted(
        ResponseFactorSums.objects.filter(response__assessment=assessment)
        .values_list("response_id", "factor_id", "role_kind", *sums.COLUMNS)
        .order_by(),
        key=repr,  # the totals rows have no factor: None does not compare with an id
    )


@pytest.mark.parametrize(("per_factor", "audiences"), [(True, None), (True, {"f1s1": ["management"]}), (False, None)])
def test_the_bulk_sums_are_the_ones_the_backfill_computes(per_factor, audiences):
    version = factories.make_model_version(
        code="sums", factors=3, statements=3, per_factor=per_factor, audiences=audiences
    )
    assessment = data.build_organisation(name="Org 15", version=version, respondents=15, seed=15)
    bulk = _stored_sums(assessment)
    assert len({r[0] for r in bulk}) == 15
    backfill_response_sums(assessment=assessment)
    assert _stored_sums(assessment) == bulk
