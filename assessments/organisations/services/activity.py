"""The activity log: who did what to which object of an organisation, and when.

Other areas call `record` for their own events, for example::

    from assessments.organisations.services import activity
    activity.record(organisation=assessment.organisation, actor=request.user, verb="opened", obj=assessment)

`verb` is a short code (see VERBS for the ones the log page knows how to phrase;
unknown codes are shown as they are). `obj` is a model instance or a plain string;
only its type and its text are kept, so the log survives the object's deletion.
Call it inside the same transaction as the change it records.
"""

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from assessments.core.http import AnyUser
from assessments.organisations.models import ActivityLog, Organisation

VERBS = {
    "created": _("created"),
    "updated": _("updated"),
    "deleted": _("deleted"),
    "invited": _("invited"),
    "joined": _("joined"),
    "role_changed": _("changed the role of"),
    "removed": _("removed"),
    "revoked": _("revoked the invitation of"),
    "opened": _("opened"),
    "closed": _("closed"),
    "reopened": _("reopened"),
    "exported": _("exported"),
    "report_downloaded": _("downloaded the report of"),
    "deck_downloaded": _("downloaded the slide deck of"),
    "reminded": _("sent reminders for"),
    "deactivated": _("deactivated"),
    "erased": _("erased"),
    "excluded_response": _("excluded a response from the scores of"),
    "restored_response": _("restored a response to the scores of"),
    "invitation_withdrawn": _("withdrew an invitation to"),
    "invitation_corrected": _("corrected an invitation address in"),
    "benchmark_joined": _("joined the anonymous benchmark with"),
    "benchmark_left": _("left the anonymous benchmark with"),
    "token_created": _("created an API token for"),
    "token_revoked": _("revoked an API token for"),
    "board_link_created": _("made a read-only board link to"),
    "board_link_withdrawn": _("withdrew a read-only board link to"),
}


def _describe(obj: Model | str) -> tuple[str, str]:
    if isinstance(obj, str):
        return "", obj
    meta = getattr(obj, "_meta", None)
    object_type = meta.model_name if meta is not None else type(obj).__name__.lower()
    return object_type, str(obj)


def record(
    *, organisation: Organisation, actor: AnyUser | None, verb: str, obj: Model | str, detail: str = ""
) -> ActivityLog:
    """Add one line to the organisation's log. `actor` may be None or anonymous (shown as "someone")."""
    object_type, text = _describe(obj)
    if detail:
        text = f"{text} ({detail})"
    return ActivityLog.objects.create(
        organisation=organisation,
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb[:50],
        object_type=object_type[:50],
        object_repr=text[:300],
    )
