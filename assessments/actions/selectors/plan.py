"""Reads of the action plan: the list with its filters, the board, the status overview and one action."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.actions.models import ActionEvent, PlanAction
from assessments.organisations.models import Membership, Organisation

Status = PlanAction.Status


def _base(organisation: Organisation) -> QuerySet[PlanAction]:
    return PlanAction.objects.filter(organisation=organisation).select_related("owner__user", "assessment")


@dataclass(frozen=True)
class PlanFilters:
    factor: str = ""
    owner: str = ""  # a membership's public id, or "none" for actions without a member as owner
    status: str = ""


def plan_actions(*, organisation: Organisation, filters: PlanFilters = PlanFilters()) -> list[PlanAction]:
    actions = _base(organisation)
    if filters.factor:
        actions = actions.filter(factor_code=filters.factor)
    if filters.owner == "none":
        actions = actions.filter(owner__isnull=True)
    elif filters.owner:
        actions = actions.filter(owner__public_id=filters.owner)
    if filters.status in Status.values:
        actions = actions.filter(status=filters.status)
    return list(actions.annotate(status_order=_status_order()).order_by("status_order", "due_date", "created_at"))


def _status_order():
    """Open work first, then what is done, then what was dropped."""
    return Case(
        When(status=Status.IN_PROGRESS, then=Value(0)),
        When(status=Status.PLANNED, then=Value(1)),
        When(status=Status.DONE, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


def is_overdue(action: PlanAction, *, today=None) -> bool:
    today = today or timezone.localdate()
    return action.is_open and action.due_date is not None and action.due_date < today


def board_columns(actions: list[PlanAction]) -> list[dict]:
    return [
        {"status": value, "label": label, "actions": [a for a in actions if a.status == value]}
        for value, label in Status.choices
    ]


def plan_status(*, organisation: Organisation, today=None) -> dict:
    """Counts per status, overdue and done share: the plan's health at a glance (one query)."""
    today = today or timezone.localdate()
    rows = list(PlanAction.objects.filter(organisation=organisation).values_list("status", "due_date"))
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


def plan_progress_by_assessment(*, assessments: list) -> dict[int, str]:
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


def filter_choices(*, organisation: Organisation) -> dict:
    """The factors and owners that occur in the plan (for the filter menus)."""
    factors: dict[str, tuple[str, str]] = {}
    for code, name_en, name_nl in PlanAction.objects.filter(organisation=organisation).values_list(
        "factor_code", "factor_name_en", "factor_name_nl"
    ):
        factors.setdefault(code, (name_en, name_nl))
    owners = Membership.objects.filter(organisation=organisation, plan_actions__isnull=False).select_related("user")
    return {"factors": factors, "owners": list(owners.distinct().order_by("user__email"))}


def action_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__email")


def action_history(*, action: PlanAction) -> list[ActionEvent]:
    return list(action.events.select_related("actor"))


def headline_actions(*, organisation: Organisation, limit: int = 5) -> list[PlanAction]:
    """What the plan is about, for the respondent summary and the landing: open work first, no owners."""
    actions = PlanAction.objects.filter(organisation=organisation).exclude(status=Status.DROPPED)
    return list(
        actions.annotate(status_order=_status_order()).order_by("status_order", "due_date", "created_at")[:limit]
    )
