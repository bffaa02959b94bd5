"""The per-response sums scoring reads (ResponseFactorSums), computed from one response's answers.

Pure functions over plain tuples, so the submit service, the backfill command and the data migration
(with its historical models) share one implementation of the scoring rules on answers:
reverse-scored statements are flipped (min + max - value); "don't know" (0) is counted apart and, like
values outside the scale, left out of every sum; weights are floats, as the scoring always cast them.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DONT_KNOW = 0
# Statement audiences as bits of the role kinds asked; a stored row's role_kind uses the same numbers.
MANAGEMENT_BIT, STAFF_BIT, EVERYONE = 1, 2, 3
NO_ROLE, MANAGEMENT, STAFF, ANY = 0, 1, 2, 3
LAYERS = ("basis", "nine_plus")
GAPS = ("knowledge", "standards", "delivery", "communication")
LENS_COLUMNS = tuple(f"{name}_{part}" for name in LAYERS + GAPS for part in ("n", "wsum", "wtotal"))
# One stored row's sums, {column: int, float or None}, and its key: (response id, factor id or None, role kind
# or, before the role kinds are combined, statement audience).
Row = dict[str, Any]
RowKey = tuple[int, int | None, int]
# The stored sums of a row (after response, factor and role kind).
COLUMNS = (
    "n_valid",
    "n_dont_know",
    "weighted_sum",
    "weight_total",
    "a_valid",
    "a_weighted_sum",
    "a_weight_total",
    "items",
    "factor_ambition",
    *LENS_COLUMNS,
)


def audience_mask(audience: Sequence[str] | None) -> int:
    """The role kinds a statement is asked of, as bits: everyone when it names no audience."""
    if not audience:
        return EVERYONE
    return (MANAGEMENT_BIT if "management" in audience else 0) | (STAFF_BIT if "staff" in audience else 0)


def asked(audience: int, role_kind: int) -> bool:
    """Whether respondents of a role kind (NO_ROLE: without a role, asked everything) were asked a statement."""
    return role_kind == NO_ROLE or bool(audience & role_kind)


def scale_bounds(values: Iterable[int]) -> tuple[int, int]:
    """(min, max) of a version's scale values, exactly as scoring derives them."""
    listed = list(values) or [1, 5]
    lo, hi = min(listed), max(listed)
    if hi <= lo:
        hi = lo + 1  # a one-point scale cannot be scored; avoid dividing by zero
    return lo, hi


@dataclass(frozen=True)
class StatementInfo:
    factor_id: int
    weight: float
    reverse: bool
    tag: str
    gap: str
    audience: int
    place: int  # base ** position of the statement within its factor (see scoring.queries.item_values)


def statement_infos(
    rows: Iterable[tuple[int, int, Any, bool, str | None, str | None, Sequence[str] | None]], *, scale_max: int
) -> dict[int, StatementInfo]:
    """{statement id: StatementInfo} from (id, factor id, weight, reverse, tag, gap, audience) rows ordered
    by factor, order and id (the order that numbers the positions, as scoring.model_content.model_content)."""
    base = scale_max + 1
    seen: dict[int, int] = {}
    infos: dict[int, StatementInfo] = {}
    for statement_id, factor_id, weight, reverse, tag, gap, audience in rows:
        position = seen[factor_id] = seen.get(factor_id, -1) + 1
        infos[statement_id] = StatementInfo(
            factor_id=factor_id,
            weight=float(weight),
            reverse=bool(reverse),
            tag=tag or "",
            gap=gap or "",
            audience=audience_mask(audience),
            place=base**position,
        )
    return infos


def _add(row: Row, name: str, weight: float, scored: int) -> None:
    n = name + "_n"
    if row[n] is None:
        row[n], row[name + "_wsum"], row[name + "_wtotal"] = 0, 0.0, 0.0
    row[n] += 1
    row[name + "_wsum"] += weight * scored
    row[name + "_wtotal"] += weight


def _new_row() -> Row:
    row: Row = dict.fromkeys(COLUMNS)
    row.update(n_valid=0, n_dont_know=0, a_valid=0)
    return row


def _add_current(row: Row, total: Row | None, s: StatementInfo, scored: int) -> None:
    """A scale answer: the factor's sums and its lens sums; the lens totals on the totals row."""
    row["n_valid"] += 1
    row["weighted_sum"] = (row["weighted_sum"] or 0.0) + s.weight * scored
    row["weight_total"] = (row["weight_total"] or 0.0) + s.weight
    row["items"] = (row["items"] or 0) + s.place * scored
    # The caller passes the totals row for every statement with a lens.
    if s.tag in LAYERS:
        assert total is not None
        _add(row, s.tag, s.weight, scored)
        _add(total, s.tag, s.weight, scored)
    if s.gap in GAPS:
        assert total is not None
        _add(total, s.gap, s.weight, scored)


def _add_ambition(row: Row, s: StatementInfo, scored: int) -> None:
    row["a_valid"] += 1
    row["a_weighted_sum"] = (row["a_weighted_sum"] or 0.0) + s.weight * scored
    row["a_weight_total"] = (row["a_weight_total"] or 0.0) + s.weight


def _plus(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else a + b


def _combine(parts: Sequence[Row]) -> Row:
    """One row summing the rows of several statement audiences, column by column."""
    combined = dict(parts[0])
    for part in parts[1:]:
        for column in COLUMNS:
            combined[column] = _plus(combined[column], part[column])
    return combined


def compute_rows(
    *,
    response_ids: Iterable[int],
    answers: Iterable[tuple[int, int, int | None, int | None]],
    factor_ambitions: Iterable[tuple[int, int, int | None]],
    statements: Mapping[int, StatementInfo],
    factor_ids: Collection[int],
    scale_min: int,
    scale_max: int,
) -> dict[RowKey, Row]:
    """{(response id, factor id or None, role kind): {column: value}} for the given responses.

    answers: (response id, statement id, current, ambition) tuples; factor_ambitions: (response id, factor
    id, value). Every response gets rows for every factor (zeros without answers) and, when the model has
    lenses, totals rows (factor None): a submitted response always has rows. A factor (or the totals)
    with statements only some role kinds are asked gets a row per role kind, each summing what that
    kind was asked (see models/sums.py for why); others one row for ANY.
    """
    by_audience = _audience_rows(
        response_ids=response_ids,
        answers=answers,
        factor_ambitions=factor_ambitions,
        statements=statements,
        factor_ids=factor_ids,
        scale_min=scale_min,
        scale_max=scale_max,
    )
    restricted = {s.factor_id for s in statements.values() if s.audience != EVERYONE}
    grouped: dict[tuple[int, int | None], dict[int, Row]] = {}
    for (response_id, factor_id, audience), row in by_audience.items():
        grouped.setdefault((response_id, factor_id), {})[audience] = row
    rows: dict[RowKey, Row] = {}
    for (response_id, factor_id), parts in grouped.items():
        if not (factor_id in restricted if factor_id is not None else restricted):
            rows[(response_id, factor_id, ANY)] = parts[EVERYONE]
            continue
        audiences = sorted(parts, reverse=True)  # everyone's sums first
        for role_kind in (NO_ROLE, MANAGEMENT, STAFF):
            mine = [parts[audience] for audience in audiences if asked(audience, role_kind)]
            rows[(response_id, factor_id, role_kind)] = _combine(mine)
    return rows


def _audience_rows(
    *,
    response_ids: Iterable[int],
    answers: Iterable[tuple[int, int, int | None, int | None]],
    factor_ambitions: Iterable[tuple[int, int, int | None]],
    statements: Mapping[int, StatementInfo],
    factor_ids: Collection[int],
    scale_min: int,
    scale_max: int,
) -> dict[RowKey, Row]:
    """{(response id, factor id or None, statement audience): {column: value}}: the sums per audience."""
    lenses = any(s.tag or s.gap for s in statements.values())
    rows: dict[RowKey, Row] = {}
    for response_id in response_ids:
        for factor_id in [*factor_ids, None] if lenses else factor_ids:
            rows[(response_id, factor_id, EVERYONE)] = _new_row()

    def row(key: RowKey) -> Row:
        found = rows.get(key)
        if found is None:
            found = rows[key] = _new_row()
        return found

    for response_id, statement_id, current, ambition in answers:
        s = statements.get(statement_id)
        if s is None:
            continue
        r = row((response_id, s.factor_id, s.audience))
        if current == DONT_KNOW:
            r["n_dont_know"] += 1
        elif current is not None and scale_min <= current <= scale_max:
            scored = scale_min + scale_max - current if s.reverse else current
            total = row((response_id, None, s.audience)) if s.tag in LAYERS or s.gap in GAPS else None
            _add_current(r, total, s, scored)
        if ambition is not None and scale_min <= ambition <= scale_max:
            _add_ambition(r, s, scale_min + scale_max - ambition if s.reverse else ambition)
    for response_id, factor_id, value in factor_ambitions:
        if factor_id in factor_ids:
            row((response_id, factor_id, EVERYONE))["factor_ambition"] = value
    return rows


def refresh(*, models: Any, response_ids: Iterable[int], batch_size: int = 500) -> int:
    """Rewrite the stored sums of these responses (only submitted ones get rows). Returns rows written.

    models: an object with the model classes Response, Answer, FactorAmbition, Statement, ScaleOption,
    Factor and ResponseFactorSums: the app's own, or a data migration's historical ones.
    The caller runs this in a transaction; batches keep memory flat for a backfill of many responses.
    """
    ids = list(response_ids)
    written = 0
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        models.ResponseFactorSums.objects.filter(response_id__in=batch).delete()
        by_version: dict[int, list[int]] = {}
        for response_id, version_id in models.Response.objects.filter(
            pk__in=batch, submitted_at__isnull=False
        ).values_list("pk", "assessment__model_version_id"):
            by_version.setdefault(version_id, []).append(response_id)
        for version_id, version_responses in by_version.items():
            written += _write(models=models, version_id=version_id, response_ids=version_responses)
    return written


def _write(*, models: Any, version_id: int, response_ids: list[int]) -> int:
    scale_min, scale_max = scale_bounds(
        models.ScaleOption.objects.filter(version_id=version_id).values_list("value", flat=True)
    )
    statements = statement_infos(
        models.Statement.objects.filter(factor__version_id=version_id)
        .order_by("factor_id", "order", "id")
        .values_list("id", "factor_id", "weight", "reverse", "tag", "servqual_gap", "audience"),
        scale_max=scale_max,
    )
    factor_ids = set(models.Factor.objects.filter(version_id=version_id).values_list("pk", flat=True))
    answers = (
        models.Answer.objects.filter(response_id__in=response_ids)
        .order_by("response_id", "statement_id")
        .values_list("response_id", "statement_id", "current", "ambition")
    )
    ambitions = models.FactorAmbition.objects.filter(response_id__in=response_ids, value__isnull=False).values_list(
        "response_id", "factor_id", "value"
    )
    rows = compute_rows(
        response_ids=response_ids,
        answers=answers.iterator(chunk_size=5000),
        factor_ambitions=ambitions,
        statements=statements,
        factor_ids=factor_ids,
        scale_min=scale_min,
        scale_max=scale_max,
    )
    models.ResponseFactorSums.objects.bulk_create(
        [
            models.ResponseFactorSums(response_id=response_id, factor_id=factor_id, role_kind=role_kind, **values)
            for (response_id, factor_id, role_kind), values in rows.items()
        ],
        batch_size=2000,
    )
    return len(rows)
