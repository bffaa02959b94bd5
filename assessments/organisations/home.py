"""Sections that domains above this one add to the organisation's home page, without being imported here.

A provider is `provider(*, organisation, membership, language) -> {"template": ..., **context} | None`;
`AssessmentsConfig.ready` registers them. The home page shows the sections first, the counts below.
"""

from collections.abc import Callable
from typing import Any

from assessments.organisations.models import Membership, Organisation

HomeSection = Callable[..., dict[str, Any] | None]
_providers: list[HomeSection] = []


def register(provider: HomeSection) -> HomeSection:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def home_sections(*, organisation: Organisation, membership: Membership, language: str) -> list[dict[str, Any]]:
    sections = []
    for provider in _providers:
        section = provider(organisation=organisation, membership=membership, language=language)
        if section:
            sections.append(section)
    return sections
