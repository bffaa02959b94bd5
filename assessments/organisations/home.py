"""Sections that domains above this one add to the organisation's home page, without being imported here.

A provider is `provider(*, organisation, membership, language) -> {"template": ..., **context} | None`;
`AssessmentsConfig.ready` registers them. The home page shows the sections first, the counts below.
"""

from collections.abc import Callable

HomeSection = Callable[..., dict | None]
_providers: list[HomeSection] = []


def register(provider: HomeSection) -> HomeSection:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def home_sections(*, organisation, membership, language) -> list[dict]:
    sections = []
    for provider in _providers:
        section = provider(organisation=organisation, membership=membership, language=language)
        if section:
            sections.append(section)
    return sections
