"""The background save's one-query read, and its validate-only form (issue 17)."""

import json
import uuid

import pytest
from django.utils import translation

from assessments.core.tokens import hash_token
from assessments.questionnaire.forms.respond import FactorAnswersForm
from assessments.questionnaire.models import Response
from assessments.questionnaire.selectors.save_read import find_saving_response
from tests import factories
from tests.questionnaire.respond.builders import make_survey, make_team_link

pytestmark = pytest.mark.django_db


def _started(client, survey, link=None, role=None):
    client.get(survey.link if link is None else f"/t/{link.token}/")
    client.post("/r/start/", {} if role is None else {"role": str(role.public_id)})
    if link is None:
        return Response.objects.get(access_key_hash=hash_token(survey.token, purpose="response"))
    return Response.objects.get(from_team_link=True)


def _as_orm_reads(response):
    return (
        response.pk,
        response.public_id,
        response.access_key_hash,
        response.version,
        response.submitted_at,
        response.language,
        response.last_step,
        response.role_id,
        response.assessment.pk,
        response.assessment.status,
        response.assessment.opens_at,
        response.assessment.closes_at,
        response.assessment.ask_ambition,
        response.assessment.languages,
        response.assessment.organisation.default_language,
        response.assessment.model_version.pk,
        response.assessment.model_version.content_hash,
        response.assessment.model_version.ambition_mode,
        None if response.role is None else response.role.is_management,
    )


def test_the_save_read_gives_what_the_queryset_gives_in_one_query(org_a, model_version, client):
    role = factories.make_role(organisation=org_a, is_management=True)
    survey = make_survey(organisation=org_a, model_version=model_version, roles=[role])
    response = _started(client, survey, role=role)
    expected = _as_orm_reads(Response.objects.get(pk=response.pk))

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        found = find_saving_response(public_id=response.public_id)
        reads = _as_orm_reads(found)

    assert reads == expected
    assert reads[-1] is True
    assert len(captured) == 1
    assert not hasattr(found, "link_active")


def test_the_save_read_sees_whether_the_team_link_is_active(org_a, model_version, client):
    survey = make_survey(organisation=org_a, model_version=model_version)
    link = make_team_link(assessment=survey.assessment, team=survey.team)
    response = _started(client, survey, link=link)

    assert find_saving_response(public_id=response.public_id, team_link_id=link.pk).link_active is True
    link.active = False
    link.save(update_fields=["active"])
    assert find_saving_response(public_id=response.public_id, team_link_id=link.pk).link_active is False
    assert find_saving_response(public_id=response.public_id, team_link_id=link.pk + 1000).link_active is False


def test_the_save_read_finds_nothing_for_an_unknown_id_and_loads_deferred_fields_on_use(org_a, model_version, client):
    survey = make_survey(organisation=org_a, model_version=model_version)
    response = _started(client, survey)

    assert find_saving_response(public_id=uuid.uuid4()) is None
    found = find_saving_response(public_id=response.public_id)
    assert found.team_id == survey.team.pk  # not read by the save: deferred, read on use
    assert found.assessment.title == survey.assessment.title


def _form(data, *, validate_only, factor):
    return FactorAnswersForm(
        data, factor=factor, scale_values=[1, 2, 3, 4, 5], ask_ambition=True, validate_only=validate_only
    )


def test_validate_only_forms_share_their_answer_fields_and_rendered_forms_do_not(model_version):
    factor = model_version.factors.order_by("order").first()
    factor.statement_list = list(factor.statements.order_by("order"))
    names = [f"c-{s.code}" for s in factor.statement_list]

    first, second = (_form({"version": "0"}, validate_only=True, factor=factor) for _ in range(2))
    rendered = _form(None, validate_only=False, factor=factor)

    assert len({id(first.fields[name]) for name in names} | {id(second.fields[name]) for name in names}) == 1
    assert len({id(rendered.fields[name]) for name in names}) == len(names)
    assert list(first.fields) == list(rendered.fields)


def test_a_validate_only_form_validates_as_a_rendered_one(model_version):
    factor = model_version.factors.order_by("order").first()
    factor.statement_list = list(factor.statements.order_by("order"))
    code = factor.statement_list[0].code
    good = {"version": "2", f"c-{code}": "3", f"a-{code}": "", "comment": " ok "}
    bad = {"version": "2", f"c-{code}": "9"}

    for validate_only in (True, False):
        form = _form(good, validate_only=validate_only, factor=factor)
        assert form.is_valid()
        assert form.answers() == {factor.statement_list[0].pk: {"current": 3}}
        assert form.comments() == {factor.pk: "ok"}
        with translation.override("nl"):
            errors = _form(bad, validate_only=validate_only, factor=factor).errors.get_json_data()
        assert errors == {f"c-{code}": [{"message": "Kies een van de getoonde antwoorden.", "code": "invalid_choice"}]}


def test_a_save_with_an_unknown_answer_value_gets_the_field_error(org_a, model_version, client):
    survey = make_survey(organisation=org_a, model_version=model_version)
    _started(client, survey)
    code = survey.statements(factor_order=1)[0].code

    reply = client.post(
        "/r/save/",
        json.dumps({"step": 1, "version": 0, "fields": {f"c-{code}": "9"}}),
        content_type="application/json",
    )

    assert reply.status_code == 400
    assert reply.json()["errors"] == {
        f"c-{code}": [{"message": "Choose one of the answers shown.", "code": "invalid_choice"}]
    }
