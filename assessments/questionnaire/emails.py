"""The invitation and reminder e-mails: the manager's text (or the standard one) with placeholders, in the
person's language, as a plain-text part and an HTML part.

The manager writes plain text. In the HTML part every character of it is escaped; only the product's own
layout (templates/manage/email/message.html) is HTML. Placeholders are words in braces, {name} or {naam};
filling them is a plain substitution (never str.format, which could reach attributes). An unknown
placeholder is refused when the text is saved (`placeholder_problems`), so nobody receives "{nmae}".
The preview calls the same `render_email` as the sending service, with an example person.
"""

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.questionnaire.models import Assessment, EmailKind, EmailText, Invitation

_PLACEHOLDER = re.compile(r"\{([^{}\n]{0,40})\}")

# Each placeholder with its Dutch alias: a manager may write either, in either language.
PLACEHOLDERS: dict[str, tuple[str, object]] = {
    "name": ("naam", gettext_lazy("the person's name, or “colleague” when we do not know it")),
    "organisation": ("organisatie", gettext_lazy("your organisation's name")),
    "assessment": ("vragenlijst", gettext_lazy("the assessment's title for respondents")),
    "deadline": ("sluitdatum", gettext_lazy("the closing date")),
    "minutes": ("minuten", gettext_lazy("how many minutes answering takes")),
    "link": ("link", gettext_lazy("the personal link (the e-mail also shows it as a button)")),
}
_ALIASES = {alias: key for key, (alias, _help) in PLACEHOLDERS.items()} | {key: key for key in PLACEHOLDERS}


@dataclass(frozen=True)
class Person:
    """Who an e-mail goes to, as far as the text needs: an invitation, or the preview's example."""

    language: str
    url: str | None  # None: they started, and keep the link of their first e-mail
    name: str = ""


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str
    language: str


def language_of(*, invitation: Invitation, assessment: Assessment) -> str:
    """The person's language when the assessment offers it, else the assessment's first language."""
    offered = assessment.languages or [assessment.organisation.default_language]
    return invitation.language if invitation.language in offered else offered[0]


def placeholder_problems(text: str) -> list[str]:
    """The unknown placeholders in a text, as written ({nmae}), in order of appearance, each once."""
    unknown: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        word = match.group(1).strip().casefold()
        if word not in _ALIASES and match.group(0) not in unknown:
            unknown.append(match.group(0))
    return unknown


def placeholder_help() -> list[tuple[str, str, str]]:
    """(placeholder, Dutch alias, what it becomes) for the edit page."""
    return [("{" + key + "}", "{" + alias + "}", str(help_)) for key, (alias, help_) in PLACEHOLDERS.items()]


def standard_text(*, kind: str, language: str) -> tuple[str, str]:
    """The product's subject and message for this kind, in this language, with placeholders."""
    with translation.override(language):
        if kind == EmailKind.INVITATION:
            return _("Your view, please: {assessment}"), _(
                "Hello {name},\n\n{organisation} asks for your view in “{assessment}”: how well do we manage the "
                "customer experience together? It takes about {minutes} minutes."
            )
        return _("Reminder: {assessment}"), _(
            "Hello {name},\n\nA friendly reminder: {organisation} would still like your view in “{assessment}”. "
            "It takes about {minutes} minutes."
        )


def texts_of(
    *, assessment: Assessment, kind: str, language: str, saved: dict[tuple[str, str], EmailText]
) -> tuple[str, str]:
    """The subject and message that go out: the manager's own, or the standard one."""
    own = saved.get((kind, language))
    return (own.subject, own.body) if own else standard_text(kind=kind, language=language)


def _values(*, assessment: Assessment, person: Person, minutes: int) -> dict[str, str]:
    """Placeholder values in the active language."""
    closes = assessment.closes_at
    title = (assessment.title_nl if translation.get_language() == "nl" else assessment.title_en) or assessment.title
    return {
        "name": person.name or _("colleague"),
        "organisation": assessment.organisation.name,
        "assessment": title,
        "deadline": formats.date_format(timezone.localtime(closes), "j F Y") if closes else _("the closing date"),
        "minutes": str(minutes),
        "link": person.url or _("the personal link from your first e-mail"),
    }


def fill_text(text: str, values: dict[str, str]) -> str:
    """Plain text with its placeholders filled in (unknown ones, which saving refuses, stay as written)."""
    return _PLACEHOLDER.sub(lambda m: values.get(_ALIASES.get(m.group(1).strip().casefold(), ""), m.group(0)), text)


def fill_html(text: str, values: dict[str, str], *, url: str | None) -> SafeString:
    """The message as HTML paragraphs: the manager's text escaped, the link made a link, nothing else."""
    pieces: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        key = _ALIASES.get(match.group(1).strip().casefold())
        if key is None:
            pieces.append(escape(match.group(0)))
        elif key == "link" and url:
            pieces.append(format_html('<a href="{}" style="color:#1f5f8b">{}</a>', url, url))
        else:
            pieces.append(escape(values[key]))
        position = match.end()
    pieces.append(escape(text[position:]))
    joined = "".join(pieces).replace("\r\n", "\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", joined) if p.strip()]
    # Every piece above is escaped or built by format_html: marking the joined result safe adds no markup.
    return mark_safe(  # noqa: S308
        "".join(f'<p style="margin:0 0 16px">{p.replace(chr(10), "<br>")}</p>' for p in paragraphs)
    )


def render_email(
    *,
    assessment: Assessment,
    kind: str,
    person: Person,
    subject: str,
    body: str,
    minutes: int,
    model_name: str,
) -> RenderedEmail:
    """One person's e-mail in their language: the subject, the plain-text part and the HTML part."""
    with translation.override(person.language):
        values = _values(assessment=assessment, person=person, minutes=minutes)
        subject_line = " ".join(fill_text(subject, values).split())
        context = {
            "organisation": assessment.organisation,
            "subject": subject_line,
            "message_text": fill_text(body, values).strip(),
            "message_html": fill_html(body, values, url=person.url),
            "url": person.url,
            "kind": kind,
            "closes_at": assessment.closes_at,
            "model_name": model_name,
            "language": person.language,
        }
        text = render_to_string("manage/email/message.txt", context).strip() + "\n"
        html = render_to_string("manage/email/message.html", context)
    return RenderedEmail(subject=subject_line, text=text, html=html, language=person.language)


def inline_preview(html: str) -> SafeString:
    """The HTML part's body as a block to show inside a page (an iframe would inherit the page's
    `frame-ancestors 'none'` and stay blank): the same markup, the body's style on a wrapper."""
    match = re.search(r'<body style="([^"]*)">(.*)</body>', html, flags=re.DOTALL)
    if match is None:
        return mark_safe("")  # noqa: S308 (empty)
    # The HTML is our own rendering, in which the manager's text is already escaped.
    return mark_safe(f'<div class="email-preview" style="{match.group(1)}">{match.group(2)}</div>')  # noqa: S308
