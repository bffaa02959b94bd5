"""A model version's content as scoring reads it (six queries), once per process."""

from dataclasses import dataclass

from django.db.models import Count

from assessments.scoring.queries import AdviceRow, FactorRow, LevelRow, ScaleRow, StatementRow
from assessments.scoring.result import FactorInfo, FactorLevelInfo, LevelInfo, ScaleInfo, ScalePoint
from models_9plus.models import Advice, Factor, FactorLevelText, Level, ModelVersion, ScaleOption, Statement


def model_content(
    *, version: ModelVersion
) -> tuple[list[ScaleRow], list[LevelRow], list[FactorRow], list[AdviceRow], list[list[int]], list[StatementRow]]:
    """Scale, levels, factors (with statement counts), advice, item positions and statements of a model version.

    positions[j] lists the ids of the statements that come j-th in their factor (five queries in all).
    statements: one dict per statement (id, factor_id, tag, gap, audience), read by the positions' query.
    """
    scale = list(ScaleOption.objects.filter(version=version).order_by("value").values("value", "label_en", "label_nl"))
    levels = list(
        Level.objects.filter(version=version)
        .order_by("order")
        .values("code", "order", "min_score", "name_en", "name_nl", "description_en", "description_nl")
    )
    factors = list(
        Factor.objects.filter(version=version)
        .order_by("order")
        .annotate(statement_count=Count("statements"))
        .values("id", "code", "order", "name_en", "name_nl", "description_en", "description_nl", "statement_count")
    )
    advice = list(
        Advice.objects.filter(factor__version=version).values("factor__code", "level__code", "actions_en", "actions_nl")
    )
    positions: list[list[int]] = []
    seen: dict[int, int] = {}
    statements: list[StatementRow] = []
    for statement_id, factor_id, tag, gap, audience in (
        Statement.objects.filter(factor__version=version)
        .order_by("factor_id", "order", "id")
        .values_list("id", "factor_id", "tag", "servqual_gap", "audience")
    ):
        j = seen[factor_id] = seen.get(factor_id, -1) + 1
        if j == len(positions):
            positions.append([])
        positions[j].append(statement_id)
        statements.append(
            {"id": statement_id, "factor_id": factor_id, "tag": tag, "gap": gap, "audience": tuple(audience or ())}
        )
    return scale, levels, factors, advice, positions, statements


def factor_level_texts(*, version: ModelVersion) -> dict[int, list[tuple[str, str, str]]]:
    """{factor id: [(level code, text_en, text_nl), ...]} in level order (per-factor model files)."""
    texts: dict[int, list[tuple[str, str, str]]] = {}
    for factor_id, code, text_en, text_nl in (
        FactorLevelText.objects.filter(factor__version=version)
        .order_by("level__order")
        .values_list("factor_id", "level__code", "text_en", "text_nl")
    ):
        texts.setdefault(factor_id, []).append((code, text_en, text_nl))
    return texts


@dataclass(frozen=True)
class ModelContent:
    rows: tuple[list[ScaleRow], list[LevelRow], list[FactorRow], list[AdviceRow], list[list[int]], list[StatementRow]]
    level_texts: dict[int, list[tuple[str, str, str]]]  # per-factor model files (v2) only, else empty


# A model version's content never changes once loaded (the admin shows it read only; a changed file is a new
# version), so scoring reads it once per process, as the respondents' background save does
# (questionnaire.selectors.respondent): six queries less on every cold scoring. The content hash is part of
# the key because a (test) database can reuse a primary key for other content. Callers must never change
# these shared rows.
_KEPT_CONTENT: dict[tuple[int, str], ModelContent] = {}


def kept(*, version: ModelVersion) -> ModelContent:
    """model_content and, for per-factor model files, factor_level_texts: from this process's memory."""
    key = (version.pk, version.content_hash)
    found = _KEPT_CONTENT.get(key)
    if found is None:
        found = _KEPT_CONTENT[key] = ModelContent(
            rows=model_content(version=version),
            # Only per-factor model files (v2) require level texts per factor: older versions skip the query.
            level_texts=factor_level_texts(version=version) if version.ambition_per_factor else {},
        )
    return found


def forget() -> None:
    """Read every version's content again on next use (tests that count a first scoring's queries)."""
    _KEPT_CONTENT.clear()


def result_infos(
    content: ModelContent, *, scale_min: int, scale_max: int
) -> tuple[ScaleInfo, tuple[LevelInfo, ...], tuple[FactorInfo, ...]]:
    """The model's scale, levels and factors as they appear in the result."""
    scale_rows, level_rows, factor_rows = content.rows[0], content.rows[1], content.rows[2]
    scale = ScaleInfo(
        min=scale_min,
        max=scale_max,
        points=tuple(ScalePoint(value=s["value"], label_en=s["label_en"], label_nl=s["label_nl"]) for s in scale_rows),
    )
    levels = tuple(
        LevelInfo(
            code=lv["code"],
            order=lv["order"],
            min_score=float(lv["min_score"]),
            name_en=lv["name_en"],
            name_nl=lv["name_nl"],
            description_en=lv["description_en"],
            description_nl=lv["description_nl"],
        )
        for lv in level_rows
    )
    factors = tuple(
        FactorInfo(
            code=f["code"],
            order=f["order"],
            name_en=f["name_en"],
            name_nl=f["name_nl"],
            description_en=f["description_en"],
            description_nl=f["description_nl"],
            statements=f["statement_count"],
            level_texts=tuple(
                FactorLevelInfo(level_code=code, text_en=en, text_nl=nl)
                for code, en, nl in content.level_texts.get(f["id"], ())
            ),
        )
        for f in factor_rows
    )
    return scale, levels, factors
