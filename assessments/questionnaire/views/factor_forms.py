"""A factor page's form: built from the questionnaire and filled from the stored answers (pages and autosave)."""

from assessments.questionnaire.forms.respond import FactorAnswersForm, ambition_name, current_name
from assessments.questionnaire.models import DONT_KNOW
from assessments.questionnaire.selectors.respondent import (
    answers_for,
)


def scale_for(questionnaire, respondent):
    options = [(str(o.value), o.t("label"), o.t("description")) for o in questionnaire.scale_options]
    dont_know = (str(DONT_KNOW), respondent.assessment.model_version.t("dont_know_label"), "")
    return options, dont_know


def answer_rows(form, questionnaire, respondent):
    """Per statement: its text and one or two radio groups, with the bound value and errors."""
    options, dont_know = scale_for(questionnaire, respondent)
    rows = []
    for statement in form.statements:
        groups = [("current", form[current_name(statement)])]
        if respondent.assessment.ask_ambition:
            groups.append(("ambition", form[ambition_name(statement)]))
        rows.append(
            {
                "statement": statement,
                "groups": [
                    {
                        "kind": kind,
                        "name": field.html_name,
                        "value": "" if field.value() is None else str(field.value()),
                        "errors": field.errors,
                    }
                    for kind, field in groups
                ],
            }
        )
    return rows, options, dont_know


def initial_answers(response, factor):
    answers, comment = answers_for(response=response, factor=factor)
    initial = {"version": response.version, "comment": comment}
    for statement in factor.statement_list:
        current, ambition = answers.get(statement.pk, (None, None))
        initial[current_name(statement)] = current
        initial[ambition_name(statement)] = ambition
    return initial


def factor_form(questionnaire, factor, data=None, initial=None):
    return FactorAnswersForm(
        data,
        initial=initial,
        factor=factor,
        scale_values=[o.value for o in questionnaire.scale_options],
        ask_ambition=questionnaire.assessment.ask_ambition,
    )
