"""Reading pasted addresses and CSV uploads into checked rows (nothing is written here)."""

import csv
import io
import re
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from assessments.organisations.models import Role, Team
from assessments.questionnaire.models import Assessment, Invitation
from assessments.questionnaire.services.invitations.common import (
    _HEADER_ALIASES,
    MAX_CSV_BYTES,
    MAX_ROWS,
    InviteRow,
    RowError,
)

# A row as read, before checking: (line, email, team name or Team, role name or Role or None, name).
RawRow = tuple[int, str, str | Team, str | Role | None, str]
Checked = tuple[list[InviteRow], list[RowError]]
# Told how many rows have been checked so far (a large import's progress).
Progress = Callable[[int], None]
PROGRESS_EVERY = 5000


class _Matcher:
    """Matches team and role names of one assessment, case-insensitively."""

    def __init__(self, assessment: Assessment) -> None:
        self.teams = {team.name.strip().casefold(): team for team in assessment.teams.all()}
        self.roles: dict[str, Role] = {}
        for role in assessment.roles.all():
            self.roles.setdefault(role.name_en.strip().casefold(), role)
            self.roles.setdefault(role.name_nl.strip().casefold(), role)
        self.invited = {
            email.casefold()
            for email in Invitation.objects.filter(assessment=assessment)
            .exclude(email="")
            .values_list("email", flat=True)
        }

    def team(self, name: str) -> Team | None:
        return self.teams.get(name.strip().casefold())

    def role(self, name: str) -> Role | None:
        return self.roles.get(name.strip().casefold())


def _check_rows(
    *, raw_rows: Iterable[RawRow], matcher: _Matcher, max_rows: int = MAX_ROWS, progress: Progress | None = None
) -> Checked:
    """raw_rows: (line, email, team or Team, role or Role or None). Returns (rows, errors)."""
    rows: list[InviteRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    team: str | Team | None  # a name until matched
    for count, (line, email, team, role, person) in enumerate(raw_rows, start=1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
        email = (email or "").strip()
        if not email:
            errors.append(RowError(line, "", _("The email address is missing.")))
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append(RowError(line, email, _("This is not a valid email address.")))
            continue
        key = email.casefold()
        if key in seen:
            errors.append(RowError(line, email, _("Duplicate of line %(line)s.") % {"line": seen[key]}, skipped=True))
            continue
        seen[key] = line
        if key in matcher.invited:
            errors.append(RowError(line, email, _("Already invited to this assessment."), skipped=True))
            continue
        if isinstance(team, str):
            name = team.strip()
            team = matcher.team(name) if name else None
            if team is None:
                reason = (
                    _("The team is missing.")
                    if not name
                    else _("Unknown team “%(team)s”: use the name of a team in this assessment.") % {"team": name}
                )
                errors.append(RowError(line, email, reason))
                continue
        if isinstance(role, str):
            name = role.strip()
            role = matcher.role(name) if name else None
            if name and role is None:
                errors.append(
                    RowError(
                        line,
                        email,
                        _("Unknown role “%(role)s”: use a role this assessment asks, or leave it empty.")
                        % {"role": name},
                    )
                )
                continue
        rows.append(InviteRow(email.lower(), team, role, " ".join(person.split())[:200]))
    if len(rows) + len(errors) > max_rows:
        errors.insert(0, RowError(0, "", _("Import at most %(n)s addresses at a time.") % {"n": max_rows}))
    return rows, errors


def check_rows(*, assessment: Assessment, rows: Iterable[tuple[str, Team, Role | None]]) -> Checked:
    """Structured rows (the API): (email, Team, Role or None) already resolved to this assessment's teams and
    roles, checked like a pasted list (valid, not duplicated, not invited yet, at most MAX_ROWS)."""
    raw: list[RawRow] = [(line, email, team, role, "") for line, (email, team, role) in enumerate(rows, start=1)]
    return _check_rows(raw_rows=raw, matcher=_Matcher(assessment))


# "Anna Jansen <anna@example.org>" or '"Jansen, Anna" <anna@example.org>' (Outlook): keep the address.
_NAMED_ADDRESS = re.compile(r'(?:"[^"]*"|[^<>,;\t"]*)\s*<([^<>\s]*)>')
_SEPARATORS = re.compile(r"[,;\t]")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in _SEPARATORS.split(_NAMED_ADDRESS.sub(r"\1", line)) if cell.strip()]


def _names(line: str) -> dict[str, str]:
    """The names written before addresses in "Name <email>" form, by address."""
    found = {}
    for match in _NAMED_ADDRESS.finditer(line):
        name = match.group(0)[: match.group(0).rindex("<")].strip().strip('"').strip()
        if name:
            found[match.group(1).strip().casefold()] = name
    return found


def _read_line(line_number: int, line: str, *, matcher: _Matcher, team: Team | None, role: Role | None) -> list[RawRow]:
    """One pasted line -> raw rows. A line may hold several addresses, or one address with team/role cells."""
    cells = _cells(line)
    names = _names(line)
    if all(cell.casefold() in _HEADER_ALIASES for cell in cells):
        return []  # a header row copied along from a spreadsheet
    emails = [(i, c) for i, c in enumerate(cells) if "@" in c]
    line_team: Team | None = None
    line_role: Role | None = None
    others: list[tuple[int, str]] = []
    for i, cell in enumerate(cells):
        if "@" in cell:
            continue
        if matcher.team(cell) is not None and line_team is None:
            line_team = matcher.team(cell)
        elif matcher.role(cell) is not None and line_role is None:
            line_role = matcher.role(cell)
        else:
            others.append((i, cell))
    if len(emails) == 1:
        # A name before the address is the person's name; a cell after it is a team column with a name we
        # do not know.
        address = emails[0][1]
        before = " ".join(cell for i, cell in others if i < emails[0][0])
        person = names.get(address.casefold(), before)
        for i, cell in others:
            if i > emails[0][0]:
                return [(line_number, address, cell, line_role or role, person)]
        return [(line_number, address, line_team or team or "", line_role or role, person)]
    raw: list[RawRow] = [
        (line_number, cell, line_team or team or "", line_role or role, names.get(cell.casefold(), ""))
        for _i, cell in emails
    ]
    # Words that are not an address, team or role: most likely an address with a typo.
    return raw + [(line_number, cell, line_team or team or "", role, "") for _i, cell in others]


def parse_pasted(*, assessment: Assessment, text: str, team: Team | None, role: Role | None = None) -> Checked:
    """Addresses one per line or separated by commas, semicolons or tabs; "Name <email>" works too.

    A line may carry a team (and role) column, as in "anna@example.org;Sales" or a paste from Excel;
    it wins over the team chosen in the form, which is only needed for lines without one.
    """
    matcher = _Matcher(assessment)
    if team is not None and team.pk not in {t.pk for t in matcher.teams.values()}:
        return [], [RowError(0, "", _("Choose a team of this assessment."))]
    raw: list[RawRow] = []
    for line_number, line in enumerate((text or "").splitlines(), start=1):
        raw.extend(_read_line(line_number, line, matcher=matcher, team=team, role=role))
    if not raw:
        return [], [RowError(0, "", _("Paste at least one email address."))]
    return _check_rows(raw_rows=raw, matcher=matcher)


def _decode_csv(upload: "UploadedFile[bytes]") -> tuple[str | None, str | None]:
    assert upload.size is not None  # an uploaded file always has its size
    if upload.size > MAX_CSV_BYTES:
        return None, _("The file is larger than 1 MB. Split it into smaller files.")
    data = upload.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        return None, _("The file is larger than 1 MB. Split it into smaller files.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")


def parse_csv(*, assessment: Assessment, upload: "UploadedFile[bytes]") -> Checked:
    """Reads a CSV with a header row: email, team and optionally role (comma or semicolon separated)."""
    text, problem = _decode_csv(upload)
    if problem:
        return [], [RowError(0, "", problem)]
    assert text is not None  # _decode_csv gives the text or a problem
    return parse_csv_text(assessment=assessment, text=text)


def parse_csv_text(
    *, assessment: Assessment, text: str, max_rows: int = MAX_ROWS, progress: Progress | None = None
) -> Checked:
    """The decoded CSV (see parse_csv) into checked rows; `progress` hears how many rows were checked."""
    if not text.strip():
        return [], [RowError(0, "", _("The file is empty."))]
    try:
        first_line = text.splitlines()[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header = next(reader)
        columns: dict[str, int] = {}
        for index, name in enumerate(header):
            key = _HEADER_ALIASES.get(name.strip().casefold())
            if key and key not in columns:
                columns[key] = index
        missing = [name for name in ("email", "team") if name not in columns]
        if missing:
            return [], [
                RowError(
                    1,
                    ", ".join(header)[:200],
                    _("Missing column(s): %(columns)s. The first row must name the columns email, team and role.")
                    % {"columns": ", ".join(missing)},
                )
            ]
        raw: list[RawRow] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue

            def cell(name: str, row: list[str] = row) -> str:
                index = columns.get(name)
                return row[index] if index is not None and index < len(row) else ""

            raw.append((reader.line_num, cell("email"), cell("team"), cell("role"), cell("name")))
            if len(raw) > max_rows:
                break
    except csv.Error as exc:
        return [], [RowError(reader.line_num, "", _("The file is not valid CSV (%(error)s).") % {"error": exc})]
    if not raw:
        return [], [RowError(0, "", _("The file has no addresses below its header row."))]
    return _check_rows(raw_rows=raw, matcher=_Matcher(assessment), max_rows=max_rows, progress=progress)
