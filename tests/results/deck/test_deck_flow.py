"""The deck follows the PDF's flow: requested on the report page, rendered by the Celery task (inline without
a broker), polled, downloaded by members only; the PDF and the deck of one language are separate reports."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments.organisations.models import ActivityLog
from assessments.results.models import Report
from assessments.results.services.reports import request_report
from tests import factories
from tests.results.deck.conftest import read_deck

pytestmark = pytest.mark.django_db

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _page(assessment):
    return reverse("assessment_report", kwargs={"assessment": assessment.public_id})


def _status(assessment, language="en", kind="deck"):
    url = reverse("assessment_report_status", kwargs={"assessment": assessment.public_id})
    return f"{url}?language={language}&kind={kind}"


def _download(report):
    return reverse(
        "assessment_report_download", kwargs={"assessment": report.assessment.public_id, "report": report.public_id}
    )


def test_the_task_renders_a_real_deck_beside_the_pdf(scenario, fake_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        deck = request_report(assessment=scenario.assessment, language="nl", kind="deck")
        pdf = request_report(assessment=scenario.assessment, language="nl")
    assert len(callbacks) == 2
    deck.refresh_from_db()
    pdf.refresh_from_db()
    assert (deck.kind, deck.status, pdf.kind, pdf.status) == ("deck", "done", "pdf", "done")
    assert fake_pdf == [(scenario.assessment.public_id, "nl")]  # the deck never goes through the PDF renderer
    assert read_deck(bytes(deck.content)).slides[0].shapes.title.text == scenario.assessment.title
    # A second request of unchanged data reuses the deck.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = request_report(assessment=scenario.assessment, language="nl", kind="deck")
    assert (again.pk, callbacks) == (deck.pk, [])


def test_a_failed_deck_says_so_and_keeps_no_file(scenario, monkeypatch, django_capture_on_commit_callbacks):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("assessments.results.deck.document.build_report_deck", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(assessment=scenario.assessment, language="en", kind="deck")
    report.refresh_from_db()
    assert (report.status, report.content) == ("failed", None)
    assert "unexpected error" in report.error


@pytest.mark.parametrize("persona", ["manager_a", "viewer_a", "consultant_ab"])
def test_members_request_poll_and_download_the_deck(
    persona, request, scenario, client_for, django_capture_on_commit_callbacks
):
    client = client_for(request.getfixturevalue(persona))
    assessment = scenario.assessment
    page = client.get(_page(assessment) + "?language=en").content.decode()
    assert 'name="kind" value="deck"' in page
    assert "Download slide deck" in page
    assert client.get(_status(assessment)).json() == {"status": "none", "error": "", "download_url": ""}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_page(assessment), {"language": "en", "kind": "deck"})
    assert (response.status_code, response["Location"]) == (302, _page(assessment) + "?language=en")
    report = Report.objects.get(assessment=assessment, kind="deck")
    assert client.get(_status(assessment)).json() == {"status": "done", "error": "", "download_url": _download(report)}
    # The PDF of the same language is still to be requested.
    assert client.get(_status(assessment, kind="pdf")).json()["status"] == "none"
    page = client.get(_page(assessment) + "?language=en").content.decode()
    assert "Your slide deck is ready." in page
    assert _download(report) in page
    assert "Download report" in page  # the PDF can still be made

    download = client.get(_download(report))
    assert download.status_code == 200
    assert download["Content-Type"] == PPTX
    assert download["Content-Disposition"] == 'attachment; filename="cx-maturity-acme-care-cx-scan-2026-en.pptx"'
    assert read_deck(download.content).slides[0].shapes.title.text == assessment.title
    log = ActivityLog.objects.get(verb="deck_downloaded")
    assert (log.actor, log.object_repr) == (request.getfixturevalue(persona), f"{assessment.title} (EN)")


def test_outsiders_and_other_organisations_get_404(scenario, org_b, model_version, outsider, manager_b, client_for):
    report = Report.objects.create(
        assessment=scenario.assessment,
        kind="deck",
        language="en",
        data_version=scenario.assessment.data_version,
        status="done",
        content=b"PK deck",
    )
    for person in (outsider, manager_b):
        client = client_for(person)
        assert client.get(_download(report)).status_code == 404
        assert client.get(_status(scenario.assessment)).status_code == 404
        assert client.post(_page(scenario.assessment), {"language": "en", "kind": "deck"}).status_code == 404
    # Through another organisation's assessment URL the deck is not found either.
    other = factories.make_assessment(organisation=org_b, model_version=model_version)
    url = reverse("assessment_report_download", kwargs={"assessment": other.public_id, "report": report.public_id})
    assert client_for(manager_b).get(url).status_code == 404
    assert not Report.objects.filter(assessment=scenario.assessment, status="pending").exists()


def test_an_unknown_kind_is_a_clear_400(scenario, manager_a, client_for):
    client = client_for(manager_a)
    response = client.post(_page(scenario.assessment), {"language": "en", "kind": "xls"})
    assert response.status_code == 400
    assert "Choose the PDF report or the slide deck." in response.content.decode()
    assert client.get(_status(scenario.assessment, kind="xls")).status_code == 400
    assert not Report.objects.exists()


# session, user, assessment (with organisation and model), membership, navigation organisations, reports
PAGE_QUERIES = 6


@pytest.mark.parametrize("versions", [1, 20])
def test_the_page_reads_both_kinds_in_one_query(versions, scenario, manager_a, client_for, django_assert_num_queries):
    assessment = scenario.assessment
    for kind in ("pdf", "deck"):
        for version in range(versions):
            Report.objects.create(
                assessment=assessment,
                kind=kind,
                language="en",
                data_version=assessment.data_version + version,
                status="done",
                content=b"x",
            )
    client = client_for(manager_a)
    client.get(_page(assessment) + "?language=en")
    with django_assert_num_queries(PAGE_QUERIES) as captured:
        html = client.get(_page(assessment) + "?language=en").content.decode()
    assert "Your slide deck is ready." in html
    assert "Your report is ready." in html
    assert not any('"assessments_report"."content"' in q["sql"] for q in captured.captured_queries)


def test_deck_queries_do_not_grow_with_the_plan(scenario, django_assert_max_num_queries):
    """Building the deck reads the plan and the rounds in a fixed number of queries, however long the plan."""
    from assessments.actions.models import PlanAction
    from assessments.results.deck.document import build_report_deck

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            build_report_deck(assessment=scenario.assessment, language="en")
        return len(captured.captured_queries)

    def add_actions(n):
        for i in range(n):
            PlanAction.objects.create(
                organisation=scenario.organisation,
                assessment=scenario.assessment,
                factor_code="f1",
                factor_name_en="Factor 1",
                factor_name_nl="Factor 1",
                title=f"Action {i}",
            )

    add_actions(1)
    count()  # the first scoring folds the cells and keeps them (scoring/cells.py)
    one = count()
    add_actions(15)
    assert count() == one


def test_render_deck_command_writes_the_file(scenario, tmp_path):
    target = tmp_path / "board.pptx"
    call_command("render_deck", str(scenario.assessment.public_id), output=str(target), language="nl")
    deck = read_deck(target.read_bytes())
    assert deck.slides[1].shapes.title.text == "Wat het bestuur moet weten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.pptx"]
    with pytest.raises(CommandError, match="Unknown language"):
        call_command("render_deck", str(scenario.assessment.public_id), output=str(target), language="de")
