"""Personal invitations (paste or CSV, all-or-nothing), their emails, reminders and open team links.

Tokens: only the SHA-256 of a personal token is stored (purpose "invitation"). The raw token is
minted by the sending service in the worker, right before its email goes out, so it never sits in
the database nor in the Celery broker (the task only gets invitation ids). Until then an invitation
holds the hash of a throw-away token that nobody ever saw. The cost of this choice: a link can only
be shown once, in its email; a reminder therefore has to mint a new link for people who have not
started (their old link stops working). People who already started keep their link, because it is
also the key to their saved answers; their reminder asks them to continue with it.

Open team links are different: they are meant to be shared openly (an intranet page, a team chat),
are not personal secrets, and the manager needs to copy them again later. TeamLink.token therefore
stores the raw random token; deactivating the link is how it is revoked.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.core.tokens import hash_token, new_token
from assessments.organisations.services import activity
from assessments.questionnaire.data_version import bump_data_version
from assessments.questionnaire.models import Assessment, Invitation, TeamLink

MAX_CSV_BYTES = 1024 * 1024
MAX_ROWS = 5000
# A second click on "send reminders" within this time sends nothing new.
REMINDER_COOLDOWN = datetime.timedelta(minutes=10)
SENDABLE = (Assessment.Status.DRAFT, Assessment.Status.OPEN)

_HEADER_ALIASES = {
    "email": "email",
    "e-mail": "email",
    "e-mailadres": "email",
    "emailadres": "email",
    "email address": "email",
    "team": "team",
    "role": "role",
    "rol": "role",
}


class InvitationError(Exception):
    """Invitations cannot be changed now (for example: the assessment is closed)."""


@dataclass
class RowError:
    line: int
    value: str
    reason: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def invitation_url(token):
    return f"{settings.SITE_URL}/r/{token}/"


def team_link_url(token):
    return f"{settings.SITE_URL}/t/{token}/"


def _placeholder_hash():
    # A hash of a token nobody ever sees: the row needs a unique value until the real link is minted.
    return hash_token(new_token(), purpose="invitation")


def issue_token(*, invitation):
    """Gives the invitation a new personal token (the old link stops working); returns the raw token.

    The caller saves the invitation and hands the token to the person, and keeps it nowhere else.
    """
    token = new_token()
    invitation.token_hash = hash_token(token, purpose="invitation")
    return token


# Parsing ---------------------------------------------------------------------------------------


class _Matcher:
    """Matches team and role names of one assessment, case-insensitively."""

    def __init__(self, assessment):
        self.teams = {team.name.strip().casefold(): team for team in assessment.teams.all()}
        self.roles = {}
        for role in assessment.roles.all():
            self.roles.setdefault(role.name_en.strip().casefold(), role)
            self.roles.setdefault(role.name_nl.strip().casefold(), role)
        self.invited = {
            email.casefold()
            for email in Invitation.objects.filter(assessment=assessment)
            .exclude(email="")
            .values_list("email", flat=True)
        }

    def team(self, name):
        return self.teams.get(name.strip().casefold())

    def role(self, name):
        return self.roles.get(name.strip().casefold())


def _check_rows(*, raw_rows, matcher):
    """raw_rows: (line, email, team or Team, role or Role or None). Returns (rows, errors)."""
    rows, errors, seen = [], [], {}
    for line, email, team, role in raw_rows:
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
            errors.append(RowError(line, email, _("Duplicate of line %(line)s.") % {"line": seen[key]}))
            continue
        seen[key] = line
        if key in matcher.invited:
            errors.append(RowError(line, email, _("Already invited to this assessment.")))
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
        rows.append((email.lower(), team, role))
    if len(rows) + len(errors) > MAX_ROWS:
        errors.insert(0, RowError(0, "", _("Import at most %(n)s addresses at a time.") % {"n": MAX_ROWS}))
    return rows, errors


def _split_pasted(text):
    for line_number, line in enumerate((text or "").splitlines(), start=1):
        # Address lists copied from a mail client use commas or semicolons.
        for part in line.replace(";", ",").split(","):
            if part.strip():
                yield line_number, part.strip()


def parse_pasted(*, assessment, text, team, role=None):
    matcher = _Matcher(assessment)
    if team is not None and team.pk not in {t.pk for t in matcher.teams.values()}:
        return [], [RowError(0, "", _("Choose a team of this assessment."))]
    raw = [(line, email, team, role) for line, email in _split_pasted(text)]
    if not raw:
        return [], [RowError(0, "", _("Paste at least one email address."))]
    return _check_rows(raw_rows=raw, matcher=matcher)


def _decode_csv(upload):
    if upload.size > MAX_CSV_BYTES:
        return None, _("The file is larger than 1 MB. Split it into smaller files.")
    data = upload.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        return None, _("The file is larger than 1 MB. Split it into smaller files.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")


def parse_csv(*, assessment, upload):
    """Reads a CSV with a header row: email, team and optionally role (comma or semicolon separated)."""
    text, problem = _decode_csv(upload)
    if problem:
        return [], [RowError(0, "", problem)]
    if not text.strip():
        return [], [RowError(0, "", _("The file is empty."))]
    try:
        first_line = text.splitlines()[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header = next(reader)
        columns = {}
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
        raw = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue

            def cell(name, row=row):
                index = columns.get(name)
                return row[index] if index is not None and index < len(row) else ""

            raw.append((reader.line_num, cell("email"), cell("team"), cell("role")))
            if len(raw) > MAX_ROWS:
                break
    except csv.Error as exc:
        return [], [RowError(reader.line_num, "", _("The file is not valid CSV (%(error)s).") % {"error": exc})]
    if not raw:
        return [], [RowError(0, "", _("The file has no addresses below its header row."))]
    return _check_rows(raw_rows=raw, matcher=_Matcher(assessment))


# Importing -------------------------------------------------------------------------------------


def _lock_sendable(assessment):
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status not in SENDABLE:
        raise InvitationError(_("Invitations can only be sent while the assessment is a draft or open."))
    return assessment


@transaction.atomic
def import_invitations(*, assessment, actor, rows, errors=()):
    """Creates one invitation per row, or none at all when any row is bad.

    `rows`/`errors` come from parse_pasted/parse_csv. Emails go out after commit (at once when the
    assessment is open; when it opens otherwise).
    """
    if errors:
        return ImportResult(errors=list(errors))
    assessment = _lock_sendable(assessment)
    # Someone may have invited the same people since parsing: check again under the lock.
    already = {
        e.casefold()
        for e in Invitation.objects.filter(assessment=assessment, email__in=[r[0] for r in rows]).values_list(
            "email", flat=True
        )
    }
    if already:
        return ImportResult(
            errors=[RowError(0, email, _("Already invited to this assessment.")) for email in sorted(already)]
        )
    created = Invitation.objects.bulk_create(
        [
            Invitation(assessment=assessment, email=email, team=team, role=role, token_hash=_placeholder_hash())
            for email, team, role in rows
        ]
    )
    bump_data_version(assessment_ids=[assessment.pk])  # the response rate counts invitations
    activity.record(
        organisation=assessment.organisation,
        actor=actor,
        verb="invited",
        obj=assessment,
        detail=_("%(n)s people") % {"n": len(created)},
    )
    if assessment.status == Assessment.Status.OPEN:
        schedule_unsent(assessment=assessment)
    return ImportResult(created=len(created))


def schedule_unsent(*, assessment):
    """After commit, email every invitation of this assessment that has not been sent yet."""
    from assessments.questionnaire import tasks

    ids = list(
        Invitation.objects.filter(assessment=assessment, sent_at__isnull=True)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    if ids:
        # robust: a broker outage must not turn a saved import into an error page. Unsent invitations
        # stay visible on the invitations page, with a button that schedules them again.
        transaction.on_commit(lambda: tasks.send_invitation_emails.delay(ids), robust=True)
    return len(ids)


@transaction.atomic
def send_unsent(*, assessment):
    """The manager's "send now": schedules every invitation that has not gone out yet."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Assessment.Status.OPEN:
        raise InvitationError(_("Invitations are emailed once the assessment is open."))
    return schedule_unsent(assessment=assessment)


# Sending ---------------------------------------------------------------------------------------


def _render_email(*, invitation, url, kind):
    """Subject and body in every language the assessment offers, its first language first."""
    assessment = invitation.assessment
    languages = assessment.languages or [assessment.organisation.default_language]
    subjects, bodies = [], []
    for language in languages:
        with translation.override(language):
            context = {
                "assessment": assessment,
                "organisation": assessment.organisation,
                "model_name": assessment.model_version.t("name", language),
                "url": url,
                "kind": kind,
                "closes_at": assessment.closes_at,
            }
            subjects.append(render_to_string("manage/email/invitation_subject.txt", context).strip())
            bodies.append(render_to_string("manage/email/invitation.txt", context).strip())
    return subjects[0], "\n\n---------------------------------------------\n\n".join(bodies) + "\n"


def _send(*, invitation, url, kind, connection):
    subject, body = _render_email(invitation=invitation, url=url, kind=kind)
    mail.EmailMessage(subject, body, to=[invitation.email], connection=connection).send()


def _invitations_to_send(ids):
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("assessment__organisation", "assessment__model_version")
        .filter(pk__in=ids)
        .exclude(email="")
    )


def send_invitations(*, invitation_ids, now=None):
    """Mints each unsent invitation's link and emails it. Safe to run twice: sent ones are skipped.

    Each invitation commits on its own, with the email sent inside its transaction: a failing mail
    server rolls the new token back, so a retry sends again instead of leaving a dead link.
    """
    sent = 0
    with mail.get_connection() as connection:
        for invitation_id in invitation_ids:
            with transaction.atomic():
                invitation = _invitations_to_send([invitation_id]).filter(sent_at__isnull=True).first()
                if invitation is None or invitation.assessment.status != Assessment.Status.OPEN:
                    continue
                token = issue_token(invitation=invitation)
                invitation.sent_at = now or timezone.now()
                invitation.save(update_fields=["token_hash", "sent_at"])
                _send(invitation=invitation, url=invitation_url(token), kind="invitation", connection=connection)
                sent += 1
    return sent


@transaction.atomic
def schedule_reminders(*, assessment, actor, now=None):
    """After commit, remind everyone invited who has not completed. Returns how many will be reminded."""
    from assessments.questionnaire import tasks

    now = now or timezone.now()
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Assessment.Status.OPEN:
        raise InvitationError(_("Reminders can only be sent while the assessment is open."))
    ids = list(_remindable(assessment=assessment, now=now).values_list("pk", flat=True))
    if ids:
        activity.record(
            organisation=assessment.organisation,
            actor=actor,
            verb="reminded",
            obj=assessment,
            detail=_("%(n)s people") % {"n": len(ids)},
        )
        transaction.on_commit(lambda: tasks.send_reminder_emails.delay(ids), robust=True)
    return len(ids)


def _remindable(*, assessment, now):
    recent = now - REMINDER_COOLDOWN
    return (
        Invitation.objects.filter(assessment=assessment, completed_on__isnull=True, sent_at__isnull=False)
        .exclude(email="")
        .exclude(reminded_at__gt=recent)
        .exclude(sent_at__gt=recent)
    )


def send_reminders(*, invitation_ids, now=None):
    """Reminds each invitation that is still not completed; skips ones reminded moments ago."""
    now = now or timezone.now()
    sent = 0
    with mail.get_connection() as connection:
        for invitation_id in invitation_ids:
            with transaction.atomic():
                invitation = (
                    _invitations_to_send([invitation_id])
                    .filter(completed_on__isnull=True)
                    .exclude(reminded_at__gt=now - REMINDER_COOLDOWN)
                    .first()
                )
                if invitation is None or invitation.assessment.status != Assessment.Status.OPEN:
                    continue
                if invitation.started:
                    # Their link is also the key to the answers they saved: keep it, don't replace it.
                    url, kind, fields = None, "continue", ["reminded_at"]
                else:
                    url, kind, fields = (
                        invitation_url(issue_token(invitation=invitation)),
                        "reminder",
                        [
                            "token_hash",
                            "reminded_at",
                        ],
                    )
                invitation.reminded_at = now
                invitation.save(update_fields=fields)
                _send(invitation=invitation, url=url, kind=kind, connection=connection)
                sent += 1
    return sent


# Open team links -------------------------------------------------------------------------------


@transaction.atomic
def create_team_link(*, assessment, team, actor):
    """Activates the team's open link with a fresh token (an earlier, deactivated URL stays dead)."""
    assessment = _lock_sendable(assessment)
    if not assessment.teams.filter(pk=team.pk).exists():
        raise InvitationError(_("Choose a team of this assessment."))
    link, created = TeamLink.objects.get_or_create(
        assessment=assessment, team=team, defaults={"token": new_token(), "active": True}
    )
    if not created and not link.active:
        link.token = new_token()
        link.active = True
        link.save(update_fields=["token", "active"])
    activity.record(
        organisation=assessment.organisation, actor=actor, verb="created", obj=f"{assessment} · {team} (open link)"
    )
    return link


@transaction.atomic
def deactivate_team_link(*, assessment, team, actor):
    changed = TeamLink.objects.filter(assessment=assessment, team=team, active=True).update(active=False)
    if changed:
        activity.record(
            organisation=assessment.organisation,
            actor=actor,
            verb="deactivated",
            obj=f"{assessment} · {team} (open link)",
        )
    return bool(changed)
