"""The key message (results/selectors/key_message.py) and what the PDF says of it, the appendix and the quotes.

One v2-like scenario with management and staff, a customer check with internal estimates, a plan action on the
first priority and repeated comments; rendered once per language and read back with pypdf.
"""

import dataclasses
import io
import re

import pytest
from django.db import transaction
from django.template.defaultfilters import floatformat
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from assessments.actions.models import PlanAction
from assessments.outside_in.models import CustomerCheck, InternalEstimate
from assessments.questionnaire.models import Comment, Response
from assessments.results.quotes import MAX_QUOTES, _key, pick_quotes
from assessments.results.selectors.key_message import KnowledgeFacts, PlanFacts, build_key_message, key_message
from assessments.results.services.report_document import build_report_pdf
from assessments.scoring import score_assessment
from models_9plus.models import Factor
from tests import factories
from tests.conftest import assert_test_database
from tests.outside_in.conftest import add_customer_questions, add_customer_responses, make_link
from tests.results.report.builders import build_scenario

pytestmark = pytest.mark.django_db

REPEATED = "The intake call is far too long."


def _text(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    # pypdf breaks lines where the PDF does: join them so a sentence can be found whole.
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def _fmt(value, digits, language):
    with translation.override(language):
        return floatformat(value, digits)


def _build(model_version, *, with_check):
    scenario = build_scenario(model_version=model_version)
    assessment = scenario.assessment
    responses = list(Response.objects.filter(assessment=assessment, submitted_at__isnull=False).order_by("pk"))
    first_factor = Factor.objects.filter(version=model_version).order_by("order").first()
    # Six respondents give the same comment (spelled slightly differently), six others distinct ones.
    repeated = [REPEATED if i % 2 else REPEATED.upper() for i in range(6)]
    ideas = [f"Idea number {i}: {'more ' * i}training" for i in range(6)]
    Comment.objects.bulk_create(
        Comment(response=r, factor=first_factor, text=text)
        for r, text in zip(responses[2:14], repeated + ideas, strict=True)
    )
    if with_check:
        check = CustomerCheck.objects.create(assessment=assessment, min_responses=10)
        add_customer_responses(make_link(check), [9, 8, 8, 7, 7, 7, 6, 9, 10, 8, 7, 6])
        InternalEstimate.objects.bulk_create(
            InternalEstimate(response=r, grade=8 + (i % 2), share_nine_plus=40 + i % 3 * 10)
            for i, r in enumerate(responses)
        )
    result = score_assessment(assessment=assessment)
    top = result.priorities[0]
    PlanAction.objects.create(
        organisation=scenario.organisation,
        assessment=assessment,
        title="Start measuring",
        factor_code=top.factor_code,
        factor_name_en="x",
        factor_name_nl="x",
        status=PlanAction.Status.IN_PROGRESS,
    )
    PlanAction.objects.create(
        organisation=scenario.organisation,
        title="Dropped idea",
        factor_code=top.factor_code,
        factor_name_en="x",
        factor_name_nl="x",
        status=PlanAction.Status.DROPPED,
    )
    return assessment, result


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        version = add_customer_questions(factories.make_model_version(code="kmmodel", factors=3, per_factor=True))
        assessment, result = _build(version, with_check=True)
        messages = {lang: key_message(assessment=assessment, result=result, language=lang) for lang in ("en", "nl")}
        texts = {lang: _text(build_report_pdf(assessment=assessment, language=lang)) for lang in ("en", "nl")}
        # A v1-style model with a reverse-scored statement: its appendix must explain reverse scoring.
        old = factories.make_model_version(code="kmold", factors=3, reverse=("f1s1",))
        old_assessment, _old = _build(old, with_check=False)
        old_text = _text(build_report_pdf(assessment=old_assessment, language="en"))
        transaction.set_rollback(True)
    return result, messages, texts, old_text


def test_the_findings_are_the_scoring_results_figures(rendered):
    result, messages, _texts, _old = rendered
    km = messages["en"]
    weakest = result.organisation.factor(result.weakest)
    assert (km.weakest.factor_code, km.weakest.score) == (result.weakest, weakest.score)
    assert km.weakest.score == min(s.score for s in result.organisation.factors if s.score is not None)
    gaps = [g for g in result.perception_gaps if g.gap is not None]
    largest = max(gaps, key=lambda g: abs(g.gap))
    assert (km.perception.factor_code, km.perception.gap) == (largest.factor_code, largest.gap)
    assert (km.perception.management, km.perception.staff) == (largest.management_score, largest.staff_score)
    assert [(d.rank, d.factor_code, d.score) for d in km.decisions] == [
        (p.rank, p.factor_code, p.score) for p in result.priorities
    ]
    # The in-progress action counts, the dropped one does not.
    assert [(d.in_progress, d.planned, d.done) for d in km.decisions] == [(1, 0, 0), (0, 0, 0), (0, 0, 0)][
        : len(km.decisions)
    ]
    assert km.knowledge.who == "management"
    assert km.knowledge.customers_grade == sum([9, 8, 8, 7, 7, 7, 6, 9, 10, 8, 7, 6]) / 12
    assert km.knowledge.customers_share == 100 * 3 / 12
    assert km.knowledge.grade_gap == km.knowledge.estimate_grade - km.knowledge.customers_grade


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_pdf_states_the_key_message_with_those_figures(rendered, language):
    result, messages, texts, _old = rendered
    km, text = messages[language], texts[language]
    page = text[: text.lower().index("executive summary" if language == "en" else "samenvatting")]
    weakest = result.organisation.factor(result.weakest)
    name = result.factor(result.weakest).name(language)
    out_of = "out of 100" if language == "en" else "van de 100"
    assert f"{name}: {_fmt(weakest.score, 0, language)} {out_of}" in page
    p = km.perception
    staff_word = "staff" if language == "en" else "medewerkers"
    assert f"{p.name}: management {_fmt(p.management, 0, language)}, {staff_word} {_fmt(p.staff, 0, language)}" in page
    assert _fmt(km.knowledge.estimate_grade, 1, language) in page
    assert _fmt(km.knowledge.customers_grade, 1, language) in page
    for d in km.decisions:
        assert d.name in page
    assert page.index(km.decisions[0].name, page.index(p.name)) > 0


def test_the_v2_appendix_does_not_explain_reverse_scoring_and_v1_does(rendered):
    _result, _messages, texts, old_text = rendered
    assert "reversed" not in texts["en"].lower()
    assert "omgedraaid" not in texts["nl"].lower()
    assert "Negatively phrased statements are reversed" in old_text
    assert "Customer figures and the knowledge gap" in texts["en"]
    assert "Customer figures and the knowledge gap" not in old_text


def test_quotes_are_distinct_and_never_counted(rendered):
    _result, _messages, texts, _old = rendered
    text = texts["en"]
    assert text.lower().count(REPEATED.lower()) == 1
    assert not re.search(r"\(\d+ times\)", text)
    # Two comments from the builder, the repeated one once, six ideas: nine different comments.
    assert f"{MAX_QUOTES} of 9 different comments" in text


def test_pick_quotes_drops_duplicates_and_keeps_the_most_different():
    quotes = pick_quotes(["Good", "good!", "  ", "Slow phone line", "Slow phone line today", "Great people"], limit=3)
    assert quotes.total == 4
    assert len({q.casefold().strip("!") for q in quotes.shown}) == len(quotes.shown) == 3
    assert quotes.shown == tuple(sorted(quotes.shown, key=str.casefold))
    # The two near-identical "slow phone line" comments are not both quoted.
    assert sum("Slow phone line" in q for q in quotes.shown) == 1


@given(
    st.lists(st.sampled_from(["Slow", "slow!", "Great team", "great  team", "Long wait at the desk", "Kind", ""]))
    | st.lists(st.text(max_size=30), max_size=12)
)
def test_quotes_are_distinct_few_alphabetical_and_from_the_comments(comments):
    quotes = pick_quotes(comments)
    keys = {_key(c) for c in comments if _key(c)}
    assert quotes.total == len(keys)
    assert len(quotes.shown) == min(MAX_QUOTES, len(keys))
    assert len({_key(q) for q in quotes.shown}) == len(quotes.shown)
    assert set(quotes.shown) <= {c.strip() for c in comments}
    assert list(quotes.shown) == sorted(quotes.shown, key=str.casefold)


def test_a_finding_whose_figures_are_hidden_or_missing_is_left_out(rendered):
    result, _messages, _texts, _old = rendered
    hidden_management = dataclasses.replace(result, management=dataclasses.replace(result.management, suppressed=True))
    km = build_key_message(result=hidden_management, language="en")
    assert km.perception is None
    assert km.weakest is not None
    assert km.knowledge is None  # no customer check facts handed in
    assert km.plan_known is False
    hidden_grade = KnowledgeFacts(
        who="", estimate_grade=None, customers_grade=7.5, estimate_share=None, customers_share=40.0, customers_n=12
    )
    km = build_key_message(result=result, language="en", knowledge=hidden_grade, plan=PlanFacts())
    assert km.knowledge is None
    assert km.customer_check is True
    assert [d.in_plan for d in km.decisions] == [0] * len(result.priorities)
    hidden_org = dataclasses.replace(result, organisation=dataclasses.replace(result.organisation, suppressed=True))
    assert build_key_message(result=hidden_org, language="en").empty
