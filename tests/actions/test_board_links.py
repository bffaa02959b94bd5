"""Read-only board links: made and withdrawn by a manager, opened without an account, nothing else reachable."""

import datetime
import hashlib
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.actions.models import BoardLink
from assessments.actions.services.board_links import create_board_link, revoke_board_link
from assessments.organisations.models import ActivityLog
from assessments.results.models import Report
from assessments.scoring import score_assessment
from assessments.scoring.rounding import display_round
from tests.url_access.walk import anonymous_failures


@pytest.fixture
def link_for(manager_a):
    def make(assessment, *, shows="both", days=30, now=None):
        return create_board_link(
            assessment=assessment, actor=manager_a, label="Supervisory board", shows=shows, days=days, now=now
        )

    return make


def _done_report(assessment, language):
    return Report.objects.create(
        assessment=assessment,
        language=language,
        data_version=assessment.data_version,
        status=Report.Status.DONE,
        content=b"%PDF-1.4 board",
    )


def test_manager_makes_a_link_and_copies_it_once(closed_scan, manager_a, client_for):
    manager = client_for(manager_a)
    share = f"/a/{closed_scan.public_id}/share/"
    response = manager.post(f"{share}board-links/", {"label": "Board, June", "shows": "both", "days": "30"})
    assert response.status_code == 302
    assert response["Location"] == f"{share}#board-links"
    link = BoardLink.objects.get()
    page = manager.get(share).content.decode()
    url = re.search(r'value="(http://testserver/b/[^"]+/)" id="new-board-link"', page).group(1)
    token = url.rsplit("/", 2)[1]
    # Stored only as a hash with a purpose prefix; never shown again.
    assert link.token_hash == hashlib.sha256(f"board:{token}".encode()).hexdigest()
    assert token not in manager.get(share).content.decode()
    assert (link.label, link.shows, link.created_by) == ("Board, June", "both", manager_a)
    assert link.expires_at - link.created_at == pytest.approx(
        datetime.timedelta(days=30), abs=datetime.timedelta(seconds=5)
    )
    assert ActivityLog.objects.filter(verb="board_link_created", object_repr__endswith="(Board, June)").count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"label": "", "shows": "both", "days": "30"},
        {"label": "B", "shows": "all", "days": "30"},
        {"label": "B", "shows": "pdf", "days": "5"},
    ],
)
def test_bad_input_makes_no_link_and_says_why(closed_scan, manager_a, client_for, data):
    manager = client_for(manager_a)
    response = manager.post(f"/a/{closed_scan.public_id}/share/board-links/", data, follow=True)
    assert response.status_code == 200
    assert "The link was not made" in response.content.decode()
    assert BoardLink.objects.count() == 0


def test_viewers_see_the_links_but_cannot_make_or_withdraw_them(closed_scan, viewer_a, client_for, link_for):
    link, _token = link_for(closed_scan)
    viewer = client_for(viewer_a)
    page = viewer.get(f"/a/{closed_scan.public_id}/share/").content.decode()
    assert "Supervisory board" in page
    assert "Make a read-only link" not in page
    assert viewer.post(f"/a/{closed_scan.public_id}/share/board-links/", {"label": "x"}).status_code in (403, 404)
    revoke = f"/a/{closed_scan.public_id}/share/board-links/{link.public_id}/revoke/"
    assert viewer.post(revoke).status_code in (403, 404)
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_link_shows_the_results_and_nothing_else(closed_scan, link_for, client):
    _done_report(closed_scan, "en")
    _link, token = link_for(closed_scan)
    response = client.get(f"/b/{token}/?lang=en")
    page = response.content.decode()
    assert response.status_code == 200
    result = score_assessment(assessment=closed_scan)
    assert f"{display_round(result.index, 0):g}" in page  # the maturity index, as on the dashboard
    assert "Where we stand per factor" in page
    assert "Download the PDF report" in page
    # No way into the app: every link on the page is the page itself (languages) or its PDF.
    hrefs = set(re.findall(r'href="([^"]+)"', page))
    own = {"?lang=en", "?lang=nl", f"/b/{token}/report-en.pdf", "#main"}
    assert {h for h in hrefs if not h.startswith("/static/")} <= own
    assert "/results/export/" not in page
    assert "/factor/" not in page
    assert "Statements behind this score" not in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert "sessionid" not in response.cookies


def _script(page, name):
    return json.loads(re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', page, re.S).group(1))


def test_the_link_shows_exactly_what_the_dashboard_shows(make_scan, link_for, client, manager_a, client_for):
    # North has 2 respondents: below the threshold, so its row is there but every cell is hidden.
    scan = make_scan(sizes={("sales", "board"): 6, ("service", "front"): 6, ("north", "front"): 2}, seed=5)
    _link, token = link_for(scan, shows="page")
    page = client.get(f"/b/{token}/?lang=en").content.decode()
    dashboard = client_for(manager_a).get(f"/a/{scan.public_id}/results/?lang=en").content.decode()
    for name in ("radar-data", "heatmap-data"):
        assert _script(page, name) == _script(dashboard, name)
    heatmap = _script(page, "heatmap-data")["figure"]["data"][0]
    north = heatmap["y"].index("↳ Service North (2)")  # a sub-team of Service
    assert all(value is None for value in heatmap["z"][north])


def test_both_languages(closed_scan, link_for, client):
    _link, token = link_for(closed_scan, shows="page")
    dutch = client.get(f"/b/{token}/?lang=nl").content.decode()
    assert '<html lang="nl">' in dutch
    assert "Alleen-lezen rapport" in dutch
    assert "Waar we staan per factor" in dutch
    english = client.get(f"/b/{token}/?lang=en").content.decode()
    assert "Read-only report" in english


def test_the_pdf_only_link_and_the_download(closed_scan, link_for, client):
    _link, token = link_for(closed_scan, shows="pdf")
    page = client.get(f"/b/{token}/?lang=nl")
    assert "Waar we staan per factor" not in page.content.decode()
    assert "wordt gemaakt" in page.content.decode()  # requested, not made yet
    assert Report.objects.filter(assessment=closed_scan, language="nl").count() == 1
    assert client.get(f"/b/{token}/report-nl.pdf")["Location"] == f"/b/{token}/?lang=nl"
    Report.objects.filter(assessment=closed_scan).delete()
    _done_report(closed_scan, "nl")
    download = client.get(f"/b/{token}/report-nl.pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content == b"%PDF-1.4 board"
    assert client.get(f"/b/{token}/report-de.pdf").status_code == 404


def test_a_page_only_link_gives_no_pdf(closed_scan, link_for, client):
    _done_report(closed_scan, "en")
    _link, token = link_for(closed_scan, shows="page")
    assert "Download the PDF report" not in client.get(f"/b/{token}/?lang=en").content.decode()
    assert client.get(f"/b/{token}/report-en.pdf").status_code == 404


def test_expired_link_answers_410_in_both_languages(closed_scan, link_for, client):
    link, token = link_for(closed_scan, days=7, now=timezone.now() - datetime.timedelta(days=7, seconds=1))
    response = client.get(f"/b/{token}/")
    text = response.content.decode()
    assert response.status_code == 410
    assert "This link has expired" in text
    assert "Deze link is verlopen" in text
    assert closed_scan.title not in text
    assert client.get(f"/b/{token}/report-en.pdf").status_code == 410
    link.refresh_from_db()
    assert link.use_count == 0


def test_a_link_works_until_its_last_moment(closed_scan, link_for, client):
    _link, token = link_for(
        closed_scan, days=7, now=timezone.now() - datetime.timedelta(days=7) + datetime.timedelta(minutes=1)
    )
    assert client.get(f"/b/{token}/").status_code == 200


def test_withdrawn_link_answers_410(closed_scan, manager_a, client_for, link_for, client):
    link, token = link_for(closed_scan)
    assert client.get(f"/b/{token}/").status_code == 200
    manager = client_for(manager_a)
    revoke = f"/a/{closed_scan.public_id}/share/board-links/{link.public_id}/revoke/"
    assert manager.post(revoke).status_code == 302
    assert manager.post(revoke).status_code == 302  # twice: harmless
    response = client.get(f"/b/{token}/")
    assert response.status_code == 410
    assert "This link has been withdrawn" in response.content.decode()
    assert "Deze link is ingetrokken" in response.content.decode()
    assert ActivityLog.objects.filter(verb="board_link_withdrawn").count() == 1
    page = manager.get(f"/a/{closed_scan.public_id}/share/").content.decode()
    assert "withdrawn on" in page
    assert "Opened 1 time" in page


def test_unknown_and_malformed_tokens_answer_404(db, client):
    for token in ("x" * 43, "short", "bad%20token" * 5):
        response = client.get(f"/b/{token}/")
        assert response.status_code == 404
        assert "This link does not exist" in response.content.decode()
        assert "Deze link bestaat niet" in response.content.decode()


def test_unknown_tokens_are_rate_limited(db, client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.CXM_RATE_TOKEN_FAILURES = "3/h"
    cache.clear()
    statuses = [client.get(f"/b/{'y' * 40}{i}/").status_code for i in range(4)]
    assert statuses == [404, 404, 404, 429]
    cache.clear()


def test_visits_are_counted_and_listed(closed_scan, manager_a, client_for, link_for, client):
    link, token = link_for(closed_scan)
    _done_report(closed_scan, "en")
    client.get(f"/b/{token}/?lang=en")
    client.get(f"/b/{token}/report-en.pdf")
    link.refresh_from_db()
    assert link.use_count == 2
    assert link.last_used_at is not None
    page = client_for(manager_a).get(f"/a/{closed_scan.public_id}/share/").content.decode()
    assert "Opened 2 times" in page


def test_nothing_else_is_reachable_with_the_links_browser(closed_scan, link_for, client):
    """Walk every URL of the app in the browser that opened the link: all refused as for anyone anonymous."""
    _link, token = link_for(closed_scan)
    assert client.get(f"/b/{token}/").status_code == 200
    assert "_auth_user_id" not in client.session
    for method in ("get", "post"):
        assert anonymous_failures(client, method) == []
    # And the assessment's own pages, with its real id.
    for path in ("results/", "results/export/scores.csv", "report/", "share/", ""):
        response = client.get(f"/a/{closed_scan.public_id}/{path}")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_a_link_opens_only_its_own_assessment(make_scan, link_for, client):
    first = make_scan(sizes={("sales", "board"): 6}, seed=1)
    second = make_scan(sizes={("sales", "board"): 6}, seed=2, title="The other round")
    _link, token = link_for(first, shows="page")
    page = client.get(f"/b/{token}/?lang=en").content.decode()
    assert first.title in page
    assert "The other round" not in page
    assert str(second.public_id) not in page


def test_query_count_does_not_grow_with_respondents(make_scan, link_for, client):
    small = make_scan(sizes={("sales", "board"): 1, ("north", "front"): 1}, seed=1)
    large = make_scan(sizes={("sales", "board"): 60, ("north", "front"): 50, ("service", "front"): 40}, seed=2)
    tokens = [link_for(scan)[1] for scan in (small, large)]
    for token in tokens:
        client.get(f"/b/{token}/?lang=en")  # warm up: the PDF is requested once
    counts = []
    for token in tokens:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/b/{token}/?lang=en").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_revoke_service_keeps_the_first_moment(closed_scan, manager_a, link_for):
    link, _token = link_for(closed_scan)
    first = revoke_board_link(link=link, actor=manager_a).revoked_at
    assert revoke_board_link(link=link, actor=manager_a).revoked_at == first


def test_the_sharing_page_queries_do_not_grow_with_links(closed_scan, manager_a, client_for, link_for):
    manager = client_for(manager_a)
    url = f"/a/{closed_scan.public_id}/share/"
    link_for(closed_scan)
    manager.get(url)  # warm up the session
    with CaptureQueriesContext(connection) as one:
        assert manager.get(url).status_code == 200
    for _ in range(5):
        link_for(closed_scan, shows="pdf")
    with CaptureQueriesContext(connection) as six:
        page = manager.get(url)
    assert page.content.decode().count("Withdraw</button>") == 6
    assert len(one.captured_queries) == len(six.captured_queries)


def test_a_failed_render_is_not_retried_by_every_visit(closed_scan, link_for, client):
    Report.objects.create(
        assessment=closed_scan, language="en", data_version=closed_scan.data_version, status=Report.Status.FAILED
    )
    _link, token = link_for(closed_scan, shows="pdf")
    page = client.get(f"/b/{token}/?lang=en").content.decode()
    assert "could not be made just now" in page
    assert Report.objects.get(assessment=closed_scan, language="en").status == Report.Status.FAILED
