"""The comments board: every comment a manager may read, with its themes, keyword suggestions and whether
it is in the report; the search; and the counts per theme, per factor and per team.

Comments are listed per factor in alphabetical order (as everywhere), so their order says nothing about
who wrote them or when. A comment is addressed by an opaque reference (a keyed hash of its id), never by
its database id, which would give away the order of arrival.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from assessments.comments.keywords import contains, matching_keywords
from assessments.comments.models import CUSTOMERS, PickedQuote, Tag, Theme
from assessments.comments.selectors.visibility import Visibility, visibility
from assessments.outside_in.models import CustomerResponse
from assessments.questionnaire.models import Assessment, Comment
from models_9plus.models import Factor

_SALT = "assessments.comments.ref"


def comment_ref(*, comment_id: int | None = None, customer_response_id: int | None = None) -> str:
    kind, pk = ("r", comment_id) if comment_id is not None else ("c", customer_response_id)
    return kind + salted_hmac(_SALT, f"{kind}{pk}").hexdigest()[:24]


@dataclass(frozen=True)
class Scope:
    code: str  # a factor code or CUSTOMERS
    name: str
    comments: int = 0


@dataclass(frozen=True)
class Suggestion:
    theme: Theme
    keywords: tuple[str, ...]  # the keywords that matched, so the manager sees why


@dataclass
class CommentRow:
    ref: str
    scope: str
    text: str
    language: str
    comment_id: int | None = None
    customer_response_id: int | None = None
    teams: frozenset[str] = frozenset()
    themes: list[Theme] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    picked: bool = False


@dataclass(frozen=True)
class CountRow:
    theme: Theme | None  # None: all comments of the scope
    total: int
    per_team: tuple[int, ...]  # in the order of Visibility.teams; empty for the customers


@dataclass
class Board:
    visibility: Visibility
    scopes: list[Scope]
    themes: dict[str, list[Theme]]  # scope -> the organisation's themes
    rows: list[CommentRow]  # every readable comment (before search)
    counts: dict[str, list[CountRow]]  # scope -> the all-comments row, then one row per theme

    def filtered(self, *, scope: str = "", query: str = "", theme: UUID | None = None) -> list[CommentRow]:
        return [
            row
            for row in self.rows
            if (not scope or row.scope == scope)
            and (not query or contains(row.text, query))
            and (theme is None or any(t.public_id == theme for t in row.themes))
        ]

    def row(self, ref: str) -> CommentRow | None:
        return next((r for r in self.rows if r.ref == ref), None)

    def theme(self, public_id: UUID | str | None) -> Theme | None:
        return next((t for ts in self.themes.values() for t in ts if str(t.public_id) == str(public_id)), None)


def factor_scopes(*, assessment: Assessment, language: str) -> list[Scope]:
    """The factors of the assessment's model in model order, then the customers' answers when there is a check."""
    factors = Factor.objects.filter(version_id=assessment.model_version_id).order_by("order")
    return [Scope(code=f.code, name=f.name_nl if language == "nl" else f.name_en) for f in factors]


def themes_of(*, organisation_id: int, language: str) -> dict[str, list[Theme]]:
    """{scope: the organisation's themes in alphabetical order of their names in the language}."""
    themes: dict[str, list[Theme]] = defaultdict(list)
    for theme in Theme.objects.filter(organisation_id=organisation_id):
        themes[theme.scope].append(theme)
    for listed in themes.values():
        listed.sort(key=lambda t: (t.name(language).casefold(), t.pk))
    return dict(themes)


def _respondent_rows(assessment: Assessment, seen: Visibility) -> list[CommentRow]:
    if not seen.visible:
        return []
    comments = (
        Comment.objects.filter(
            response__assessment=assessment, response__submitted_at__isnull=False, response__excluded_at__isnull=True
        )
        .exclude(text="")
        .values_list("id", "factor__code", "text", "response_id", "response__language")
    )
    return [
        CommentRow(
            ref=comment_ref(comment_id=pk),
            scope=code,
            text=text.strip(),
            language=language,
            comment_id=pk,
            teams=seen.teams_of_response.get(response_id, frozenset()),
        )
        for pk, code, text, response_id, language in comments
        if text.strip()
    ]


def _customer_rows(assessment: Assessment, seen: Visibility) -> list[CommentRow]:
    if not seen.customers_visible:
        return []
    answers = (
        CustomerResponse.objects.filter(link__customer_check__assessment=assessment, flag="")
        .exclude(open_answer="")
        .values_list("id", "open_answer", "language")
    )
    return [
        CommentRow(
            ref=comment_ref(customer_response_id=pk),
            scope=CUSTOMERS,
            text=text.strip(),
            language=language,
            customer_response_id=pk,
        )
        for pk, text, language in answers
        if text.strip()
    ]


def _annotate(assessment: Assessment, rows: list[CommentRow], themes: dict[str, list[Theme]]) -> None:
    """Themes, rejected suggestions and picks onto the rows; then the keyword suggestions."""
    by_id = {t.pk: t for ts in themes.values() for t in ts}
    comment_rows = {r.comment_id: r for r in rows if r.comment_id is not None}
    customer_rows = {r.customer_response_id: r for r in rows if r.customer_response_id is not None}
    rejected: defaultdict[str, set[int]] = defaultdict(set)
    tags = Tag.objects.filter(
        Q(comment__response__assessment=assessment) | Q(customer_response__link__customer_check__assessment=assessment),
        theme__organisation_id=assessment.organisation_id,
    ).values_list("theme_id", "comment_id", "customer_response_id", "accepted")
    for theme_id, comment_id, customer_id, accepted in tags:
        row = comment_rows.get(comment_id) if comment_id is not None else customer_rows.get(customer_id)
        if row is None or theme_id not in by_id:
            continue
        if accepted:
            row.themes.append(by_id[theme_id])
        else:
            rejected[row.ref].add(theme_id)
    for comment_id, customer_id in PickedQuote.objects.filter(assessment=assessment).values_list(
        "comment_id", "customer_response_id"
    ):
        row = comment_rows.get(comment_id) if comment_id is not None else customer_rows.get(customer_id)
        if row is not None:
            row.picked = True
    for row in rows:
        row.themes.sort(key=lambda t: t.name(row.language).casefold())
        tagged = {t.pk for t in row.themes} | rejected[row.ref]
        for theme in themes.get(row.scope, ()):
            if theme.pk in tagged:
                continue
            first = row.language if row.language in ("en", "nl") else "en"
            other = "nl" if first == "en" else "en"
            found = matching_keywords(row.text, [*theme.keywords(first), *theme.keywords(other)])
            if found:
                row.suggestions.append(Suggestion(theme=theme, keywords=tuple(found)))


def _counts(rows: Iterable[CommentRow], themes: dict[str, list[Theme]], seen: Visibility) -> dict[str, list[CountRow]]:
    team_keys = [t.key for t in seen.teams]
    by_scope: defaultdict[str, list[CommentRow]] = defaultdict(list)
    for row in rows:
        by_scope[row.scope].append(row)

    def count_row(theme: Theme | None, members: list[CommentRow], scope: str) -> CountRow:
        per_team = () if scope == CUSTOMERS else tuple(sum(1 for r in members if key in r.teams) for key in team_keys)
        return CountRow(theme=theme, total=len(members), per_team=per_team)

    counts: dict[str, list[CountRow]] = {}
    for scope in set(by_scope) | set(themes):
        members = by_scope.get(scope, [])
        counts[scope] = [count_row(None, members, scope)] + [
            count_row(theme, [r for r in members if theme in r.themes], scope) for theme in themes.get(scope, ())
        ]
    return counts


def comment_board(*, assessment: Assessment, language: str) -> Board:
    """Everything the comments page shows; the page filters `rows` with `Board.filtered`."""
    seen = visibility(assessment=assessment)
    themes = themes_of(organisation_id=assessment.organisation_id, language=language)
    rows = _respondent_rows(assessment, seen) + _customer_rows(assessment, seen)
    scopes = factor_scopes(assessment=assessment, language=language)
    order = {s.code: n for n, s in enumerate(scopes)}
    rows.sort(key=lambda r: (order.get(r.scope, len(order)), r.text.casefold(), r.ref))
    _annotate(assessment, rows, themes)
    per_scope: defaultdict[str, int] = defaultdict(int)
    for row in rows:
        per_scope[row.scope] += 1
    scopes = [Scope(code=s.code, name=s.name, comments=per_scope[s.code]) for s in scopes]
    if seen.customers:
        scopes.append(Scope(code=CUSTOMERS, name=gettext("Customers"), comments=per_scope[CUSTOMERS]))
    return Board(visibility=seen, scopes=scopes, themes=themes, rows=rows, counts=_counts(rows, themes, seen))


def theme_of(*, organisation_id: int, public_id: UUID | str) -> Theme | None:
    return Theme.objects.filter(organisation_id=organisation_id, public_id=public_id).first()
