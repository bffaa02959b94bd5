"""A factor page's form: built from the questionnaire and filled from the stored answers (pages and autosave)."""

from assessments.questionnaire.forms.respond import (
    FactorAnswersForm,
    ambition_name,
    current_name,
    factor_ambition_name,
)
from assessments.questionnaire.models import DONT_KNOW
from assessments.questionnaire.selectors.respondent import (
    answers_for,
    factor_ambition_for,
    statements_for,
)


def scale_for(questionnaire, respondent):
    options = [(str(o.value), o.t("label"), o.t("description")) for o in questionnaire.scale_options]
    dont_know = (str(DONT_KNOW), respondent.assessment.model_version.t("dont_know_label"), "")
    return options, dont_know


def _group(kind, field):
    return {
        "kind": kind,
        "name": field.html_name,
        "value": "" if field.value() is None else str(field.value()),
        "errors": field.errors,
    }


def answer_rows(form, questionnaire, respondent):
    """Per statement: its text and one or two radio groups, with the bound value and errors."""
    options, dont_know = scale_for(questionnaire, respondent)
    rows = []
    per_statement_ambition = respondent.assessment.ask_ambition and not form.per_factor
    for statement in form.statements:
        groups = [("current", form[current_name(statement)])]
        if per_statement_ambition:
            groups.append(("ambition", form[ambition_name(statement)]))
        rows.append({"statement": statement, "groups": [_group(kind, field) for kind, field in groups]})
    return rows, options, dont_know


def factor_ambition_group(form):
    """The radio group of the factor's one ambition question (v2), or None."""
    if not form.per_factor:
        return None
    return _group("factor_ambition", form[factor_ambition_name(form.factor)])


def _role(response):
    return response.role if response is not None else None


def initial_answers(response, factor, *, questionnaire):
    answers, comment = answers_for(response=response, factor=factor)
    initial = {"version": response.version, "comment": comment}
    for statement in factor.statement_list:
        current, ambition = answers.get(statement.pk, (None, None))
        initial[current_name(statement)] = current
        initial[ambition_name(statement)] = ambition
    if questionnaire.assessment.ask_ambition and questionnaire.assessment.model_version.ambition_per_factor:
        initial[factor_ambition_name(factor)] = factor_ambition_for(response=response, factor=factor)
    return initial


def factor_form(questionnaire, factor, data=None, initial=None, *, response=None, validate_only=False):
    """response: whose page it is; its role decides which statements are asked (their audience).

    validate_only: the form is only validated, never rendered (the background save; cheaper to build)."""
    return FactorAnswersForm(
        data,
        initial=initial,
        factor=factor,
        scale_values=[o.value for o in questionnaire.scale_options],
        ask_ambition=questionnaire.assessment.ask_ambition,
        per_factor=questionnaire.assessment.model_version.ambition_per_factor,
        statements=statements_for(factor=factor, role=_role(response)),
        validate_only=validate_only,
    )
