"""Reads of maturity-model content."""

from decimal import Decimal
from typing import TypedDict

from django.db.models import Prefetch

from models_9plus.models import Action, Advice, Factor, FactorLevelText, Level, ModelVersion, Statement


class LevelBand(TypedDict):
    level: Level
    low: Decimal
    high: Decimal | int
    width: Decimal


def version_with_content(*, version_id: int, library: bool = False, level_texts: bool = False) -> ModelVersion:
    """A version with its scale, levels, factors, statements and advice prefetched.

    library=True also prefetches each factor's level texts and action library (two or three more queries);
    level_texts=True only the level texts (one more query).
    """
    factor_prefetches = [
        Prefetch("statements", queryset=Statement.objects.order_by("order")),
        Prefetch("advice", queryset=Advice.objects.select_related("level")),
    ]
    if level_texts and not library:
        factor_prefetches.append(Prefetch("level_texts", queryset=FactorLevelText.objects.select_related("level")))
    if library:
        factor_prefetches += [
            Prefetch("level_texts", queryset=FactorLevelText.objects.select_related("level")),
            Prefetch("actions", queryset=Action.objects.order_by("order").prefetch_related("levels")),
        ]
    return (
        ModelVersion.objects.select_related("model")
        .prefetch_related(
            "scale_options",
            "levels",
            Prefetch("factors", queryset=Factor.objects.prefetch_related(*factor_prefetches)),
        )
        .get(pk=version_id)
    )


def latest_version_with_content(*, code: str, library: bool = False, level_texts: bool = False) -> ModelVersion | None:
    latest = ModelVersion.objects.filter(model__code=code).order_by("-number").values_list("pk", flat=True).first()
    if latest is None:
        return None
    return version_with_content(version_id=latest, library=library, level_texts=level_texts)


def level_bands(*, version: ModelVersion) -> list[LevelBand]:
    """Each level with the score range it covers on the 0-100 scale: [(level, low, high, width), ...].

    A level runs from its own min_score up to (not including) the next level's;
    the last one runs to 100. Uses the prefetched levels, so no extra queries.
    """
    levels = list(version.levels.all())
    bands: list[LevelBand] = []
    for index, level in enumerate(levels):
        high = levels[index + 1].min_score if index + 1 < len(levels) else 100
        bands.append({"level": level, "low": level.min_score, "high": high, "width": high - level.min_score})
    return bands


class FactorLevelTextRow(TypedDict):
    level: Level
    text: str


def factor_level_texts(*, factor: Factor) -> list[FactorLevelTextRow]:
    """[{"level": Level, "text": str}, ...], lowest level first: what this factor looks like at each level.

    Per-factor texts come from the model file (v2); where a factor has none (v1), the general level
    description stands in. Texts are in the active language. Two queries.
    """
    own = {t.level_id: t for t in FactorLevelText.objects.filter(factor=factor)}
    levels = Level.objects.filter(version_id=factor.version_id).order_by("order")
    return [
        {"level": level, "text": str(own[level.pk].t("text") if level.pk in own else level.t("description"))}
        for level in levels
    ]
