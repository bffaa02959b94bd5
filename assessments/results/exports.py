"""Exports of an assessment's results: scores per factor and group, and anonymised raw answers.

Each exporter returns `(filename, content_type, content)`, where content is bytes or an iterator of
strings (CSV streams, so 10,000 respondents never become 10,000 objects in memory).

Anonymity rules:
- Scores come from `score_assessment`, so hidden groups are listed with their respondent count only.
- Raw answers carry no invitation, email, timestamp or language, and respondents are numbered after
  sorting by their random public id, so the order reveals nothing about when anyone answered.
  Each row is labelled with its deepest team whose scores are visible (else "Other") and its role when
  the role's scores are visible. Labels are then checked: every label combination must hold at least
  threshold_scores respondents, and no visible group may be left with a small unlabelled rest that
  could be read by subtraction. If that fails, roles are dropped; if it still fails, teams too.
"""

import csv
import io
from collections import defaultdict

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from assessments.questionnaire.models import DONT_KNOW, Answer, Response
from assessments.results.lenses import factor_layer_scores, lens_export_rows
from assessments.scoring import score_assessment
from models_9plus.models import Statement

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = ("scores", "answers")
FORMATS = ("csv", "xlsx")
DONT_KNOW_MARK = "dk"


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def _csv_stream(header, rows):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel opens UTF-8 correctly
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def _xlsx(sheets):
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _round(value, digits=2):
    return None if value is None else round(value, digits)


def _filename(assessment, kind, fmt):
    return f"{slugify(assessment.title) or 'assessment'}-{kind}.{fmt}"


# Scores ---------------------------------------------------------------------------------------------


def _score_rows(result, language):
    kinds = {
        "organisation": _("Organisation"),
        "team": _("Team"),
        "role": _("Role"),
        "team_role": _("Team × role"),
        "management": _("Management"),
        "staff": _("Staff"),
    }
    for group in result.groups():
        for stats in group.factors:
            level = result.level(stats.level_code)
            basis, nine_plus = factor_layer_scores(result, group.group.key, stats.factor_code)
            yield [
                kinds[group.group.kind],
                group.group.name(language),
                group.respondents,
                stats.factor_code,
                result.factor(stats.factor_code).name(language),
                _("hidden") if stats.suppressed else _("shown"),
                stats.n,
                _round(stats.mean),
                _round(stats.median),
                _round(stats.score, 1),
                level.name(language) if level else None,
                _round(stats.sd),
                _round(stats.consensus, 1),
                _round(stats.dont_know_rate, 3),
                _round(stats.ambition_mean),
                _round(stats.gap),
                _round(basis, 1),
                _round(nine_plus, 1),
            ]
        yield from lens_export_rows(result, group, kinds, language)


def _score_header():
    return [
        _("Group type"),
        _("Group"),
        _("Respondents"),
        _("Factor code"),
        _("Factor"),
        _("Status"),
        _("Counted respondents"),
        _("Mean"),
        _("Median"),
        _("Score (0-100)"),
        _("Level"),
        _("Standard deviation"),
        _("Consensus (0-100)"),
        _("Don't know rate"),
        _("Ambition mean"),
        _("Gap (ambition - current)"),
        _("Basics (7+) score"),
        _("9+ moments score"),
    ]


def export_scores(*, assessment, fmt, language):
    result = score_assessment(assessment=assessment)
    with translation.override(language):
        header, rows = _score_header(), list(_score_rows(result, language))
    if fmt == "csv":
        return _filename(assessment, "scores", "csv"), CSV_TYPE, _csv_stream(header, rows)
    return _filename(assessment, "scores", "xlsx"), XLSX_TYPE, _xlsx([("Scores", header, rows)])


# Raw answers ----------------------------------------------------------------------------------------


def answer_labels(*, result, cell_counts, teams, roles):  # noqa: C901 (folds groups exactly as the anonymity rules do, one rule per branch)
    """{(team id, role id): (team label or None, role label or None)} for cells whose rows may be exported.

    cell_counts: {(team id, role id): respondents}; teams/roles: {id: value dict} of the organisation.
    Cells missing from the returned dict are left out of the export.
    """
    threshold = result.thresholds.scores
    if result.organisation.suppressed:
        return {}
    visible = {g.group.key for g in result.groups() if not g.suppressed}
    team_by_public = {t["public_id"]: t for t in teams.values()}

    def chain(team_id):
        out, seen = [], set()
        while team_id in teams and team_id not in seen:
            seen.add(team_id)
            out.append(teams[team_id])
            team_id = teams[team_id]["parent_id"]
        return out

    def group_cells():
        """Cells of every visible group (recomputed from the result's group keys)."""
        members = defaultdict(set)
        for cell in cell_counts:
            team_id, role_id = cell
            members["organisation"].add(cell)
            team_chain = chain(team_id)
            role = roles.get(role_id)
            for team in team_chain:
                members[f"team:{team['public_id']}"].add(cell)
                if role is not None:
                    members[f"team_role:{team['public_id']}:{role['public_id']}"].add(cell)
            if role is not None:
                members[f"role:{role['public_id']}"].add(cell)
                members["management" if role["is_management"] else "staff"].add(cell)
        return {key: cells for key, cells in members.items() if key in visible}

    visible_cells = group_cells()

    def team_label(team_id):
        for team in chain(team_id):
            if f"team:{team['public_id']}" in visible:
                return team["public_id"]
        return None

    def role_label(role_id):
        role = roles.get(role_id)
        return role["public_id"] if role is not None and f"role:{role['public_id']}" in visible else None

    def safe(labels):
        atoms = defaultdict(set)
        for cell, label in labels.items():
            atoms[label].add(cell)
        size = {label: sum(cell_counts[c] for c in cells) for label, cells in atoms.items()}
        if any(n < threshold for n in size.values()):
            return False
        for cells in visible_cells.values():
            inside = sum(size[label] for label, atom in atoms.items() if atom <= cells)
            rest = sum(cell_counts[c] for c in cells) - inside
            if 0 < rest < threshold:
                return False
        return True

    candidates = [
        {cell: (team_label(cell[0]), role_label(cell[1])) for cell in cell_counts},
        {cell: (team_label(cell[0]), None) for cell in cell_counts},
        dict.fromkeys(cell_counts, (None, None)),
    ]
    for labels in candidates:
        if safe(labels):
            names = {t["public_id"]: t["name"] for t in team_by_public.values()}
            role_names = {r["public_id"]: r for r in roles.values()}
            return {cell: (names.get(team), role_names.get(role)) for cell, (team, role) in labels.items()}
    return {}


def _answer_rows(*, assessment, result, language, statements):
    """One row per exported respondent: number, team, role, then each statement's current (and ambition)."""
    cells = defaultdict(int)
    for team_id, role_id in Response.objects.filter(
        assessment=assessment, submitted_at__isnull=False, excluded_at__isnull=True
    ).values_list("team_id", "role_id"):
        cells[(team_id, role_id)] += 1
    organisation = assessment.organisation
    teams = {t["id"]: t for t in organisation.teams.values("id", "public_id", "name", "parent_id")}
    roles = {r["id"]: r for r in organisation.roles.values("id", "public_id", "name_en", "name_nl", "is_management")}
    labels = answer_labels(result=result, cell_counts=dict(cells), teams=teams, roles=roles)
    other = _("Other")
    position = {sid: i for i, sid in enumerate(s["id"] for s in statements)}
    ambition = assessment.ask_ambition
    width = len(statements) * (2 if ambition else 1)

    def value(v):
        if v is None:
            return None
        return DONT_KNOW_MARK if v == DONT_KNOW else v

    answers = (
        Answer.objects.filter(
            response__assessment=assessment, response__submitted_at__isnull=False, response__excluded_at__isnull=True
        )
        .order_by("response__public_id", "statement_id")
        .values_list("response_id", "response__team_id", "response__role_id", "statement_id", "current", "ambition")
        .iterator(chunk_size=2000)
    )
    number, current_id, row = 0, None, None
    for response_id, team_id, role_id, statement_id, current, amb in answers:
        if response_id != current_id:
            if row is not None:
                yield row
            current_id, row = response_id, None
            label = labels.get((team_id, role_id))
            if label is None:
                continue
            number += 1
            team_name, role = label
            role_name = (role[f"name_{language}"] or role["name_en"]) if role else other
            row = [number, team_name or other, role_name] + [None] * width
        if row is None or statement_id not in position:
            continue
        i = position[statement_id]
        if ambition:
            row[3 + 2 * i] = value(current)
            row[4 + 2 * i] = value(amb)
        else:
            row[3 + i] = value(current)
    if row is not None:
        yield row


def export_answers(*, assessment, fmt, language):
    result = score_assessment(assessment=assessment)
    statements = list(
        Statement.objects.filter(factor__version=assessment.model_version_id)
        .order_by("factor__order", "order")
        .values("id", "code")
    )
    with translation.override(language):
        header = [_("Respondent"), _("Team"), _("Role")]
        for s in statements:
            header.append(s["code"])
            if assessment.ask_ambition:
                header.append(f"{s['code']} ({_('ambition')})")
        rows = _answer_rows(assessment=assessment, result=result, language=language, statements=statements)
        if fmt == "csv":
            return _filename(assessment, "answers", "csv"), CSV_TYPE, _translated(_csv_stream(header, rows), language)
        legend = [
            [
                _("Values: 1 to %(max)s on the answer scale; dk = don't know; empty = not answered.")
                % {"max": result.scale.max}
            ],
            [_("Reverse-scored statements are exported as answered (not flipped).")],
            [_("Groups too small to show are merged into Other or left out.")],
        ]
        return (
            _filename(assessment, "answers", "xlsx"),
            XLSX_TYPE,
            _xlsx([(_("Answers"), header, rows), (_("About"), [_("About this export")], legend)]),
        )


def _translated(stream, language):
    """Keep the export's language while a streaming response is consumed outside the view."""
    while True:
        with translation.override(language):
            try:
                chunk = next(stream)
            except StopIteration:
                return
        yield chunk


EXPORTERS = {"scores": export_scores, "answers": export_answers}


def export(*, assessment, kind, fmt, language):
    """(filename, content type, bytes or iterator of str); ValueError for an unknown kind or format."""
    if kind not in EXPORTERS or fmt not in FORMATS:
        raise ValueError(f"unknown export {kind}.{fmt}")
    return EXPORTERS[kind](assessment=assessment, fmt=fmt, language=language)
