"""Optional portfolio columns that other domains fill in (the basics/9+ split, the action-plan status).

A domain registers a provider when the app is ready (`AssessmentsConfig.ready`):

    hooks.register_column("action_plan", provider)

where `provider(*, assessments: list[Assessment]) -> dict[assessment id, str]` reads all rows in a fixed
number of queries. Without a provider, or for an assessment it has nothing for, the column shows "—".
"""

from collections.abc import Callable, Sequence

from django.utils.translation import gettext_lazy as _

from assessments.questionnaire.models import Assessment

COLUMNS = {"basics_split": _("Basics / 9+"), "action_plan": _("Action plan")}
EMPTY = "—"

Provider = Callable[..., dict[int, str]]
_providers: dict[str, Provider] = {}


def register_column(name: str, provider: Provider) -> Provider:
    if name not in COLUMNS:
        raise ValueError(f"Unknown portfolio column {name!r}; known: {sorted(COLUMNS)}")
    _providers[name] = provider
    return provider


def column_values(*, assessments: Sequence[Assessment]) -> dict[str, dict[int, str]]:
    """{column: {assessment id: text}} for the optional columns; absent means "—"."""
    if not assessments:
        return {name: {} for name in COLUMNS}
    return {name: (_providers[name](assessments=assessments) if name in _providers else {}) for name in COLUMNS}
