"""Loading and exporting maturity-model content.

A version is never modified once stored: loading identical content returns the
latest version, and changed content becomes a new version. Assessments keep
pointing at the version they were run with, so their scores stay explainable.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models, transaction

from models_9plus import schema
from models_9plus.models import (
    Action,
    Advice,
    Factor,
    FactorLevelText,
    Level,
    MaturityModel,
    ModelVersion,
    ScaleOption,
    Statement,
)
from models_9plus.selectors import version_with_content


@dataclass(frozen=True)
class LoadResult:
    version: ModelVersion
    created: bool


def load_model_file(*, path: str | Path) -> LoadResult:
    """Load a YAML (or JSON) model file; raises schema.ModelFileError listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise schema.ModelFileError([f"(file): {path} does not exist"]) from None
    except IsADirectoryError:
        raise schema.ModelFileError([f"(file): {path} is a folder, not a model file"]) from None
    except UnicodeDecodeError:
        raise schema.ModelFileError([f"(file): {path} is not UTF-8 text"]) from None
    data, lines = schema.parse_yaml(text)
    return _load(schema.normalise(data, lines))


def load_model_data(*, data: schema.RawData) -> LoadResult:
    """Load already-parsed file content (a dict in the file format)."""
    return _load(schema.normalise(data))


@transaction.atomic
def _load(canonical: schema.Canonical) -> LoadResult:
    digest = schema.content_hash(canonical)
    model, _ = MaturityModel.objects.get_or_create(
        code=canonical["code"], defaults={"name_en": canonical["name"]["en"], "name_nl": canonical["name"]["nl"]}
    )
    # Lock the model row so two simultaneous loads cannot both claim the same version number.
    model = MaturityModel.objects.select_for_update().get(pk=model.pk)
    latest = model.versions.order_by("-number").first()
    label = canonical.get("version", "")
    if latest is not None and latest.content_hash == digest:
        if label and not latest.label:  # loaded before files named their version: name it, content unchanged
            latest.label = label
            latest.save(update_fields=["label"])
        return LoadResult(version=latest, created=False)

    model.name_en, model.name_nl = canonical["name"]["en"], canonical["name"]["nl"]
    model.save(update_fields=["name_en", "name_nl"])
    version = ModelVersion.objects.create(
        model=model,
        number=(latest.number + 1) if latest else 1,
        label=label,
        content_hash=digest,
        **_bilingual("name", canonical["name"]),
        **_bilingual("description", canonical["description"]),
        **_bilingual("attribution", canonical["attribution"]),
        **_bilingual("dont_know_label", canonical["scale"]["dont_know"]),
        ambition_mode=canonical.get("ambition", schema.AMBITION_PER_STATEMENT),
        content_checks=canonical.get("content_checks", ""),
    )
    ScaleOption.objects.bulk_create(
        ScaleOption(
            version=version,
            value=option["value"],
            **_bilingual("label", option["label"]),
            **_bilingual("description", option.get("description", {"en": "", "nl": ""})),
        )
        for option in canonical["scale"]["options"]
    )
    levels: dict[str, Level] = {}
    for order, data in enumerate(canonical["levels"]):
        levels[data["code"]] = Level.objects.create(
            version=version,
            code=data["code"],
            order=order,
            min_score=data["min_score"],
            **_bilingual("name", data["name"]),
            **_bilingual("description", data["description"]),
        )
    for order, data in enumerate(canonical["factors"], start=1):
        _load_factor(version, order, data, levels)
    return LoadResult(version=version, created=True)


def _load_factor(version: ModelVersion, order: int, data: dict[str, Any], levels: dict[str, Level]) -> None:
    empty = {"en": "", "nl": ""}
    factor = Factor.objects.create(
        version=version,
        code=data["code"],
        order=order,
        **_bilingual("name", data["name"]),
        **_bilingual("description", data["description"]),
        **_bilingual("ambition", data.get("ambition", empty)),
        **_bilingual("customer_question", data.get("customer_question", empty)),
        customer_not_applicable=data.get("customer_not_applicable", False),
        servqual_links=data.get("servqual_links", []),
    )
    Statement.objects.bulk_create(
        Statement(
            factor=factor,
            code=statement["code"],
            order=position,
            weight=statement["weight"],
            reverse=statement.get("reverse", False),
            tag=statement.get("tag", ""),
            servqual_gap=statement.get("servqual_gap", ""),
            audience=statement.get("audience", []),
            one_idea=statement.get("one_idea", ""),
            **_bilingual("text", statement["text"]),
        )
        for position, statement in enumerate(data["statements"], start=1)
    )
    FactorLevelText.objects.bulk_create(
        FactorLevelText(factor=factor, level=levels[code], **_bilingual("text", text))
        for code, text in data.get("level_texts", {}).items()
    )
    level_links: list[Any] = []
    for position, item in enumerate(data.get("actions", []), start=1):
        action = Action.objects.create(
            factor=factor,
            code=item["id"],
            order=position,
            audience=item["audience"],
            effort=item["effort"],
            source=item["source"],
            **_bilingual("title", item["title"]),
            **_bilingual("how_to", item["how_to"]),
            **_bilingual("success_measure", item.get("success_measure", empty)),
        )
        level_links.extend(Action.levels.through(action=action, level=levels[code]) for code in item["levels"])
    Action.levels.through.objects.bulk_create(level_links)
    # A model with an action library has no advice mapping: its Advice rows are the titles of the actions
    # that fit each level, so every page that shows advice keeps working.
    advice = data["advice"] if "advice" in data else schema.derive_advice(data.get("actions", []), list(levels))
    Advice.objects.bulk_create(
        Advice(factor=factor, level=levels[code], actions_en=actions["en"], actions_nl=actions["nl"])
        for code, actions in advice.items()
    )


def export_model_version(*, version: ModelVersion) -> dict[str, Any]:
    """The version as a dict in the file format (numbers as int/float); load(export(v)) changes nothing."""
    plain: dict[str, Any] = schema.to_plain(_canonical(version_with_content(version_id=version.pk, library=True)))
    return plain


def export_model_yaml(*, version: ModelVersion) -> str:
    return schema.dump_yaml(_canonical(version_with_content(version_id=version.pk, library=True)))


def _canonical(version: ModelVersion) -> schema.Canonical:
    levels = list(version.levels.all())
    per_factor = version.ambition_per_factor
    options: list[dict[str, Any]] = []
    for option in version.scale_options.all():
        item: dict[str, Any] = {"value": option.value, "label": _pair(option, "label")}
        if option.description_en or option.description_nl:
            item["description"] = _pair(option, "description")
        options.append(item)
    canonical: schema.Canonical = {
        "code": version.model.code,
        "name": _pair(version, "name"),
        "description": _pair(version, "description"),
        "attribution": _pair(version, "attribution"),
        "scale": {"options": options, "dont_know": _pair(version, "dont_know_label")},
        "levels": [
            {
                "code": level.code,
                "name": _pair(level, "name"),
                "description": _pair(level, "description"),
                "min_score": level.min_score,
            }
            for level in levels
        ],
        "factors": [_canonical_factor(factor, levels, per_factor) for factor in version.factors.all()],
    }
    if per_factor:
        canonical["ambition"] = schema.AMBITION_PER_FACTOR
    if version.content_checks:
        canonical["content_checks"] = version.content_checks
    if version.label:  # right under the code, as in the file
        canonical = {"code": canonical.pop("code"), "version": version.label, **canonical}
    return canonical


def _canonical_factor(factor: Factor, levels: list[Level], per_factor: bool) -> dict[str, Any]:
    result: dict[str, Any] = {
        "code": factor.code,
        "name": _pair(factor, "name"),
        "description": _pair(factor, "description"),
        "statements": [_canonical_statement(statement, per_factor) for statement in factor.statements.all()],
    }
    if not per_factor:  # a per-factor model derives its advice from the actions
        advice = {item.level_id: item for item in factor.advice.all()}
        result["advice"] = {
            level.code: {"en": list(advice[level.pk].actions_en), "nl": list(advice[level.pk].actions_nl)}
            for level in levels
        }
    for field in ("ambition", "customer_question"):
        if getattr(factor, f"{field}_en") or getattr(factor, f"{field}_nl"):
            result[field] = _pair(factor, field)
    texts = {text.level_id: text for text in factor.level_texts.all()}
    if texts:
        result["level_texts"] = {level.code: _pair(texts[level.pk], "text") for level in levels if level.pk in texts}
    actions = list(factor.actions.all())
    if actions:
        result["actions"] = [_canonical_action(action) for action in actions]
    if factor.servqual_links:
        result["servqual_links"] = list(factor.servqual_links)
    if factor.customer_not_applicable:
        result["customer_not_applicable"] = True
    return result


def _canonical_action(action: Action) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": action.code,
        "title": _pair(action, "title"),
        "how_to": _pair(action, "how_to"),
        "audience": action.audience,
        "effort": action.effort,
        "levels": [level.code for level in sorted(action.levels.all(), key=lambda level: level.order)],
        "source": action.source,
    }
    if action.success_measure_en or action.success_measure_nl:
        result["success_measure"] = _pair(action, "success_measure")
    return result


def _canonical_statement(statement: Statement, per_factor: bool) -> dict[str, Any]:
    result: dict[str, Any] = {"code": statement.code, "text": _pair(statement, "text"), "weight": statement.weight}
    if not per_factor:
        result["reverse"] = statement.reverse
    for field in ("tag", "servqual_gap"):
        if getattr(statement, field):
            result[field] = getattr(statement, field)
    if statement.audience:
        result["audience"] = list(statement.audience)
    if statement.one_idea:
        result["one_idea"] = statement.one_idea
    return result


def _bilingual(field: str, text: schema.Text) -> dict[str, str]:
    return {f"{field}_{lang}": text[lang] for lang in schema.LANGUAGES}


def _pair(obj: models.Model, field: str) -> schema.Text:
    return {lang: getattr(obj, f"{field}_{lang}") for lang in schema.LANGUAGES}
