"""Writing one page of answers: the version check and bump, then the answers, comment and per-factor ambition.

On PostgreSQL all of it is one statement (data-modifying WITH queries): the UPDATE of the response's
version is the only one that reads the version, and every INSERT/DELETE takes its rows from that
UPDATE's result, so nothing is written unless the version matched and the response was not submitted.
One statement is atomic by itself and costs one round trip, whatever the page holds; the background
save, the respondents' most frequent request, is then two queries (this and reading the response).

Other databases (SQLite in development and tests) run the same steps as ORM statements inside a
transaction. Both give the same rows: an absent answer value never erases a stored one (COALESCE here,
update_fields per set of given values there).
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from assessments.questionnaire.models import Answer, Comment, FactorAmbition, Response

# One page's writes: {statement id: {"current"/"ambition": value}}, {factor id: text}, {factor id: value}.
PageAnswers = Mapping[int, Mapping[str, int | None]]
PageComments = Mapping[int, str]
PageAmbitions = Mapping[int, int | None]


def write_page(
    *,
    response_id: int,
    base_version: int,
    last_step: int,
    answers: PageAnswers,
    comments: PageComments,
    factor_ambitions: PageAmbitions,
) -> bool:
    """True when the response was at base_version and not submitted, and the page is written; False:
    nothing was written (the caller finds out why)."""
    if connection.vendor == "postgresql":
        return _write_in_one_statement(
            response_id=response_id,
            base_version=base_version,
            last_step=last_step,
            answers=answers,
            comments=comments,
            factor_ambitions=factor_ambitions,
        )
    with transaction.atomic():
        bumped = Response.objects.filter(pk=response_id, version=base_version, submitted_at__isnull=True).update(
            version=F("version") + 1, last_step=last_step, updated_at=timezone.now()
        )
        if not bumped:
            return False
        _upsert_answers(response_id=response_id, answers=answers)
        _write_comments(response_id=response_id, comments=comments)
        _write_factor_ambitions(response_id=response_id, factor_ambitions=factor_ambitions)
    return True


def _upsert_answers(*, response_id: int, answers: PageAnswers) -> None:
    """One INSERT ... ON CONFLICT per set of given keys (usually one for the whole page).

    A row only overwrites the keys it was given, so a partial save never erases the other value.
    """
    by_keys: dict[tuple[str, ...], list[Answer]] = {}
    for statement_id, values in answers.items():
        by_keys.setdefault(tuple(sorted(values)), []).append(
            Answer(response_id=response_id, statement_id=statement_id, **values)
        )
    for keys, rows in by_keys.items():
        Answer.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["response", "statement"], update_fields=list(keys)
        )


def _write_comments(*, response_id: int, comments: PageComments) -> None:
    """Upserts the texts given; an empty text removes the comment."""
    texts = [
        Comment(response_id=response_id, factor_id=factor_id, text=text) for factor_id, text in comments.items() if text
    ]
    if texts:
        Comment.objects.bulk_create(
            texts, update_conflicts=True, unique_fields=["response", "factor"], update_fields=["text"]
        )
    emptied = [factor_id for factor_id, text in comments.items() if not text]
    if emptied:
        Comment.objects.filter(response_id=response_id, factor_id__in=emptied).delete()


def _write_factor_ambitions(*, response_id: int, factor_ambitions: PageAmbitions) -> None:
    rows = [FactorAmbition(response_id=response_id, factor_id=f, value=v) for f, v in factor_ambitions.items()]
    if rows:
        FactorAmbition.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["response", "factor"], update_fields=["value"]
        )


def _values(rows: Sequence[Iterable[Any]], casts: Iterable[str]) -> tuple[str, list[Any]]:
    """A VALUES list of placeholders with explicit types (a NULL alone would have none) and its parameters."""
    row = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    params = [value for values in rows for value in values]
    return ", ".join([row] * len(rows)), params


def _write_in_one_statement(
    *,
    response_id: int,
    base_version: int,
    last_step: int,
    answers: PageAnswers,
    comments: PageComments,
    factor_ambitions: PageAmbitions,
) -> bool:
    response, answer = Response._meta.db_table, Answer._meta.db_table
    comment, ambition = Comment._meta.db_table, FactorAmbition._meta.db_table
    # The UPDATE takes the row lock that a second tab or the submit waits for; PostgreSQL then checks
    # the WHERE again on the committed row, so of two saves of one version exactly one matches.
    parts = [
        f"bumped AS (UPDATE {response} SET version = version + 1, last_step = %s, updated_at = %s "  # noqa: S608 (table names from the models; values are parameters)
        "WHERE id = %s AND version = %s AND submitted_at IS NULL RETURNING id)"
    ]
    params: list[Any] = [last_step, timezone.now(), response_id, base_version]
    if answers:
        rows = [(s, v.get("current"), v.get("ambition")) for s, v in answers.items()]
        values, values_params = _values(rows, ("bigint", "smallint", "smallint"))
        parts.append(
            f"answers AS (INSERT INTO {answer} (response_id, statement_id, current, ambition) "  # noqa: S608 (table names from the models; values are parameters)
            f"SELECT bumped.id, v.s, v.c, v.a FROM bumped CROSS JOIN (VALUES {values}) AS v(s, c, a) "
            "ON CONFLICT (response_id, statement_id) DO UPDATE SET "
            f"current = COALESCE(EXCLUDED.current, {answer}.current), "
            f"ambition = COALESCE(EXCLUDED.ambition, {answer}.ambition) "
            # The script sends the whole page each time, usually with one answer changed: rows whose
            # values stay the same are left alone instead of being written again.
            f"WHERE (EXCLUDED.current IS NOT NULL AND EXCLUDED.current IS DISTINCT FROM {answer}.current) "
            f"OR (EXCLUDED.ambition IS NOT NULL AND EXCLUDED.ambition IS DISTINCT FROM {answer}.ambition))"
        )
        params += values_params
    texts = [(f, text) for f, text in comments.items() if text]
    if texts:
        values, values_params = _values(texts, ("bigint", "text"))
        parts.append(
            f"comments AS (INSERT INTO {comment} (response_id, factor_id, text) "  # noqa: S608 (table names from the models; values are parameters)
            f"SELECT bumped.id, v.f, v.t FROM bumped CROSS JOIN (VALUES {values}) AS v(f, t) "
            "ON CONFLICT (response_id, factor_id) DO UPDATE SET text = EXCLUDED.text "
            f"WHERE {comment}.text IS DISTINCT FROM EXCLUDED.text)"
        )
        params += values_params
    emptied = [f for f, text in comments.items() if not text]
    if emptied:
        parts.append(
            f"uncommented AS (DELETE FROM {comment} WHERE response_id IN (SELECT id FROM bumped) "  # noqa: S608 (table names from the models; values are parameters)
            f"AND factor_id IN ({', '.join(['%s'] * len(emptied))}))"
        )
        params += emptied
    if factor_ambitions:
        values, values_params = _values(list(factor_ambitions.items()), ("bigint", "smallint"))
        parts.append(
            f"ambitions AS (INSERT INTO {ambition} (response_id, factor_id, value) "  # noqa: S608 (table names from the models; values are parameters)
            f"SELECT bumped.id, v.f, v.x FROM bumped CROSS JOIN (VALUES {values}) AS v(f, x) "
            "ON CONFLICT (response_id, factor_id) DO UPDATE SET value = EXCLUDED.value "
            f"WHERE {ambition}.value IS DISTINCT FROM EXCLUDED.value)"
        )
        params += values_params
    with connection.cursor() as cursor:
        cursor.execute("WITH " + ", ".join(parts) + " SELECT id FROM bumped", params)  # noqa: S608 (as above)
        return cursor.fetchone() is not None
