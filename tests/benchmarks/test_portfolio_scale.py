"""A consultancy with many clients (issue 26, item 5): the portfolio page and the benchmark page take the same
queries at 1 and at many organisations, cold (scoring's cache empty) and warm; the page searched, sorted and
cut by the database shows exactly the rows, in exactly the order, that the full rows sorted and searched in
memory give, and its figure sorts follow the dashboards' own numbers."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from assessments.benchmarks.owners import owner_groups
from assessments.benchmarks.portfolio import PER_PAGE, SORT_KEYS, STATUSES, filtered_and_sorted, portfolio_rows
from assessments.benchmarks.portfolio_page import portfolio_page
from assessments.questionnaire.models import Invitation
from tests import factories
from tests.benchmarks.helpers import closed_org, uniform_answers

pytestmark = pytest.mark.django_db

# session + user, the switcher's organisations; then the page's ids with the number found (one query), the page's
# rows (organisations, latest rounds), their stored figures (with the previous rounds'), the levels, the
# customer check, the plan column. The figures' first read scores them and stores them: scoring's organisation
# scores (scales, factors, statements, responses, stored sums) and one write, after reading the rounds. The
# scoring cache emptied (cold) changes nothing once they are stored.
PAGE, SCORING = 10, 6
# A sort on the index or the change: the page's query also counts the found rounds whose stored figures are
# not current; the first time (all of them) they are read, scored and stored, and the page cut again. The level
# sort checks them first, reads them as values and counts and cuts them in memory, with its levels and
# customer check.
INDEX_SORT, INDEX_SORT_FIRST, LEVEL_SORT = PAGE, PAGE + 2 + SCORING, PAGE + 3
SEARCH_NOTHING = 4  # nothing found: the page's query only, no rows to read, score or give columns


def _clients(consultant, model_version, count):
    """`count` client organisations: mostly two closed rounds (a trend), some open with invitations, one in
    four closed below its threshold, every tenth without a round."""
    for i in range(count):
        if i % 10 == 9:
            organisation = factories.make_organisation(name=f"Client {i:02d}", sector="Care")
        elif i % 10 == 4:
            organisation = factories.make_organisation(name=f"Client {i:02d}", sector="Energy")
            team = factories.make_team(organisation=organisation)
            scan = factories.make_assessment(
                organisation=organisation, model_version=model_version, teams=[team], status="open", title="Open scan"
            )
            Invitation.objects.bulk_create(
                Invitation(
                    assessment=scan, team=team, token_hash=f"{i:02d}{k:062d}", completed_on=None if k else "2026-01-01"
                )
                for k in range(1 + i % 3)
            )
        else:
            organisation, first = closed_org(
                model_version=model_version,
                value=2 + i % 4,
                name=f"Client {i:02d}",
                sector="Retail",
                respondents=4 if i % 4 == 3 else 5,  # below the threshold of 5: no index
            )
            first.opens_at = timezone.now() - timedelta(days=400 - i)
            first.save()
            if i % 4 != 3:
                team = organisation.teams.get()
                second = factories.make_assessment(
                    organisation=organisation,
                    model_version=model_version,
                    teams=[team],
                    status="closed",
                    previous=first,
                    title=f"Spring scan {i}",
                    opens_at=timezone.now() - timedelta(days=i),
                )
                factories.make_responses(
                    assessment=second, answers=uniform_answers(model_version, 1 + (i * 7) % 5, 5), team=team
                )
        factories.add_member(user=consultant, organisation=organisation, role="consultant")


@pytest.fixture
def consultant(db):
    return factories.make_user(email="consultant@example.org")


def _uniform(consultant, model_version, count):
    """`count` clients alike: two closed rounds each (an index, a level and a trend on every row)."""
    for i in range(count):
        organisation, first = closed_org(model_version=model_version, value=2 + i % 4, name=f"Client {i:02d}")
        second = factories.make_assessment(
            organisation=organisation,
            model_version=model_version,
            teams=[organisation.teams.get()],
            status="closed",
            previous=first,
            title=f"Spring scan {i}",
        )
        factories.make_responses(
            assessment=second, answers=uniform_answers(model_version, 1 + (i * 7) % 5, 5), team=organisation.teams.get()
        )
        factories.add_member(user=consultant, organisation=organisation, role="consultant")


def _count(client, url, django_assert_num_queries, expected, *, cold):
    if cold:
        cache.clear()
    else:
        client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize(
    ("query", "queries", "first"),
    [
        ("", PAGE, PAGE + 1 + SCORING),
        ("?page=2&sort=-last", PAGE, PAGE + 1 + SCORING),
        ("?sort=status&q=client", PAGE, PAGE + 1 + SCORING),
        ("?sort=-rate&q=scan", PAGE, PAGE + 1 + SCORING),
        ("?sort=-index&page=2", INDEX_SORT, INDEX_SORT_FIRST),
        ("?sort=change", INDEX_SORT, INDEX_SORT_FIRST),
        ("?sort=level&q=client", LEVEL_SORT, LEVEL_SORT + SCORING),
    ],
)
def test_portfolio_queries_are_the_same_at_one_and_many_organisations(
    count, query, queries, first, consultant, model_version, client_for, django_assert_num_queries, scoring_cache
):
    _uniform(consultant, model_version, count)
    client = client_for(consultant)
    # The first request scores every figure it needs and stores it.
    page = _count(client, f"/portfolio/{query}", django_assert_num_queries, first, cold=True)
    rows = count if count <= PER_PAGE else (count - PER_PAGE if "page=2" in query else PER_PAGE)
    assert page.count('class="fw-normal"') == rows
    _count(client, f"/portfolio/{query}", django_assert_num_queries, queries, cold=True)
    _count(client, f"/portfolio/{query}", django_assert_num_queries, queries, cold=False)


@pytest.mark.parametrize("count", [1, 30])
def test_a_search_that_finds_nothing_reads_no_rows(
    count, consultant, model_version, client_for, django_assert_num_queries
):
    _clients(consultant, model_version, count)
    page = _count(client_for(consultant), "/portfolio/?q=nothing", django_assert_num_queries, SEARCH_NOTHING, cold=True)
    assert "No organisations match." in page


def _shown(row):
    return (
        row.organisation.name,
        row.role,
        row.status,
        row.response_rate,
        row.index,
        row.level.code if row.level else None,
        row.change,
        row.change_margin,
        row.trend,
        row.basics_split,
        row.action_plan,
    )


@pytest.mark.parametrize("cached", [False, True])
def test_every_sort_search_and_page_shows_what_the_full_rows_give(cached, consultant, model_version, settings):
    if cached:  # the figures of a figure sort from the cache, filled by the first request of each sort
        cache.clear()
        settings.CXM_SCORING_CACHE_SECONDS = 3600
    _clients(consultant, model_version, 30)
    factories.add_member(  # a team leader sees no whole organisation: left out of both
        user=consultant,
        organisation=factories.make_organisation(name="Client led"),
        role="team_leader",
    )
    full = portfolio_rows(user=consultant)
    assert len(full) == 30
    assert {r.status for r in full} == {"closed", "open", "none"}
    assert any(r.change is not None for r in full)
    assert any(r.index is None and r.status == "closed" for r in full)
    for sort in [*SORT_KEYS, *(f"-{key}" for key in SORT_KEYS)]:
        for status, text in [("", ""), ("", "CLIENT 1"), ("", "spring"), ("closed", ""), ("open", "energy")]:
            expected = filtered_and_sorted(full, status=status, text=text, sort=sort)
            for number in (1, 2, 2):
                page = portfolio_page(user=consultant, status=status, text=text, sort=sort, page=number)
                start = (page.number - 1) * PER_PAGE
                assert page.paginator.count == len(expected), (sort, status, text)
                assert [_shown(r) for r in page] == [_shown(r) for r in expected[start : start + PER_PAGE]], (
                    sort,
                    status,
                    text,
                    number,
                )
    assert set(STATUSES) >= {r.status for r in full}


def test_a_figure_sort_orders_across_every_page(consultant, model_version):
    _clients(consultant, model_version, 30)
    first = list(portfolio_page(user=consultant, sort="-index", page=1))
    second = list(portfolio_page(user=consultant, sort="-index", page=2))
    indexes = [r.index for r in first + second]
    scored = [i for i in indexes if i is not None]
    assert scored == sorted(scored, reverse=True)
    assert indexes[: len(scored)] == scored  # rows without an index last
    assert len(first) == PER_PAGE
    assert len(scored) == len([r for r in portfolio_rows(user=consultant) if r.index is not None])


@pytest.mark.parametrize("peers", [1, 30])
def test_benchmark_page_queries_cold_and_warm(
    peers, model_version, manager_a, org_a, client_for, django_assert_num_queries, scoring_cache
):
    org_a.benchmark_opt_in = True
    org_a.save()
    team = factories.make_team(organisation=org_a)
    own = factories.make_assessment(
        organisation=org_a, model_version=model_version, teams=[team], status="closed", closed_at=timezone.now()
    )
    factories.make_responses(assessment=own, answers=uniform_answers(model_version, 4, 5), team=team)
    consultant = factories.make_user(email="c@example.org")
    for i in range(peers):
        organisation, _a = closed_org(model_version=model_version, value=3)
        if i % 3 == 0:  # a consultant's clients: one owner group
            factories.add_member(user=consultant, organisation=organisation, role="consultant")
    client = client_for(manager_a)
    url = f"/a/{own.public_id}/benchmark/"
    # Warm: the peers' scores and the owner groups from the cache, each checked by its fingerprint.
    _count(client, url, django_assert_num_queries, 9, cold=False)
    # Cold: the peers' figures read from their stored copy in one query (scored in the first request) and the
    # owner groups worked out from every link, once (the model's content is kept per process).
    _count(client, url, django_assert_num_queries, 19, cold=True)


def test_owner_groups_follow_a_new_link_at_once(model_version):
    a, b, c = (factories.make_organisation(name=n) for n in "abc")
    person = factories.make_user(email="p@example.org")
    factories.add_member(user=person, organisation=a, role="manager")
    assert owner_groups(organisation_ids=[a.pk, b.pk, c.pk]) == {a.pk: a.pk, b.pk: b.pk, c.pk: c.pk}
    factories.add_member(user=person, organisation=b, role="consultant")  # cached above: must not be served
    assert owner_groups(organisation_ids=[a.pk, b.pk, c.pk]) == {a.pk: a.pk, b.pk: a.pk, c.pk: c.pk}
    from assessments.organisations.models import ActivityLog, Membership

    ActivityLog.objects.create(organisation=c, actor=person, verb="created", object_type="organisation")
    assert owner_groups(organisation_ids=[c.pk]) == {c.pk: a.pk}
    Membership.objects.filter(organisation=b).delete()
    assert owner_groups(organisation_ids=[a.pk, b.pk]) == {a.pk: a.pk, b.pk: b.pk}
    # The same number of links, paired otherwise: still other groups.
    other = factories.make_user(email="q@example.org")
    Membership.objects.filter(user=person, organisation=a).update(organisation=b)
    factories.add_member(user=other, organisation=a, role="manager")
    assert owner_groups(organisation_ids=[a.pk, b.pk, c.pk]) == {a.pk: a.pk, b.pk: b.pk, c.pk: b.pk}


@pytest.mark.parametrize("count", [1, 30])
def test_the_switcher_reads_a_few_organisations_the_current_one_among_them(
    count, consultant, client_for, django_assert_num_queries
):
    from assessments.organisations.context_processors import NAV_LIMIT

    organisations = [factories.make_organisation(name=f"Client {i:02d}") for i in range(count)]
    for organisation in organisations:
        factories.add_member(user=consultant, organisation=organisation, role="consultant")
    client = client_for(consultant)
    last = organisations[-1]  # by name the last: beyond the switcher's first NAV_LIMIT when there are more
    page = client.get(f"/o/{last.public_id}/").content.decode()
    navigation = page[: page.index("</nav>")]
    assert f"/o/{last.public_id}/" in navigation
    if count > 1:
        switcher = navigation.split('aria-labelledby="org-switcher"')[1].split("</ul>")[0]
        assert switcher.count('class="dropdown-item') == min(count, NAV_LIMIT) + 1  # + "All organisations"
        assert 'active" href="/o/' + str(last.public_id) in switcher
        assert "Client 00" in switcher
    from django.test import RequestFactory
    from django.urls import resolve

    from assessments.organisations.context_processors import navigation

    request = RequestFactory().get(f"/o/{last.public_id}/")
    request.user, request.session, request.resolver_match = consultant, {}, resolve(f"/o/{last.public_id}/")
    with django_assert_num_queries(1):  # one query, whatever the number of organisations
        found = navigation(request)
    assert found["nav_current_organisation"] == last
    assert len(found["nav_organisations"]) == min(count, NAV_LIMIT)
