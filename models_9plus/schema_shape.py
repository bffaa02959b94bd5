"""The maturity-model file's shape, described with pydantic (SCHEMA.md describes it for people).

The models below say which keys each mapping may and must have, which values are texts in both
languages, codes, lists, choices or true/false, and the few value rules pydantic has no type for (a
number with two decimals, a threshold within 0-100). `ModelFile` is a per-statement (version 1 style)
model, `ModelFilePerFactor` a per-factor one. `schema_problems` words their errors for the person
editing the file and adds the rules across items.
"""

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, ClassVar, Literal, NoReturn, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

# Closed lists; SCHEMA.md explains each value.
AmbitionMode = Literal["per_statement", "per_factor"]  # per_statement is the original (v1) format and the default
ContentChecks = Literal["strict"]  # the rules of content_checks.py, asked for by version 2.1 of the 9+ model
Tag = Literal["basis", "nine_plus"]
ServqualGap = Literal["knowledge", "standards", "delivery", "communication"]
StatementAudience = Literal["management", "staff"]
ActionAudience = Literal["cx_lead", "management", "teams"]
ActionEffort = Literal["days", "weeks", "months"]
ActionSource = Literal[
    "seeds_tips", "sponsor_energy", "cx_excellence_principles", "cx_ex_blueprint", "servqual", "nine_plus_model"
]
AMBITION_PER_STATEMENT: str = get_args(AmbitionMode)[0]
AMBITION_PER_FACTOR: str = get_args(AmbitionMode)[1]
AUDIENCES = get_args(StatementAudience)

TWO_PLACES = Decimal("0.01")
WEIGHT_MAX = Decimal("99.99")


def _fail(message: str) -> NoReturn:
    raise PydanticCustomError("rule", "{rule}", {"rule": message})


def number(value: Any) -> Decimal:
    """A number with at most two decimals (the database keeps two)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        _fail(f"{value!r} is not a number")
    number = Decimal(str(value))
    if not number.is_finite():
        _fail(f"{value!r} is not a finite number")
    try:
        exact = number == number.quantize(TWO_PLACES)
    except InvalidOperation:  # too many digits to have two decimals
        exact = False
    if not exact:
        _fail(f"{value} is too large or has more than two decimals")
    return number


def _min_score(value: Any) -> Any:
    if not Decimal(0) <= number(value) <= Decimal(100):
        _fail(f"{value} is outside 0-100")
    return value


def _weight(value: Any) -> Any:
    if not Decimal(0) < number(value) <= WEIGHT_MAX:
        _fail(f"{value} must be more than 0 and at most {WEIGHT_MAX}")
    return value


def _never(message: str) -> AfterValidator:
    """For a key that is known but wrong in this kind of model: any value is the problem."""

    def check(value: Any) -> NoReturn:
        _fail(message)

    return AfterValidator(check)


def _not_reversed(value: bool) -> bool:
    if value:
        _fail(
            "reverse-scored statements are not allowed when ambition is per_factor: "
            "phrase the statement as the good practice"
        )
    return value


# --------------------------------------------------------------------------- the shape


# A key that may be left out; given, even as null, its value must be right.
OPTIONAL = Field(default=None)


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    # Keys accepted (each with its own message) that "allowed here" does not offer.
    unlisted: ClassVar[frozenset[str]] = frozenset()


# Texts are stripped; the limits are those of the database columns, so a long text fails here with a path.
Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=50)]
# The version the content is published as ("2.1"): quoted in YAML, so 2.10 never reads as 2.1.
VersionLabel = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)*$", max_length=20)]
Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Words100 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Words200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Words300 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Words1 = Annotated[list[Words], Field(min_length=1)]


class Text(Shape):
    """A text in each language: {en: ..., nl: ...}."""

    en: Words
    nl: Words


class Text100(Text):
    en: Words100
    nl: Words100


class Text200(Text):
    en: Words200
    nl: Words200


class Text300(Text):
    en: Words300
    nl: Words300


LANGUAGES = tuple(Text.model_fields)  # the order used in exports


class AdviceLevel(Text):
    """One level's advice: a list of actions in each language (as many in each: checked across items)."""

    en: Words1  # type: ignore[assignment]  # a list of texts where Text has one
    nl: Words1  # type: ignore[assignment]


class Option(Shape):
    value: Annotated[int, Field(ge=1)]
    label: Text100
    description: Text300 | None = None


class Scale(Shape):
    options: Annotated[list[Option], Field(min_length=1)]
    dont_know: Text100


class Level(Shape):
    code: Code
    name: Text100
    description: Text
    min_score: Annotated[Any, AfterValidator(_min_score)]


class Action(Shape):
    id: Code
    title: Text200
    how_to: Text
    success_measure: Annotated[Text, OPTIONAL]  # required by the strict content checks
    audience: ActionAudience
    effort: ActionEffort
    levels: Annotated[list[Any], Field(min_length=1)]  # codes of this model's levels: checked across items
    source: ActionSource


class _Statement(Shape):
    code: Code
    text: Text
    weight: Annotated[Any, AfterValidator(_weight)] = None
    audience: Annotated[list[StatementAudience], Field(min_length=1, default=None)]
    one_idea: Annotated[Words, OPTIONAL]  # why an "and" in the text joins one practice (content checks)


class Statement(_Statement):
    reverse: bool = False
    tag: Annotated[Tag, OPTIONAL]
    servqual_gap: Annotated[ServqualGap, OPTIONAL]


class StatementPerFactor(_Statement):
    """A per-factor (version 2 style) model tags every statement and phrases none in reverse."""

    reverse: Annotated[bool, AfterValidator(_not_reversed)] = False
    tag: Tag
    servqual_gap: ServqualGap


class _Factor(Shape):
    code: Code
    name: Text200
    description: Text
    # Version 2.1: the SERVQUAL gaps the factor claims (each once: checked across items), and whether only
    # some customers can answer its customer question.
    servqual_links: Annotated[list[ServqualGap], Field(min_length=1, default=None)]
    customer_not_applicable: bool = False


class Factor(_Factor):
    statements: Annotated[list[Statement], Field(min_length=1)]
    advice: dict[str, AdviceLevel]  # keyed by level code: checked across items
    ambition: Annotated[Text, OPTIONAL]  # reported across items: only used when ambition is per_factor
    customer_question: Annotated[Text, OPTIONAL]
    level_texts: Annotated[dict[str, Text], OPTIONAL]
    actions: Annotated[list[Action], Field(min_length=1, default=None)]


class FactorPerFactor(_Factor):
    """Version 2 style: ambition and customer question per factor; the action library replaces advice."""

    ambition: Text
    customer_question: Text
    statements: Annotated[list[StatementPerFactor], Field(min_length=1)]
    advice: Annotated[Any, _never("not used when ambition is per_factor: advice is derived from the actions list")] = (
        None
    )
    level_texts: dict[str, Text]
    actions: Annotated[list[Action], Field(min_length=1)]


class _ModelFile(Shape):
    unlisted = frozenset({"statements"})

    code: Code
    version: Annotated[VersionLabel, OPTIONAL]
    name: Text200
    description: Text
    attribution: Text
    ambition: Annotated[AmbitionMode, OPTIONAL]
    scale: Scale
    levels: Annotated[list[Level], Field(min_length=1)]
    statements: Annotated[Any, _never("statements must belong to a factor: put them under factors[n].statements")] = (
        None
    )


class ModelFile(_ModelFile):
    factors: Annotated[list[Factor], Field(min_length=1)]
    content_checks: Annotated[Any, _never("the content checks need a per_factor model (ambition: per_factor)")] = None


class ModelFilePerFactor(_ModelFile):
    factors: Annotated[list[FactorPerFactor], Field(min_length=1)]
    content_checks: Annotated[ContentChecks, OPTIONAL]
