"""Everything a reader sees is in the reader's language (issue 23, item 8).

A manager whose interface is in English builds the plan through the real "Add to plan" flow and edits an
action through the real form. The Dutch PDF must then read Dutch only (titles, success measures, dates, no
codes, owners by name) and the English PDF English only.
"""

import datetime
import importlib
import io
import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from assessments.actions.models import PlanAction, person_name
from assessments.actions.selectors.suggestions import priority_suggestions
from assessments.actions.selectors.summary import respondent_summary
from assessments.actions.services import plan as services
from assessments.organisations.models import Membership
from assessments.results.services.report_document import build_report_pdf
from assessments.scoring import score_assessment
from models_9plus.models import Action
from models_9plus.services import load_model_file
from tests import factories
from tests.results.report.builders import build_scenario

ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
)
DUTCH_MONTHS = re.compile(r"\b(januari|februari|maart|mei|juni|juli|augustus|oktober|mrt|okt)\b", re.IGNORECASE)
# A code where a label belongs: snake_case identifiers (cx_lead, in_progress, customer_strategy); in Dutch text
# also the library's effort codes, which are English words.
RAW_CODES = re.compile(r"\b[a-z]+_[a-z_]+\b")
EFFORT_CODES = re.compile(r"\b(days|weeks|months)\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def plan_by_english_manager(org_a, manager_a, client_for):
    """The shipped 9+ model's scan with a plan of one library action per priority, made in English."""
    version = load_model_file(path=str(settings.BASE_DIR / "models_9plus/data/nineplus.yaml")).version
    scenario = build_scenario(model_version=version, organisation=org_a)
    assessment = scenario.assessment
    client = client_for(manager_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    result = score_assessment(assessment=assessment)
    for item in priority_suggestions(assessment=assessment, result=result, language="en"):
        first = item["suggestions"][0]
        response = client.post(
            reverse("action_from_suggestion", kwargs={"assessment": assessment.public_id}),
            {
                "factor_code": item["priority"].factor_code,
                "key": first.key,
                "owner_name": "Anna",
                "due_date": "2030-01-31",
            },
        )
        assert response.status_code == 302
    actions = list(PlanAction.objects.filter(organisation=org_a).order_by("created_at"))
    assert len(actions) == len(result.priorities) == 3
    # The manager gives the first action an owner (an account without a name) and a date in March, now
    # overdue, through the edit form as the English interface shows it.
    overdue = actions[0]
    due = datetime.date(timezone.localdate().year - 1, 3, 17)
    membership = Membership.objects.get(user=manager_a, organisation=org_a)
    page = client.get(reverse("action_edit", kwargs={"org": org_a.public_id, "action": overdue.public_id}))
    assert page.status_code == 200
    form = page.context["form"]
    response = client.post(
        reverse("action_edit", kwargs={"org": org_a.public_id, "action": overdue.public_id}),
        {
            "title": form.initial["title"],
            "factor_code": form.initial["factor_code"],
            "owner": membership.pk,
            "owner_name": "",
            "due_date": due.isoformat(),
            "status": "in_progress",
            "success_measure": form.initial["success_measure"],
            "notes": form.initial["notes"],
        },
    )
    assert response.status_code == 302
    return assessment, list(PlanAction.objects.filter(organisation=org_a).order_by("created_at")), due


def test_add_to_plan_keeps_the_library_texts_in_both_languages(plan_by_english_manager):
    assessment, actions, _due = plan_by_english_manager
    for action in actions:
        item = Action.objects.get(factor__version=assessment.model_version, code=action.library_code)
        assert (action.title, action.title_en, action.title_nl) == (item.title_en, item.title_en, item.title_nl)
        # The library's own outcome measure, in both languages (model 2.1 gives every action one).
        assert (action.success_measure_en, action.success_measure_nl) == (
            item.success_measure_en,
            item.success_measure_nl,
        )
        assert item.success_measure_en
        assert item.success_measure_nl
        assert action.success_measure_en == action.success_measure
        assert action.notes == ""  # the how-to is read from the library, not copied in one language
    # Editing owner and date with the English texts unchanged keeps the Dutch ones.
    assert actions[0].title_nl
    assert actions[0].owner is not None


def test_dutch_pdf_reads_dutch_and_english_pdf_reads_english(plan_by_english_manager):
    assessment, actions, due = plan_by_english_manager
    dutch = _text(build_report_pdf(assessment=assessment, language="nl"))
    english = _text(build_report_pdf(assessment=assessment, language="en"))

    assert ENGLISH_MONTHS.findall(dutch) == []
    assert DUTCH_MONTHS.findall(english) == []
    assert RAW_CODES.findall(dutch) == EFFORT_CODES.findall(dutch) == []
    assert RAW_CODES.findall(english) == []
    assert EMAIL.findall(dutch) == EMAIL.findall(english) == []
    for action in actions:
        assert action.title_nl in dutch
        assert action.title_en not in dutch
        assert action.title_en in english
        assert action.title_nl not in english
        assert action.success_measure_nl in dutch
        assert action.success_measure_en in english
    # The owner by name, the date in the reader's language, the overdue action marked.
    assert "Manager A" in dutch
    assert "Manager A" in english
    assert f"{due.day} mrt {due.year} TE LAAT" in dutch  # the mark is set in capitals
    assert f"{due.day} Mar {due.year} OVERDUE" in english


def test_respondents_dutch_summary_shows_the_dutch_titles(plan_by_english_manager):
    assessment, actions, _due = plan_by_english_manager
    with translation.override("nl"):
        html = render_to_string("actions/_summary_body.html", respondent_summary(assessment=assessment, language="nl"))
    for action in actions:
        assert action.title_nl in html
        assert action.title_en not in html


def test_action_page_shows_the_librarys_how_to_in_the_readers_language(plan_by_english_manager, manager_a, client_for):
    assessment, actions, _due = plan_by_english_manager
    item = Action.objects.get(factor__version=assessment.model_version, code=actions[0].library_code)
    client = client_for(manager_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    url = reverse("action_detail", kwargs={"org": assessment.organisation.public_id, "action": actions[0].public_id})
    body = client.get(url).content.decode()
    assert item.title_nl in body
    assert item.how_to_nl.replace("'", "&#x27;") in body
    assert item.how_to_en.replace("'", "&#x27;") not in body


def test_suggestions_show_audience_and_effort_as_labels(plan_by_english_manager, manager_a, client_for):
    assessment, _actions, _due = plan_by_english_manager
    client = client_for(manager_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    body = client.get(reverse("action_plan", kwargs={"org": assessment.organisation.public_id})).content.decode()
    labels = re.findall(r"(Door|Duur): ([^<]+)</span>", body)
    assert labels
    assert {kind for kind, _value in labels} == {"Door", "Duur"}
    allowed = {"CX-verantwoordelijke", "management", "teams", "dagen", "weken", "maanden"}
    assert {value for _kind, value in labels} <= allowed


def test_migration_links_existing_actions_to_the_library_text(org_a, manager_a):
    """0009's data step: a copied library title and the generated success measure get both languages;
    an action the manager typed stays as typed."""
    from django.apps import apps

    migration = importlib.import_module("assessments.migrations.0009_language_bilingual_actions_horizon")
    version = load_model_file(path=str(settings.BASE_DIR / "models_9plus/data/nineplus.yaml")).version
    assessment = factories.make_assessment(organisation=org_a, model_version=version, status="closed")
    item = Action.objects.filter(factor__version=version).select_related("factor").first()
    factor = item.factor
    common = {
        "organisation": org_a,
        "assessment": assessment,
        "factor_code": factor.code,
        "factor_name_en": factor.name_en,
        "factor_name_nl": factor.name_nl,
    }
    copied = PlanAction.objects.create(
        title=item.title_nl,
        success_measure=f"{factor.name_nl} ≥ 51 in de volgende ronde",
        notes=item.how_to_nl,
        **common,
    )
    typed = PlanAction.objects.create(title="Our own idea", success_measure="Fewer complaints", **common)

    migration.link_texts(apps, None)

    copied.refresh_from_db()
    typed.refresh_from_db()
    assert (copied.title_en, copied.title_nl, copied.library_code) == (item.title_en, item.title_nl, item.code)
    assert copied.notes == ""  # it was the library's how-to, which the action page now reads from the library
    assert (copied.success_measure_en, copied.success_measure_nl) == (
        f"{factor.name_en} ≥ 51 next round",
        f"{factor.name_nl} ≥ 51 in de volgende ronde",
    )
    assert (typed.title_en, typed.title_nl, typed.success_measure_en, typed.library_code) == ("", "", "", "")
    with translation.override("en"):
        assert (copied.display_title, typed.display_title) == (item.title_en, "Our own idea")


def test_a_typed_title_replaces_the_library_text_in_every_language(plan_by_english_manager, manager_a):
    _assessment, actions, _due = plan_by_english_manager
    action = actions[1]
    with translation.override("nl"):  # a Dutch-speaking manager submits the Dutch text unchanged: no edit
        services.update_action(action=action, actor=manager_a, data={"title": action.title_nl, "notes": "x"})
    action.refresh_from_db()
    assert (action.title_en, action.events.filter(field="title").count()) == (action.title, 0)
    services.update_action(action=action, actor=manager_a, data={"title": "Ons eigen plan"})
    action.refresh_from_db()
    assert (action.title, action.title_en, action.title_nl) == ("Ons eigen plan", "", "")
    with translation.override("en"):
        assert action.display_title == "Ons eigen plan"


@pytest.mark.parametrize(
    ("first", "last", "email", "label"),
    [
        ("Anna", "de Vries", "anna@example.org", "Anna de Vries"),
        ("", "", "anna.de-vries@example.org", "Anna De Vries"),
        ("", "", "j.smith+cx@example.org", "J Smith Cx"),
    ],
)
def test_owners_are_named_never_by_their_address(db, first, last, email, label):
    user = factories.make_user(email=email, first_name=first, last_name=last)
    assert person_name(user) == label


def test_a_library_action_without_a_measure_gets_the_generated_one(plan_by_english_manager):
    """Where the library gives no success measure (v2 and older files), "Add to plan" proposes the factor's
    score at the next round, in both languages."""
    assessment, actions, _due = plan_by_english_manager
    action = actions[1]
    Action.objects.filter(factor__version=assessment.model_version, code=action.library_code).update(
        success_measure_en="", success_measure_nl=""
    )
    action.delete()
    result = score_assessment(assessment=assessment)
    made, created = services.create_from_suggestion(
        assessment=assessment, actor=None, factor_code=action.factor_code, key=action.library_code, language="en"
    )
    assert created
    assert made.success_measure_nl.endswith(" in de volgende ronde")
    assert made.success_measure_nl.startswith(result.factor(action.factor_code).name("nl"))
    assert made.success_measure_en.endswith(" next round")
