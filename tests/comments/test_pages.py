"""The comments pages: managers only, tagging and picking through the page, the theme form, the export,
queries that do not grow with the comments, and the picked quotes in the PDF."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from assessments.comments import services
from assessments.comments.models import PickedQuote, Tag, Theme
from assessments.comments.selectors.board import comment_board, comment_ref
from tests import factories
from tests.comments.conftest import answers

pytestmark = pytest.mark.django_db


def _url(assessment, suffix=""):
    return f"/a/{assessment.public_id}/comments/{suffix}"


def _ref(assessment, text):
    return next(r.ref for r in comment_board(assessment=assessment, language="en").rows if r.text == text)


def _theme(org, scope="f1", en="Workload", nl="Werkdruk", kw_en="workload", kw_nl="werkdruk"):
    return services.save_theme(
        organisation=org, actor=None, scope=scope, name_en=en, name_nl=nl, keywords_en=kw_en, keywords_nl=kw_nl
    )


@pytest.mark.parametrize("suffix", ["", "themes/", "export.csv", "export.xlsx"])
def test_managers_only(scan, org_a, manager_a, viewer_a, manager_b, client_for, suffix):
    assert client_for(manager_a).get(_url(scan, suffix)).status_code == 200
    assert client_for(viewer_a).get(_url(scan, suffix)).status_code == 403
    assert client_for(manager_b).get(_url(scan, suffix)).status_code == 404


def test_theme_pages_refuse_viewers_and_other_organisations(scan, org_a, manager_a, viewer_a, manager_b, client_for):
    theme = _theme(org_a)
    for suffix, method in [
        (f"themes/{theme.public_id}/", "get"),
        (f"themes/{theme.public_id}/delete/", "post"),
        ("themes/suggested/", "post"),
        ("action/", "post"),
    ]:
        assert getattr(client_for(viewer_a), method)(_url(scan, suffix)).status_code == 403, suffix
        assert getattr(client_for(manager_b), method)(_url(scan, suffix)).status_code == 404, suffix
    other = factories.make_assessment(
        organisation=manager_b.memberships.first().organisation, model_version=scan.model_version
    )
    # A theme of org A through org B's own assessment: not found.
    assert client_for(manager_b).get(_url(other, f"themes/{theme.public_id}/")).status_code == 404


def test_the_page_shows_comments_counts_and_suggestions(scan, org_a, manager_a, client_for):
    _theme(org_a)
    page = client_for(manager_a).get(_url(scan)).content.decode()
    assert "The workload is too high." in page
    assert '<th scope="col" class="text-end">Alpha</th>' in page
    assert '<th scope="col" class="text-end">Beta</th>' not in page  # hidden against subtraction
    assert "Suggested because it contains: werkdruk" in page


def test_filters_on_the_page_and_bad_filters_are_a_400(scan, org_a, manager_a, client_for):
    client = client_for(manager_a)
    page = client.get(_url(scan), {"q": "enquête"}).content.decode()
    assert "Gamma zegt" in page
    assert "The workload is too high." not in page
    assert client.get(_url(scan), {"scope": "nope"}).status_code == 400
    assert client.get(_url(scan), {"theme": "not-a-uuid"}).status_code == 400


def test_tag_reject_untag_and_pick_through_the_page(scan, org_a, manager_a, client_for):
    theme = _theme(org_a)
    client = client_for(manager_a)
    ref = _ref(scan, "The workload is too high.")
    data = {"ref": ref, "theme": theme.public_id, "action": "tag", "q": "workload"}
    response = client.post(_url(scan, "action/"), data)
    assert response.status_code == 302
    assert response["Location"] == f"{_url(scan)}?q=workload#{ref}"
    client.post(_url(scan, "action/"), data)  # a second submit changes nothing
    assert list(Tag.objects.values_list("accepted", flat=True)) == [True]
    client.post(_url(scan, "action/"), {**data, "action": "reject"})
    assert list(Tag.objects.values_list("accepted", flat=True)) == [False]
    client.post(_url(scan, "action/"), {**data, "action": "untag"})
    assert Tag.objects.count() == 0
    client.post(_url(scan, "action/"), {"ref": ref, "action": "pick"})
    client.post(_url(scan, "action/"), {"ref": ref, "action": "pick"})
    assert PickedQuote.objects.count() == 1
    client.post(_url(scan, "action/"), {"ref": ref, "action": "unpick"})
    assert PickedQuote.objects.count() == 0


def test_bad_actions_answer_4xx(scan, org_a, manager_a, client_for):
    client = client_for(manager_a)
    ref = _ref(scan, "The workload is too high.")
    other_factor = _theme(org_a, scope="f2", en="Other", nl="Ander")
    assert client.post(_url(scan, "action/"), {"ref": ref, "action": "explode"}).status_code == 400
    assert client.post(_url(scan, "action/"), {"ref": "r" + "0" * 24, "action": "pick"}).status_code == 404
    assert client.post(_url(scan, "action/"), {"ref": ref, "action": "tag"}).status_code == 404  # no theme
    bad = {"ref": ref, "action": "tag", "theme": other_factor.public_id}
    assert client.post(_url(scan, "action/"), bad).status_code == 400
    assert Tag.objects.count() == 0


def test_a_comment_below_the_threshold_cannot_be_tagged(org_a, model_version, manager_a, client_for):
    assessment = factories.make_assessment(organisation=org_a, model_version=model_version)
    [response] = factories.make_responses(
        assessment=assessment, answers=answers(model_version, 1), comments=[{"f1": "x"}]
    )
    from assessments.questionnaire.models import Comment

    ref = comment_ref(comment_id=Comment.objects.get(response=response).pk)
    assert client_for(manager_a).post(_url(assessment, "action/"), {"ref": ref, "action": "pick"}).status_code == 404
    assert "stay closed until at least 7 people" in client_for(manager_a).get(_url(assessment)).content.decode()


def test_starter_themes_and_own_themes_through_the_pages(scan, org_a, manager_a, client_for):
    client = client_for(manager_a)
    assert client.post(_url(scan, "themes/suggested/")).status_code == 302
    assert Theme.objects.filter(organisation=org_a).count() == 0  # the test model's factors have no starter set
    response = client.post(
        _url(scan, "themes/"),
        {"scope": "f1", "name_en": "", "name_nl": "Parkeren", "keywords_nl": "parkeer, , Parkeer,auto"},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(organisation=org_a)
    assert (theme.name_en, theme.name_nl, theme.keywords_nl) == ("Parkeren", "Parkeren", "parkeer, auto")
    assert client.post(_url(scan, "themes/"), {"scope": "f1"}).status_code == 400  # no name
    assert client.post(_url(scan, "themes/"), {"scope": "nope", "name_en": "x"}).status_code == 400
    edit = _url(scan, f"themes/{theme.public_id}/")
    assert client.get(edit).status_code == 200
    client.post(edit, {"scope": "f2", "name_en": "Parking", "name_nl": "Parkeren", "keywords_en": "parking"})
    theme.refresh_from_db()
    assert (theme.scope, theme.name_en, theme.keywords_en) == ("f1", "Parking", "parking")  # the factor stays
    assert client.post(_url(scan, f"themes/{theme.public_id}/delete/")).status_code == 302
    assert not Theme.objects.exists()


def test_the_export_holds_themes_and_no_identities(scan, org_a, manager_a, client_for):
    theme = _theme(org_a)
    client = client_for(manager_a)
    ref = _ref(scan, "The workload is too high.")
    client.post(_url(scan, "action/"), {"ref": ref, "theme": theme.public_id, "action": "tag"})
    client.post(_url(scan, "action/"), {"ref": ref, "action": "pick"})
    body = b"".join(
        client.get(_url(scan, "export.csv")).streaming_content
        if False
        else [client.get(_url(scan, "export.csv")).content]
    )
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["Factor", "Comment", "Themes", "In report"]
    assert ["Factor 1", "The workload is too high.", "Workload", "yes"] in rows
    assert len(rows) == 1 + 6
    # Beyond the comments' own words nothing names a team, a respondent or the assessment.
    rest = [cell for row in rows[1:] for cell in (row[0], row[2], row[3])]
    assert set(rest) == {"Factor 1", "Factor 2", "", "Workload", "yes"}
    workbook = load_workbook(io.BytesIO(client.get(_url(scan, "export.xlsx")).getvalue()))
    assert workbook.sheetnames == ["Comments", "Themes"]
    counts = [list(r) for r in workbook["Themes"].iter_rows(values_only=True)]
    assert counts[0] == ["Factor", "Theme", "All comments", "Alpha"]  # only the team the rules allow
    assert ["Factor 1", "Workload", 1, 0] in counts
    assert client.get(_url(scan, "export.pdf")).status_code == 404


def _queries(client, url):
    client.get(url)  # the first visit also stores the session's organisation
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("suffix", ["", "export.xlsx"])
def test_queries_do_not_grow_with_the_comments(org_a, model_version, manager_a, client_for, suffix):
    client = client_for(manager_a)
    counts = []
    for n in (1, 40):
        assessment = factories.make_assessment(organisation=org_a, model_version=model_version)
        factories.make_responses(
            assessment=assessment,
            answers=answers(model_version, max(n, 8)),
            comments=[{"f1": f"Comment {i} about workload", "f2": f"Other {i}"} for i in range(n)],
        )
        for row in comment_board(assessment=assessment, language="en").rows[:n]:
            theme = Theme.objects.get_or_create(
                organisation=org_a, scope="f1", name_en="Workload", name_nl="Werkdruk", keywords_en="workload"
            )[0]
            if row.scope == "f1":
                services.tag(
                    assessment=assessment, target=services.Target(scope="f1", comment_id=row.comment_id), theme=theme
                )
                services.set_picked(
                    assessment=assessment, target=services.Target(scope="f1", comment_id=row.comment_id), picked=True
                )
        counts.append(_queries(client, _url(assessment, suffix)))
    assert counts[0] == counts[1]
