"""Extra pages of the PDF report, contributed by domains above results (e.g. the outside-in page).

A domain registers `section(*, assessment, language) -> str` (HTML of one or more `<section class="page">`,
"" for nothing) when the app is ready (`AssessmentsConfig.ready`), so results never imports it.
"""

from collections.abc import Callable

from django.utils.safestring import mark_safe

ReportSection = Callable[..., str]
_sections: list[ReportSection] = []


def register(section: ReportSection) -> ReportSection:
    if section not in _sections:
        _sections.append(section)
    return section


def render_sections(*, assessment, language) -> list[str]:
    # Each section is rendered by a template with autoescaping on; mark_safe keeps its markup.
    return [mark_safe(html) for section in _sections if (html := section(assessment=assessment, language=language))]  # noqa: S308
