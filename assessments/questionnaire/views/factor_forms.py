"""A factor page's form: built from the questionnaire and filled from the stored answers (pages and autosave)."""

from typing import Any

from django.forms import BoundField

from assessments.organisations.models import Role
from assessments.questionnaire.forms.respond import (
    FactorAnswersForm,
    ValidatingAnswersForm,
    ambition_name,
    current_name,
    factor_ambition_name,
)
from assessments.questionnaire.models import DONT_KNOW, Response
from assessments.questionnaire.selectors.respondent import (
    Questionnaire,
    QuestionnaireFactor,
    answers_for,
    factor_ambition_for,
    statements_for,
)
from assessments.questionnaire.views.respondent_session import Respondent

# The scale's options as (value, label, description), and the "don't know" option.
ScaleOptions = tuple[list[tuple[str, str, str]], tuple[str, str, str]]


def scale_for(questionnaire: Questionnaire, respondent: Respondent) -> ScaleOptions:
    options = [(str(o.value), o.t("label"), o.t("description")) for o in questionnaire.scale_options]
    dont_know = (str(DONT_KNOW), respondent.assessment.model_version.t("dont_know_label"), "")
    return options, dont_know


def _group(kind: str, field: BoundField) -> dict[str, Any]:
    return {
        "kind": kind,
        "name": field.html_name,
        "value": "" if field.value() is None else str(field.value()),
        "errors": field.errors,
    }


def answer_rows(
    form: FactorAnswersForm, questionnaire: Questionnaire, respondent: Respondent
) -> tuple[list[dict[str, Any]], list[tuple[str, str, str]], tuple[str, str, str]]:
    """Per statement: its text and one or two radio groups, with the bound value and errors."""
    options, dont_know = scale_for(questionnaire, respondent)
    rows: list[dict[str, Any]] = []
    per_statement_ambition = respondent.assessment.ask_ambition and not form.per_factor
    for statement in form.statements:
        groups = [("current", form[current_name(statement)])]
        if per_statement_ambition:
            groups.append(("ambition", form[ambition_name(statement)]))
        rows.append({"statement": statement, "groups": [_group(kind, field) for kind, field in groups]})
    return rows, options, dont_know


def factor_ambition_group(form: FactorAnswersForm) -> dict[str, Any] | None:
    """The radio group of the factor's one ambition question (v2), or None."""
    if not form.per_factor:
        return None
    return _group("factor_ambition", form[factor_ambition_name(form.factor)])


def _role(response: Response | None) -> Role | None:
    return response.role if response is not None else None


def initial_answers(response: Response, factor: QuestionnaireFactor, *, questionnaire: Questionnaire) -> dict[str, Any]:
    answers, comment = answers_for(response=response, factor=factor)
    initial: dict[str, Any] = {"version": response.version, "comment": comment}
    for statement in factor.statement_list:
        current, ambition = answers.get(statement.pk, (None, None))
        initial[current_name(statement)] = current
        initial[ambition_name(statement)] = ambition
    if questionnaire.assessment.ask_ambition and questionnaire.assessment.model_version.ambition_per_factor:
        initial[factor_ambition_name(factor)] = factor_ambition_for(response=response, factor=factor)
    return initial


def factor_form(
    questionnaire: Questionnaire,
    factor: QuestionnaireFactor,
    data: Any = None,
    initial: dict[str, Any] | None = None,
    *,
    response: Response | None = None,
    validate_only: bool = False,
) -> FactorAnswersForm:
    """response: whose page it is; its role decides which statements are asked (their audience).

    validate_only: the form is only validated, never rendered (the background save; cheaper to build)."""
    form_class = ValidatingAnswersForm if validate_only else FactorAnswersForm
    return form_class(
        data,
        initial=initial,
        factor=factor,
        scale_values=[o.value for o in questionnaire.scale_options],
        ask_ambition=questionnaire.assessment.ask_ambition,
        per_factor=questionnaire.assessment.model_version.ambition_per_factor,
        statements=statements_for(factor=factor, role=_role(response)),
        validate_only=validate_only,
    )
