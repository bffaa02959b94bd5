"""The deck's slides about factors: one per scored factor, the factors without a score, the top priorities.

Read from the PDF's factor pages (`report_pages.FactorPage`) and priorities, in the report's words.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.results.deck.margins import change_words, margin_label
from assessments.results.deck.slides import Chart, Fact, Finding, Series, Slide, Table
from assessments.scoring.rounding import display_text

MAX_ADVICE = 3


def number(value: float | None, digits: int = 0) -> str:
    """A figure as the reader reads it ("46", "7,4" in Dutch); "–" when hidden or missing."""
    return display_text(value, digits) if value is not None else "–"


def _factor_table(page: Any) -> Table | None:
    if not (len(page.layer_rows) > 1 or len(page.layer_groups) > 1):
        return None
    rows = tuple(
        (row["label"], *(cell["hidden"] or number(cell["value"]) for cell in row["cells"])) for row in page.layer_rows
    )
    return Table(
        header=(_("Per group"), *page.layer_groups),
        rows=rows,
        numeric=(False, *(True for _g in page.layer_groups)),
        strong_rows=(0,),
    )


def factor_slide(page: Any, *, total: int, facts: dict[str, Any]) -> Slide:
    eyebrow = _("Factor %(number)s of %(total)s") % {"number": page.number, "total": total}
    if page.priority_rank:
        eyebrow += " · " + _("Priority %(rank)s") % {"rank": page.priority_rank}
    tiles = [
        Fact(f"{number(page.score)}/100", margin_label(_("Score"), page.margin)),
        Fact(page.level.name(facts["language"]), _("Level")),
    ]
    if page.consensus is not None:
        tiles.append(Fact(f"{number(page.consensus)}%", _("Consensus")))
    change = ""  # the PDF's sentence: "Change since last round: ▲ +8 beyond the margin (±6) (was 38)"
    if facts["previous"] and page.change_mark is not None:
        tiles.append(Fact(change_words(page.change_mark, compact=True), _("Change")))
        change = f"{_('Change since last round')}: {change_words(page.change_mark)}"
        if page.previous_score is not None:
            change += f" ({_('was')} {number(page.previous_score)})"
        change += "."
    elif facts["previous"] and page.change:
        tiles.append(Fact(page.change, _("Change")))
    elif page.ambition_score is not None:
        tiles.append(Fact(number(page.ambition_score), _("Ambition")))
    chart = None
    note = ""
    if page.distribution:
        chart = Chart(
            kind="column",
            categories=tuple(row["label"] for row in page.distribution),
            series=(Series(_("How the answers are spread"), tuple(row["percent"] for row in page.distribution)),),
            maximum=None,
            major_unit=None,
            number_format='0"%"',
            legend=False,
        )
        if page.consensus_label:
            note = f"{_('Consensus')} {number(page.consensus)}%: {page.consensus_label}."
    else:
        threshold = facts["thresholds"].spread
        note = ngettext(
            "The spread is shown from %(threshold)s respondent.",
            "The spread is shown from %(threshold)s respondents.",
            threshold,
        ) % {"threshold": threshold}
    note = " ".join(x for x in (change, note) if x)
    extremes = facts["statement_extremes"].get(page.code)
    notes = ""
    if extremes:
        notes = "\n".join(
            f"{label}: {row.text} ({number(row.score)})"
            for label, row in (
                (_("Strongest statement"), extremes["strongest"]),
                (_("Weakest statement"), extremes["weakest"]),
            )
            if row is not None
        )
    return Slide(
        key=f"factor:{page.code}",
        notes=notes,
        eyebrow=eyebrow,
        title=page.name,
        lead=page.description,
        facts=tuple(tiles),
        chart=chart,
        table=_factor_table(page),
        heading=_("Advice") if page.advice else "",
        bullets=tuple(a["title"] for a in page.advice[:MAX_ADVICE]),
        note=note,
    )


def hidden_factors_slide(facts: dict[str, Any]) -> Slide | None:
    pages = facts["hidden_pages"]
    if not pages:
        return None
    threshold = facts["thresholds"].scores
    return Slide(
        key="hidden_factors",
        eyebrow=_("Factors"),
        title=_("Factors without a score") if facts["has_scores"] else _("What this scan measures"),
        lead=ngettext(
            "A factor's score is shown once at least %(threshold)s respondent has answered enough of its "
            "statements, so that nobody's answers can be recognised.",
            "A factor's score is shown once at least %(threshold)s respondents have answered enough of its "
            "statements, so that nobody's answers can be recognised.",
            threshold,
        )
        % {"threshold": threshold},
        bullets=tuple(f"{p.name}: {p.hidden_reason}" if p.hidden_reason else p.name for p in pages),
    )


def priorities_slide(facts: dict[str, Any]) -> Slide | None:
    priorities = facts["priorities"]
    if not priorities:
        return None
    assessment = facts["assessment"]
    if facts["result"].ambition_used:
        lead = _(
            "The factors where the ambition (%(horizon)s) and current practice are furthest apart, where there is "
            "most room to grow and where people disagree most."
        ) % {"horizon": assessment.ambition_horizon_words}
    else:
        lead = _(
            "The factors with the most room to grow and where people disagree most. No ambition was measured, so "
            "the gap to the ambition does not count."
        )
    findings = []
    for priority in priorities:
        page = priority["page"]
        figures = f"{_('score')} {number(page.score)}"
        if page.gap_score is not None:
            figures += f" · {_('gap to ambition')} {number(page.gap_score)}"
        advice = [a["title"] for a in page.advice[:MAX_ADVICE]]
        findings.append(
            Finding(
                label=_("Priority %(rank)s") % {"rank": priority["rank"]},
                headline=page.name,
                detail="\n".join([figures, *(f"• {a}" for a in advice)]),
            )
        )
    return Slide(
        key="priorities", eyebrow=_("Executive summary"), title=_("Top priorities"), lead=lead, findings=tuple(findings)
    )
