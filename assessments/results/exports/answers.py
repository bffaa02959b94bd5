"""The anonymised raw answers: one row per respondent, labelled only as far as the anonymity rules allow.

Rows carry no invitation, email, timestamp or language, and respondents are numbered after sorting by
their random public id, so the order reveals nothing about when anyone answered. Team and role labels
come from `scoring.row_labels` (the same group layout and hidden groups as the scores). An answer to a
statement the respondent's current role is not asked (say, after a role change) is left empty, as scoring
leaves it out: the export holds no answer the scores do not count.
"""

from typing import Any

from django.utils.translation import gettext as _

from assessments.questionnaire.models import DONT_KNOW, Answer
from assessments.results import wording
from assessments.scoring.audience import is_asked, kind_of
from assessments.scoring.result import AssessmentResult
from assessments.scoring.row_labels import assessment_layout, row_labels
from models_9plus.models import Statement

DONT_KNOW_MARK = "dk"


def statements_of(assessment) -> list[Any]:  # values() rows of the statements
    return list(
        Statement.objects.filter(factor__version=assessment.model_version_id)
        .order_by("factor__order", "order")
        .values("id", "code", "text_en", "text_nl", "reverse", "audience", "factor__name_en", "factor__name_nl")
    )


def _text(row, field, language):
    return row.get(f"{field}_{language}") or row[f"{field}_en"]


def answer_header(statements, *, ambition: bool, language: str) -> list[str]:
    header = [_("Respondent"), _("Team"), _("Role")]
    for s in statements:
        column = f"{s['code']}: {_text(s, 'text', language)}"
        header.append(column)
        if ambition:
            header.append(f"{column} ({_('ambition')})")
    return header


def about_rows(statements, *, result: AssessmentResult, language: str) -> list[list]:
    """The "About" sheet: how to read the values, then every statement in the chosen language."""
    rows = [
        [
            _("Values: 1 to %(max)s on the answer scale; dk = don't know; empty = not answered.")
            % {"max": result.scale.max}
        ],
        [_("Reverse-scored statements are exported as answered (not flipped).")],
        [_("Groups too small to show are merged into Other or left out.")],
        *([line] for line in wording.hidden_teams_summary(result)),
        [],
        [_("Code"), _("Factor"), _("Statement"), _("Reverse-scored")],
    ]
    for s in statements:
        rows.append(
            [
                s["code"],
                _text(s, "factor__name", language),
                _text(s, "text", language),
                _("yes") if s["reverse"] else "",
            ]
        )
    return rows


def _value(v):
    if v is None:
        return None
    return DONT_KNOW_MARK if v == DONT_KNOW else v


def answer_rows(*, assessment, result: AssessmentResult, language: str, statements):
    """One row per exported respondent: number, team, role, then each statement's current (and ambition)."""
    layout, cell_counts = assessment_layout(assessment=assessment)
    labels = row_labels(result=result, layout=layout, cell_counts=cell_counts)
    other = _("Other")

    def name(key):
        return layout.refs[key].name(language) if key else other

    position = {sid: i for i, sid in enumerate(s["id"] for s in statements)}
    audiences = {s["id"]: s["audience"] for s in statements}
    ambition = assessment.ask_ambition
    width = len(statements) * (2 if ambition else 1)
    answers = (
        Answer.objects.filter(
            response__assessment=assessment, response__submitted_at__isnull=False, response__excluded_at__isnull=True
        )
        .order_by("response__public_id", "statement_id")
        .values_list(
            "response_id",
            "response__team_id",
            "response__role_id",
            "response__role__is_management",
            "statement_id",
            "current",
            "ambition",
        )
        .iterator(chunk_size=2000)
    )
    number, current_id, row = 0, None, None
    for response_id, team_id, role_id, is_management, statement_id, current, amb in answers:
        if response_id != current_id:
            if row is not None:
                yield row
            current_id, row = response_id, None
            label = labels.get((team_id, role_id))
            if label is None:
                continue
            number += 1
            row = [number, name(label[0]), name(label[1])] + [None] * width
        if row is None or statement_id not in position:
            continue
        if not is_asked(audiences[statement_id], kind_of(is_management)):
            continue
        i = position[statement_id]
        if ambition:
            row[3 + 2 * i] = _value(current)
            row[4 + 2 * i] = _value(amb)
        else:
            row[3 + i] = _value(current)
    if row is not None:
        yield row
