"""The public customer page c/<token>/: answering, the cap, closed links, guards and anonymity."""

import pytest
from django.core.cache import cache

from assessments.outside_in import guards
from assessments.outside_in.models import CustomerResponse
from tests.outside_in.conftest import make_link

pytestmark = pytest.mark.django_db


def _post(client, link, **data):
    payload = {
        "grade": "9",
        "recommend": "10",
        "ease": "4",
        "factor_f1": "4",
        "open_answer": "Friendly staff",
        "lang": "en",
    }
    payload["stamp"] = _old_stamp()
    payload.update(data)
    return client.post(f"/c/{link.token}/", payload)


def _old_stamp():
    from unittest import mock

    from django.utils import timezone

    with mock.patch("django.core.signing.time.time", return_value=timezone.now().timestamp() - 60):
        return guards.form_stamp()


def test_customer_answers_and_nothing_identifying_is_kept(client, check):
    link = make_link(check)
    page = client.get(f"/c/{link.token}/?lang=nl")
    assert page.status_code == 200
    assert "Klanten beoordelen f1." in page.content.decode()
    response = client.post(
        f"/c/{link.token}/",
        {
            "grade": "9",
            "recommend": "10",
            "ease": "5",
            "factor_f1": "4",
            "open_answer": "Top",
            "lang": "nl",
            "stamp": _old_stamp(),
        },
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/c/{link.token}/thanks/?lang=nl"
    saved = CustomerResponse.objects.get()
    fields = (saved.grade, saved.recommend, saved.ease, saved.effort, saved.factor_answers, saved.flag, saved.language)
    assert fields == (
        9,
        10,
        5,
        None,  # the 1-7 ease question is no longer asked
        {"f1": 4},
        "",
        "nl",
    )
    stored = " ".join(str(v) for v in CustomerResponse.objects.values().get().values())
    assert "203.0.113.9" not in stored
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Bedankt!" in thanks.content.decode()


def test_missing_grade_is_a_clear_400(client, check):
    link = make_link(check)
    response = _post(client, link, grade="")
    assert response.status_code == 400
    assert "Please give a grade from 1 to 10." in response.content.decode()
    response = _post(client, link, grade="11", ease="7")  # the ease statement is on the 1-5 agree scale
    assert response.status_code == 400
    assert CustomerResponse.objects.count() == 0


def test_capped_link_refuses_the_next_response(client, check):
    link = make_link(check, max_responses=2)
    assert _post(client, link).status_code == 302
    assert _post(client, link).status_code == 302
    refused = _post(client, link)
    assert refused.status_code == 409
    assert "We have enough answers" in refused.content.decode()
    assert client.get(f"/c/{link.token}/").status_code == 409
    assert CustomerResponse.objects.count() == 2


def test_unknown_inactive_and_closed_links(client, check, cx_assessment):
    assert client.get("/c/no-such-token-at-all-000/").status_code == 404
    link = make_link(check, active=False)
    assert client.get(f"/c/{link.token}/").status_code == 404
    open_link = make_link(check, "Open")
    cx_assessment.status = "closed"
    cx_assessment.save()
    assert client.get(f"/c/{open_link.token}/").status_code == 410
    assert _post(client, open_link).status_code == 410


def test_rate_limit_on_completed_submissions(client, check, settings):
    settings.RATELIMIT_ENABLE = True
    settings.CXM_OPEN_LINK_SUBMISSIONS_PER_HOUR = 2
    cache.clear()
    link = make_link(check)
    assert [_post(client, link).status_code for _ in range(3)] == [302, 302, 429]
    other = make_link(check, "Phone")
    assert _post(client, other).status_code == 302  # per link
    cache.clear()


def test_bots_and_rushed_answers_are_flagged(client, check):
    link = make_link(check)
    _post(client, link, website="http://spam.example")
    _post(client, link, stamp=guards.form_stamp())  # sent the moment the form arrived
    _post(client, link, stamp="forged")
    assert sorted(CustomerResponse.objects.values_list("flag", flat=True)) == ["honeypot", "too_fast", "too_fast"]


def test_client_key_rotates_daily_and_hides_the_address(rf):
    from unittest import mock

    request = rf.get("/", REMOTE_ADDR="198.51.100.7")
    today = guards.client_key(request, scope="s")
    assert "198.51.100.7" not in today
    assert len(today) == 64
    with mock.patch("assessments.outside_in.guards.timezone.localdate") as localdate:
        import datetime

        localdate.return_value = datetime.date(2030, 1, 2)
        assert guards.client_key(request, scope="s") != today


def test_the_customer_sees_the_organisation_not_the_links_internal_label(client, check):
    link = make_link(check, label="KLANTPANEL DECEMBER")
    for language in ("nl", "en"):
        page = client.get(f"/c/{link.token}/?lang={language}").content.decode()
        assert "KLANTPANEL" not in page.upper()
        assert f'<p class="respond-eyebrow">{check.assessment.organisation.name}</p>' in page
