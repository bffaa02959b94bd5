"""Reads of the action plan: the list with its filters, the board, the status overview and one action."""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.actions.models import ActionEvent, PlanAction
from assessments.organisations.models import Membership, Organisation
from assessments.questionnaire.models import Assessment

Status = PlanAction.Status

# What the history calls each field (the stored name is a code).
HISTORY_LABELS = {
    "title": gettext_lazy("Title"),
    "factor_code": gettext_lazy("Factor"),
    "statement_codes": gettext_lazy("Statements"),
    "owner": gettext_lazy("Owner"),
    "owner_name": gettext_lazy("Owner"),
    "due_date": gettext_lazy("Due date"),
    "status": gettext_lazy("Status"),
    "success_measure": gettext_lazy("Success measure"),
    "notes": gettext_lazy("Notes"),
}


def _base(organisation: Organisation, owner: Membership | None = None) -> QuerySet[PlanAction]:
    actions = PlanAction.objects.filter(organisation=organisation)
    if owner is not None:
        actions = actions.filter(owner=owner)
    return actions.select_related("owner__user", "assessment")


@dataclass(frozen=True)
class PlanFilters:
    factor: str = ""
    owner: str = ""  # a membership's public id, or "none" for actions without a member as owner
    status: str = ""


def plan_actions(
    *, organisation: Organisation, filters: PlanFilters = PlanFilters(), owner: Membership | None = None
) -> list[PlanAction]:
    """The plan's actions; `owner`: only that member's (what a team leader sees of the plan)."""
    actions = _base(organisation, owner)
    if filters.factor:
        actions = actions.filter(factor_code=filters.factor)
    if filters.owner == "none":
        actions = actions.filter(owner__isnull=True)
    elif filters.owner:
        actions = actions.filter(owner__public_id=filters.owner)
    if filters.status in Status.values:
        actions = actions.filter(status=filters.status)
    return list(actions.annotate(status_order=_status_order()).order_by("status_order", "due_date", "created_at"))


def _status_order() -> Case:
    """Open work first, then what is done, then what was dropped."""
    return Case(
        When(status=Status.IN_PROGRESS, then=Value(0)),
        When(status=Status.PLANNED, then=Value(1)),
        When(status=Status.DONE, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


def is_overdue(action: PlanAction, *, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return action.is_open and action.due_date is not None and action.due_date < today


def next_steps(*, organisation: Organisation, today: datetime.date | None = None) -> list[PlanAction]:
    """The report's next-steps page: every action not dropped, open work first, each marked when overdue."""
    today = today or timezone.localdate()
    actions = [a for a in plan_actions(organisation=organisation) if a.status != Status.DROPPED]
    for action in actions:
        action.overdue = is_overdue(action, today=today)
    return actions


def board_columns(actions: list[PlanAction]) -> list[dict[str, Any]]:
    return [
        {"status": value, "label": label, "actions": [a for a in actions if a.status == value]}
        for value, label in Status.choices
    ]


class PlanStatus(TypedDict):
    total: int
    planned: int
    in_progress: int
    done: int
    dropped: int
    overdue: int
    done_percent: int


def plan_status(
    *, organisation: Organisation, today: datetime.date | None = None, owner: Membership | None = None
) -> PlanStatus:
    """Counts per status, overdue and done share: the plan's health at a glance (one query); `owner`: of
    that member's actions only."""
    today = today or timezone.localdate()
    rows = list(_base(organisation, owner).values_list("status", "due_date"))
    counts = Counter(status for status, _due in rows)
    overdue = sum(1 for status, due in rows if status in PlanAction.OPEN_STATUSES and due is not None and due < today)
    active = len(rows) - counts[Status.DROPPED]
    return {
        "total": len(rows),
        "planned": counts[Status.PLANNED],
        "in_progress": counts[Status.IN_PROGRESS],
        "done": counts[Status.DONE],
        "dropped": counts[Status.DROPPED],
        "overdue": overdue,
        "done_percent": round(100 * counts[Status.DONE] / active) if active else 0,
    }


def plan_progress_by_assessment(*, assessments: Sequence[Assessment]) -> dict[int, str]:
    """The consultant portfolio's "action plan" column: "3/7 done" per assessment's organisation (one query)."""
    rows = (
        PlanAction.objects.filter(organisation_id__in={a.organisation_id for a in assessments})
        .exclude(status=Status.DROPPED)
        .values_list("organisation_id", "status")
    )
    totals: Counter[int] = Counter()
    done: Counter[int] = Counter()
    for organisation_id, status in rows:
        totals[organisation_id] += 1
        done[organisation_id] += status == Status.DONE
    return {
        a.pk: _("%(done)s/%(total)s done") % {"done": done[a.organisation_id], "total": totals[a.organisation_id]}
        for a in assessments
        if totals[a.organisation_id]
    }


def filter_choices(*, organisation: Organisation, owner: Membership | None = None) -> dict[str, Any]:
    """The factors and owners that occur in the plan (for the filter menus); `owner`: in that member's actions."""
    factors: dict[str, tuple[str, str]] = {}
    for code, name_en, name_nl in _base(organisation, owner).values_list(
        "factor_code", "factor_name_en", "factor_name_nl"
    ):
        factors.setdefault(code, (name_en, name_nl))
    if owner is not None:
        return {"factors": factors, "owners": []}
    owners = Membership.objects.filter(organisation=organisation, plan_actions__isnull=False).select_related("user")
    return {"factors": factors, "owners": list(owners.distinct().order_by("user__email"))}


def action_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__email")


def action_history(*, action: PlanAction) -> list[ActionEvent]:
    """The history, newest first; a due date (stored as 2026-11-26) reads as a date in the reader's language."""
    events = list(action.events.select_related("actor"))
    statuses = dict(Status.choices)
    for event in events:
        event.field_label = str(HISTORY_LABELS.get(event.field, event.field))
        if event.field == "due_date":
            event.old_value, event.new_value = _as_date(event.old_value), _as_date(event.new_value)
        elif event.field == "status":
            event.old_value = str(statuses.get(event.old_value, event.old_value))
            event.new_value = str(statuses.get(event.new_value, event.new_value))
    return events


def _as_date(value: str) -> str:
    try:
        return date_format(datetime.date.fromisoformat(value), _("j M Y"))
    except ValueError:
        return value


def headline_actions(*, organisation: Organisation, limit: int = 5) -> list[PlanAction]:
    """What the plan is about, for the respondent summary and the landing: open work first, no owners."""
    actions = PlanAction.objects.filter(organisation=organisation).exclude(status=Status.DROPPED)
    return list(
        actions.annotate(status_order=_status_order()).order_by("status_order", "due_date", "created_at")[:limit]
    )
