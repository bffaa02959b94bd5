"""The slide deck read back with python-pptx: its slides and titles in both languages, and every chart's
series against the scoring result (rounded by the one rule, as the PDF prints them)."""

import pytest
from django.utils import translation

from assessments.results.deck.document import build_report_deck, deck_slides
from assessments.results.deck.key_message import key_message_parts
from assessments.results.lenses import GAPS
from assessments.results.selectors.key_message import key_message
from assessments.scoring import score_assessment
from assessments.scoring.rounding import display_round
from tests.results.deck.conftest import all_text, charts_of, read_deck, slides_by_name
from tests.results.report.builders import HIDDEN_TEAM

pytestmark = pytest.mark.django_db


def _rounded(values):
    return tuple(None if v is None else float(display_round(v)) for v in values)


def _series(chart):
    return {s.name: tuple(s.values) for s in chart.plots[0].series}


def _names(result, language):
    return [f.name(language) for f in result.factors]


EXPECTED_TITLES = {
    "en": [
        "What the board needs to know",
        "Where the chain breaks",
        "Perception gap: management and staff",
        "Top priorities",
        "Next steps",
        "Trend",
        "Method and privacy",
    ],
    "nl": [
        "Wat het bestuur moet weten",
        "Waar de keten breekt",
        "Perceptiekloof: management en medewerkers",
        "Belangrijkste prioriteiten",
        "Vervolgstappen",
        "Trend",
        "Methode en privacy",
    ],
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_slides_and_titles_in_the_readers_language(scenario, language):
    deck = read_deck(build_report_deck(assessment=scenario.assessment, language=language))
    result = score_assessment(assessment=scenario.assessment)
    names = [slide.name for slide in deck.slides]
    factor_keys = [f"factor:{f.code}" for f in result.factors]
    assert names == [
        "title",
        "key_message",
        "overview",
        "scores",
        "layers",
        "chain",
        "perception",
        *factor_keys,
        "priorities",
        "plan",
        "trend",
        "trend:changes",
        "method",
    ]
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[0] == scenario.assessment.title
    assert set(EXPECTED_TITLES[language]) <= set(titles)
    overview = {
        ("en", True): "Current practice and ambition",
        ("en", False): "Current practice per factor",
        ("nl", True): "Huidige praktijk en ambitie",
        ("nl", False): "Huidige praktijk per factor",
    }
    assert titles[names.index("overview")] == overview[language, result.ambition_used]
    by_name = slides_by_name(deck)
    assert [by_name[k].shapes.title.text for k in factor_keys] == _names(result, language)
    lenses = result.lenses_for("organisation")
    basics, nine_plus = display_round(lenses.basis.score), display_round(lenses.nine_plus.score)
    layers = {"en": f"Basics {basics} · 9+ moments {nine_plus}", "nl": f"Basis {basics} · 9+-momenten {nine_plus}"}
    assert by_name["layers"].shapes.title.text == layers[language]
    # Every run of text carries the reader's language (spelling checks, screen readers).
    text = all_text(deck)
    english_only = ("What the board", "Current practice", "Perception gap", "Next steps", "Method and privacy")
    if language == "nl":
        assert not [phrase for phrase in english_only if phrase in text]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_chart_equals_the_scoring_result(scenario, language):
    deck = slides_by_name(read_deck(build_report_deck(assessment=scenario.assessment, language=language)))
    result = score_assessment(assessment=scenario.assessment)
    org = result.organisation
    with translation.override(language):
        current, ambition, previous = (translation.gettext(x) for x in ("Current", "Ambition", "Previous round"))
        management, staff, organisation = (translation.gettext(x) for x in ("Management", "Staff", "Organisation"))
        basics_name, nine_name = translation.gettext("Basics"), translation.gettext("9+ moments")

    [radar] = charts_of(deck["overview"])
    assert tuple(radar.plots[0].categories) == tuple(_names(result, language))
    expected = {current: _rounded(s.score for s in org.factors)}
    if result.ambition_used:
        expected[ambition] = _rounded(s.ambition_score for s in org.factors)
    expected[previous] = _rounded(c.previous_score for c in result.changes)
    assert _series(radar) == expected

    [perception] = charts_of(deck["perception"])
    assert _series(perception) == {
        management: _rounded(result.management.factor(f.code).score for f in result.factors),
        staff: _rounded(result.staff.factor(f.code).score for f in result.factors),
    }

    lenses = {key: result.lenses_for(key) for key in ("organisation", "management", "staff")}
    [layers] = charts_of(deck["layers"])
    layer = lenses["organisation"]
    assert _series(layers) == {
        basics_name: _rounded(layer.factor(f.code).basis.score for f in result.factors),
        nine_name: _rounded(layer.factor(f.code).nine_plus.score for f in result.factors),
    }

    [chain] = charts_of(deck["chain"])
    assert len(chain.plots[0].categories) == len(GAPS)
    assert _series(chain) == {
        name: _rounded(lens.score for lens in lenses[key].servqual)
        for name, key in ((organisation, "organisation"), (management, "management"), (staff, "staff"))
    }

    for info in result.factors:
        [spread] = charts_of(deck[f"factor:{info.code}"])
        counts = org.factor(info.code).distribution
        assert list(_series(spread).values()) == [_rounded(100 * c / sum(counts) for c in counts)]

    [trend] = charts_of(deck["trend"])
    rounds = [score_assessment(assessment=scenario.previous), result]
    series = _series(trend)
    assert series[translation.gettext("Maturity index") if language == "en" else "Volwassenheidsindex"] == _rounded(
        r.index for r in rounds
    )
    for info in result.factors:
        assert series[info.name(language)] == _rounded(r.organisation.factor(info.code).score for r in rounds)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_key_message_is_the_pdfs(scenario, language):
    """The key message slide carries the words of the partial the PDF and the dashboard render."""
    deck = slides_by_name(read_deck(build_report_deck(assessment=scenario.assessment, language=language)))
    with translation.override(language):
        result = score_assessment(assessment=scenario.assessment)
        findings, label, decisions = key_message_parts(
            key_message(assessment=scenario.assessment, result=result, language=language)
        )
    text = all_text_of(deck["key_message"])
    assert findings
    assert decisions
    for finding in findings:
        assert finding.headline in text
        assert finding.detail in text
    assert label in text
    for decision in decisions:
        assert decision.split("\n")[0] in text


def all_text_of(slide):
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_hidden_team_appears_nowhere(scenario, language):
    deck = read_deck(build_report_deck(assessment=scenario.assessment, language=language))
    result = score_assessment(assessment=scenario.assessment)
    assert HIDDEN_TEAM in [t.group.name_en for t in result.teams if t.suppressed]
    assert HIDDEN_TEAM not in all_text(deck)


def test_too_few_respondents_hide_every_score_with_the_reports_reason(org_a):
    from assessments.results import wording
    from tests import factories

    version = factories.make_model_version(code="fewmodel", factors=3)
    team = factories.make_team(organisation=org_a, name="Finance")
    assessment = factories.make_assessment(organisation=org_a, model_version=version, teams=[team])
    factories.make_random_responses(assessment=assessment, count=2, team=team)
    result = score_assessment(assessment=assessment)
    assert result.organisation.suppressed
    slides = deck_slides(assessment=assessment, language="en")
    assert [s.key for s in slides] == ["title", "hidden_factors", "method"]
    assert all(s.chart is None for s in slides)
    reason = wording.reason_explanation(
        result.organisation.factors[0].suppressed_reason,
        threshold=result.thresholds.scores,
        respondents=result.organisation.respondents,
    )
    assert all(reason in bullet for bullet in slides[1].bullets)
    deck = read_deck(build_report_deck(assessment=assessment, language="en"))
    assert "Finance" not in all_text(deck)


def test_the_organisations_logo_and_colours(scenario, settings, tmp_path):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "#8b1f5f").save(buffer, format="PNG")
    organisation = scenario.organisation
    organisation.logo.save("logo.png", ContentFile(buffer.getvalue()))
    organisation.accent_colour = "#8b1f5f"
    organisation.save()
    deck = read_deck(build_report_deck(assessment=scenario.assessment, language="en"))
    for slide in deck.slides:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert [p.image.blob for p in pictures] == [buffer.getvalue()], slide.name
        assert pictures[0].left + pictures[0].width <= deck.slide_width
    # The accent colours the main series of every chart.
    for slide in deck.slides:
        for chart in charts_of(slide):
            main = chart.plots[0].series[0]
            assert "8B1F5F" in main._element.xml, slide.name


def test_an_svg_logo_is_left_out_and_the_deck_still_made(scenario, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = str(tmp_path)
    scenario.organisation.logo.save("logo.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>"))
    deck = read_deck(build_report_deck(assessment=scenario.assessment, language="nl"))
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    assert not any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for slide in deck.slides for shape in slide.shapes)
    assert len(deck.slides) > 5


@pytest.mark.parametrize("language", ["en", "nl"])
def test_management_too_small_to_compare_says_why_in_the_reports_words(org_a, language):
    from assessments.results.services.report_document import report_facts
    from tests import factories

    version = factories.make_model_version(code="smallboard", factors=3)
    team = factories.make_team(organisation=org_a, name="Front desk")
    board = factories.make_role(organisation=org_a, name="Board", is_management=True)
    staff = factories.make_role(organisation=org_a, name="Desk", order=1)
    assessment = factories.make_assessment(
        organisation=org_a, model_version=version, teams=[team], roles=[board, staff]
    )
    factories.make_random_responses(assessment=assessment, count=8, team=team, role=staff, seed=1)
    factories.make_random_responses(assessment=assessment, count=2, team=team, role=board, seed=2)
    result = score_assessment(assessment=assessment)
    assert result.management.suppressed
    with translation.override(language):
        reason = report_facts(assessment=assessment, result=result, language=language)["perception_hidden_reason"]
    assert reason
    deck = read_deck(build_report_deck(assessment=assessment, language=language))
    slide = slides_by_name(deck)["perception"]
    assert reason in all_text_of(slide)
    assert charts_of(slide) == []
    # Nowhere does the deck draw management's scores.
    management = translation.gettext("Management") if language == "en" else "Management"
    for other in deck.slides:
        for chart in charts_of(other):
            assert management not in [s.name for s in chart.plots[0].series], other.name


def test_the_statements_behind_each_score_are_in_the_speaker_notes(scenario):
    from assessments.results.selectors.statements import factor_statements, strongest_and_weakest

    deck = slides_by_name(read_deck(build_report_deck(assessment=scenario.assessment, language="en")))
    result = score_assessment(assessment=scenario.assessment)
    for info in result.factors:
        rows = factor_statements(
            assessment=scenario.assessment,
            result=result,
            factor_code=info.code,
            group_keys=["organisation"],
            language="en",
        )["organisation"]
        strongest, weakest = strongest_and_weakest(rows)
        notes = deck[f"factor:{info.code}"].notes_slide.notes_text_frame.text
        assert notes == (
            f"Strongest statement: {strongest.text} ({display_round(strongest.score)})\n"
            f"Weakest statement: {weakest.text} ({display_round(weakest.score)})"
        )


def test_an_assessment_without_responses_still_makes_a_deck(org_a):
    from tests import factories

    version = factories.make_model_version(code="emptymodel", factors=3)
    assessment = factories.make_assessment(organisation=org_a, model_version=version, status="draft")
    deck = read_deck(build_report_deck(assessment=assessment, language="nl"))
    assert [slide.name for slide in deck.slides] == ["title", "hidden_factors", "method"]
    assert deck.slides[0].shapes.title.text == assessment.title


# ---------------------------------------------------------------- the margin of error on the demo's three rounds

PHRASES = {"en": ("beyond the margin", "within the margin"), "nl": ("buiten de foutmarge", "binnen de foutmarge")}


@pytest.fixture
def demo_round(db):
    """The demo's closed spring 2026 round: autumn 2025 before it, the open autumn 2026 round after it."""
    import io

    from django.core.management import call_command

    from assessments.questionnaire.models import Assessment

    call_command("load_maturity_model", "models_9plus/data/nineplus.yaml", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    return Assessment.objects.select_related("organisation").get(title="CX-scan voorjaar 2026")


def _words(change, language, *, compact=False):
    """A change as the PDF words it, spelled out here from its parts: the test's own reading of the rule."""
    from assessments.scoring.rounding import display_text

    arrow = ("▲ " if change.change > 0 else "▼ ") if change.meaningful else ""
    sign = "+" if change.change > 0 else ""
    margin = f"±{display_text(change.margin)}"
    if compact:
        return f"{arrow}{sign}{display_text(change.change)} ({margin})"
    phrase = PHRASES[language][0 if change.meaningful else 1]
    return f"{arrow}{sign}{display_text(change.change)} {phrase} ({margin})"


def _table(slide):
    [table] = [shape.table for shape in slide.shapes if shape.has_table]
    return [tuple(cell.text for cell in row.cells) for row in table.rows]


def _tiles(slide):
    """The texts of the slide's text boxes, in order (a tile is its value's box, then its label's)."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_demo_trend_slide_words_every_change_as_the_pdf_does(demo_round, language):
    from assessments.actions.selectors.trend import organisation_trend
    from tests.actions import test_demo_margin as pdf_case

    deck = slides_by_name(read_deck(build_report_deck(assessment=demo_round, language=language)))
    rows = _table(deck["trend:changes"])
    trend = organisation_trend(organisation=demo_round.organisation, language=language, until=demo_round)
    cells = [trend["index_cells"], *(row["cells"] for row in trend["factor_rows"])]
    expected = [
        tuple(
            " ".join(x for x in (str(display_round(score)), _words(change, language) if change else "") if x)
            for score, change in row
        )
        for row in cells
    ]
    assert [row[1:] for row in rows[1:]] == expected
    # The very strings the trend page and the PDF show (tests/actions/test_demo_margin.py).
    assert rows[1 : 1 + len(pdf_case.TREND_EN)] == (pdf_case.TREND_EN if language == "en" else pdf_case.TREND_NL)
    changes = [c for row in cells for _s, c in row if c is not None]
    assert {c.meaningful for c in changes} == {True, False}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_demo_deck_shows_each_score_with_its_margin_and_change(demo_round, language):
    from django.template.loader import render_to_string

    from assessments.scoring.rounding import display_text

    deck = slides_by_name(read_deck(build_report_deck(assessment=demo_round, language=language)))
    result = score_assessment(assessment=demo_round)
    org = result.organisation
    with translation.override(language):
        score, index = translation.gettext("Score"), translation.gettext("maturity index")
        margin = translation.gettext("margin ±%(margin)s")
        legend = " ".join(
            render_to_string("results/_change_legend.html")
            .replace('<p class="change-legend small">', "")
            .replace("</p>", "")
            .split()
        )
        since = translation.gettext("Change since last round")
        was = translation.gettext("was")

    def label(name, value):
        return f"{name} · " + margin % {"margin": display_text(value)}

    assert org.index_margin is not None
    assert label(index, org.index_margin) in _tiles(deck["overview"])
    assert label(index, org.index_margin) in _tiles(deck["title"])

    by_code = {c.factor_code: c for c in result.changes}
    rows = _table(deck["scores"])
    assert len(rows) == 1 + len(result.factors)
    meaningful = set()
    for info, row in zip(result.factors, rows[1:], strict=True):
        stats, change = org.factor(info.code), by_code[info.code]
        assert row[0] == info.name(language)
        assert row[1] == f"{display_round(stats.score)} ±{display_round(stats.margin)}"
        assert row[-1] == _words(change, language, compact=True)
        meaningful.add(change.meaningful)
        tiles = _tiles(deck[f"factor:{info.code}"])
        assert label(score, stats.margin) in tiles
        assert _words(change, language, compact=True) in tiles
        sentence = f"{since}: {_words(change, language)} ({was} {display_round(change.previous_score)})."
        assert sentence in all_text_of(deck[f"factor:{info.code}"])
    assert meaningful == {True, False}
    assert legend.startswith(("Change since the previous round", "Verandering sinds de vorige ronde"))
    assert legend in all_text_of(deck["scores"])


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_demo_key_message_slide_reports_only_changes_beyond_the_margin(demo_round, language):
    from tests.actions import test_demo_margin as pdf_case

    deck = slides_by_name(read_deck(build_report_deck(assessment=demo_round, language=language)))
    text = " ".join(all_text_of(deck["key_message"]).split())
    [key_message] = [case[2] for case in _pdf_cases(pdf_case) if case[0] == language]
    assert key_message in text
    named = {
        "en": "Steering on customer themes: 32 → 41; Customer Journey anchoring: 38 → 46; "
        "Emotional Feedback Management: 17 → 23",
        "nl": "Sturen op klantthema's: 32 → 41; Verankering van de klantreis: 38 → 46; "
        "Management van emotionele feedback: 17 → 23",
    }[language]
    assert named in text


def _pdf_cases(module):
    """The (language, lines, key message) cases of the PDF's test, from its parametrize mark."""
    [mark] = [
        m for m in module.test_the_pdf_marks_only_changes_beyond_their_margin.pytestmark if m.name == "parametrize"
    ]
    return mark.args[1]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_demo_customer_slide_has_the_customers_margins(demo_round, language):
    from assessments.outside_in import display
    from assessments.outside_in.presenters import section_context
    from assessments.outside_in.selectors import customer_check_for, outside_in_summary

    deck = slides_by_name(read_deck(build_report_deck(assessment=demo_round, language=language)))
    summary = outside_in_summary(assessment=demo_round, check=customer_check_for(assessment=demo_round))
    with translation.override(language):
        overall = section_context(summary=summary, language=language)["overall"]
        grade = translation.gettext("Average grade: %(grade)s ± %(margin)s (%(n)s responses).") % {
            "grade": display.number(overall.grade_mean, 1),
            "margin": display.number(overall.grade_margin, 1),
            "n": overall.n,
        }
        tile = (
            translation.gettext("Average grade")
            + " · "
            + translation.gettext("margin ±%(margin)s") % {"margin": display.number(overall.grade_margin, 1)}
        )
    assert overall.grade_margin is not None
    assert overall.nine_plus_interval is not None
    text = all_text_of(deck["customers"])
    assert grade in text
    assert tile in _tiles(deck["customers"])
    with translation.override(language):
        intervals = translation.gettext(
            "Margins of error (95%%): the share of 9s and 10s lies between %(low)s%% and %(high)s%%, the share "
            "of 7 or higher between %(basics_low)s%% and %(basics_high)s%%."
        ) % {
            "low": display.number(overall.nine_plus_interval[0]),
            "high": display.number(overall.nine_plus_interval[1]),
            "basics_low": display.number(overall.basics_interval[0]),
            "basics_high": display.number(overall.basics_interval[1]),
        }
    assert intervals.startswith(("Margins of error (95%)", "Foutmarges (95%)"))
    assert intervals in text


def _error_bars(chart):
    """Per series name: the ± values of its native error bars (plus equals minus), None where there is none."""
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    bars = {}
    for series in chart.plots[0].series:
        [plus] = series._element.findall("c:errBars/c:plus/c:numLit", ns) or [None]
        if plus is None:
            continue
        [minus] = series._element.findall("c:errBars/c:minus/c:numLit", ns)
        count = int(plus.find("c:ptCount", ns).get("val"))

        def values(literal, count=count):
            points = {int(p.get("idx")): float(p.find("c:v", ns).text) for p in literal.findall("c:pt", ns)}
            return tuple(points.get(i) for i in range(count))

        assert values(plus) == values(minus)
        bars[series.name] = values(plus)
    return bars


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_layer_and_chain_bars_carry_their_margins_as_error_bars(scenario, language):
    deck = slides_by_name(read_deck(build_report_deck(assessment=scenario.assessment, language=language)))
    result = score_assessment(assessment=scenario.assessment)
    with translation.override(language):
        basics, nine, organisation = (translation.gettext(x) for x in ("Basics", "9+ moments", "Organisation"))
    layer = result.lenses_for("organisation")
    [layers] = charts_of(deck["layers"])
    assert _error_bars(layers) == {
        basics: _rounded(layer.factor(f.code).basis.margin for f in result.factors),
        nine: _rounded(layer.factor(f.code).nine_plus.margin for f in result.factors),
    }
    [chain] = charts_of(deck["chain"])
    # Only the organisation's bars: the groups' margins are not drawn (nor any hidden group's).
    assert _error_bars(chain) == {organisation: _rounded(lens.margin for lens in layer.servqual)}
    assert None not in _error_bars(chain)[organisation]
