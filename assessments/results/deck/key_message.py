"""The key message's words for the deck, taken from the partial the PDF and the dashboard render.

`results/_key_message.html` is the one wording of the key message (its sentences state the figures of
`selectors.key_message.KeyMessage` by the rules on the method page). The deck renders that same partial and
reads its text back by the partial's classes, so a slide can never phrase a finding differently from the PDF.
"""

import re
from html.parser import HTMLParser

from django.template.loader import render_to_string

from assessments.results.deck.slides import Finding
from assessments.results.selectors.key_message import KeyMessage

# The partial's classes whose text the deck takes, and what each becomes.
_PARTS = {
    "km-finding": "finding",
    "km-label": "label",
    "km-headline": "headline",
    "km-detail": "detail",
    "km-decision": "decision",
    "km-decision-name": "name",
    "km-decision-figures": "figures",
    "km-decision-ask": "ask",
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Reader(HTMLParser):
    """Collects, per finding and per decision, the text of each part; a label outside them (the decisions'
    heading) goes to `labels`. Tags nest: text belongs to the innermost part."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.items: list[dict[str, str]] = []
        self.labels: list[str] = []
        self.open_item = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        part = next((_PARTS[c] for c in classes if c in _PARTS), None)
        if part in ("finding", "decision"):
            self.items.append({"kind": part})
            self.open_item = True
        elif part == "label" and not self.open_item:
            self.labels.append("")
            part = "loose_label"
        self.stack.append(part)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack.pop() in ("finding", "decision"):
            self.open_item = False

    def handle_data(self, data: str) -> None:
        part = next((p for p in reversed(self.stack) if p not in (None, "finding", "decision")), None)
        if part == "loose_label":
            self.labels[-1] += data
        elif part is not None and self.open_item:
            self.items[-1][part] = self.items[-1].get(part, "") + data


def key_message_parts(km: KeyMessage) -> tuple[tuple[Finding, ...], str, tuple[str, ...]]:
    """(findings, the decisions' label, one line per decision) in the active language."""
    reader = _Reader()
    reader.feed(render_to_string("results/_key_message.html", {"km": km}))
    findings = tuple(
        Finding(
            label=_squash(i.get("label", "")),
            headline=_squash(i.get("headline", "")),
            detail=_squash(i.get("detail", "")),
        )
        for i in reader.items
        if i["kind"] == "finding"
    )
    decisions = tuple(
        " · ".join(_squash(i[p]) for p in ("name", "figures") if _squash(i.get(p, "")))
        + (f"\n{_squash(i['ask'])}" if _squash(i.get("ask", "")) else "")
        for i in reader.items
        if i["kind"] == "decision"
    )
    label = _squash(reader.labels[-1]) if decisions and reader.labels else ""
    return findings, label, decisions
