"""A slide deck as plain data: what each slide says and shows, before anything is drawn.

The story (`story.py`) and the domains above results (through `contributions.register_deck_slides`) describe
slides with these types; `draw.py` is the only module that knows python-pptx. Chart values arrive rounded by
the one rule (`display_round`), so the numbers in an editable chart are the numbers the PDF prints; None is a
hidden or missing value and is left empty, never drawn as zero.
"""

from dataclasses import dataclass, field
from typing import Literal

ChartKind = Literal["radar", "bar", "column", "line"]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int | float | None, ...]
    colour: str = ""  # #rrggbb; "" takes the deck's palette
    dashed: bool = False
    # Each value's margin of error (rounded like it), drawn as a native error bar on bars; () for none.
    margins: tuple[int | float | None, ...] = ()


@dataclass(frozen=True)
class Chart:
    kind: ChartKind  # radar; bar (horizontal); column (vertical); line
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    minimum: float = 0
    maximum: float | None = 100
    major_unit: float | None = 20
    number_format: str = "0"  # of the value axis and the data labels
    data_labels: bool = True
    legend: bool = True


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()  # per column: right-aligned figures
    strong_rows: tuple[int, ...] = ()  # rows in bold (e.g. the index above the factors)


@dataclass(frozen=True)
class Finding:
    """A card: a small label, a headline and a sentence or two (the key message's findings)."""

    label: str
    headline: str
    detail: str = ""


@dataclass(frozen=True)
class Fact:
    """A figure in a tile: "46" over "Score"."""

    value: str
    label: str


@dataclass
class Slide:
    key: str  # stable name: "title", "key_message", "overview", "factor:<code>", "plan", ...
    eyebrow: str
    title: str
    lead: str = ""
    facts: tuple[Fact, ...] = ()
    chart: Chart | None = None
    table: Table | None = None
    findings: tuple[Finding, ...] = ()
    heading: str = ""  # above the bullets
    bullets: tuple[str, ...] = ()
    note: str = ""  # a small line at the bottom: why something is hidden, what a unit means
    notes: str = ""  # the speaker notes
    extra: dict[str, str] = field(default_factory=dict)  # the title slide's lines (organisation, period, ...)
