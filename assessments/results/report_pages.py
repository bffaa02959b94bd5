"""Pages that domains above results add to the PDF report (the action plan's next steps, the trend).

A provider is `provider(*, assessment, result, language) -> [{"template": ..., **context}, ...]`;
`AssessmentsConfig.ready` registers them. They render after the factor pages, before the appendix.
"""

from collections.abc import Callable

ReportPages = Callable[..., list[dict]]
_providers: list[ReportPages] = []


def register(provider: ReportPages) -> ReportPages:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def extra_pages(*, assessment, result, language) -> list[dict]:
    pages = []
    for provider in _providers:
        pages.extend(provider(assessment=assessment, result=result, language=language))
    return pages
