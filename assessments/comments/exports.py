"""The comments export: every comment a manager may read, with its themes and whether it is in the report.

No respondent's identity, team, role, language or time goes out: only the factor, the text and what the
manager added. Rows are in the page's order (per factor, alphabetical). A second sheet (Excel) holds the
counts per theme with the teams the anonymity rules allow.
"""

from typing import Any

from django.utils.translation import gettext as _

from assessments.comments.selectors.board import Board

Table = tuple[list[Any], list[list[Any]]]


def comments_table(board: Board, *, language: str) -> Table:
    names = {s.code: s.name for s in board.scopes}
    header: list[Any] = [_("Factor"), _("Comment"), _("Themes"), _("In report")]
    rows = [
        [
            names.get(row.scope, row.scope),
            row.text,
            "; ".join(t.name(language) for t in row.themes),
            _("yes") if row.picked else "",
        ]
        for row in board.rows
    ]
    return header, rows


def counts_table(board: Board, *, language: str) -> Table:
    header: list[Any] = [_("Factor"), _("Theme"), _("All comments")] + [t.name for t in board.visibility.teams]
    rows: list[list[Any]] = []
    for scope in board.scopes:
        for count in board.counts.get(scope.code, ()):
            theme = count.theme.name(language) if count.theme is not None else _("All comments")
            rows.append([scope.name, theme, count.total, *count.per_team])
    return header, rows
