"""Writes of comment themes, each in a transaction and safe to repeat: the starter set, the organisation's
own themes, tags (accepted or rejected suggestions) and the quotes picked for the report."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from assessments.comments.models import PickedQuote, Tag, Theme
from assessments.comments.starter import starter_themes
from assessments.core.http import AnyUser
from assessments.organisations.models import Organisation
from assessments.organisations.services import activity
from assessments.questionnaire.models import Assessment


class WrongTheme(ValueError):
    """The theme belongs to another organisation or another factor than the comment."""


@dataclass(frozen=True)
class Target:
    """A comment the manager may read: a respondent's comment or a customer's open answer."""

    scope: str
    comment_id: int | None = None
    customer_response_id: int | None = None

    def lookup(self) -> dict[str, Any]:
        return {"comment_id": self.comment_id, "customer_response_id": self.customer_response_id}


def add_starter_themes(*, organisation: Organisation, scopes: list[str], actor: AnyUser | None) -> int:
    """The suggested themes of these scopes the organisation does not have yet; returns how many were added."""
    added = 0
    with transaction.atomic():
        for scope in scopes:
            for starter in starter_themes(scope):
                _theme, created = Theme.objects.get_or_create(
                    organisation=organisation,
                    scope=scope,
                    starter=starter.key,
                    defaults={
                        "name_en": starter.name_en,
                        "name_nl": starter.name_nl,
                        "keywords_en": starter.keywords_en,
                        "keywords_nl": starter.keywords_nl,
                    },
                )
                added += created
        if added:
            activity.record(
                organisation=organisation, actor=actor, verb="created", obj="comment themes", detail=str(added)
            )
    return added


def save_theme(
    *,
    organisation: Organisation,
    actor: AnyUser | None,
    scope: str,
    name_en: str,
    name_nl: str,
    keywords_en: str,
    keywords_nl: str,
    theme: Theme | None = None,
) -> Theme:
    """Create a theme of the organisation's own, or change one (its scope stays)."""
    with transaction.atomic():
        if theme is None:
            theme = Theme(organisation=organisation, scope=scope)
        elif theme.organisation_id != organisation.pk:
            raise WrongTheme
        theme.name_en, theme.name_nl = name_en or name_nl, name_nl or name_en
        theme.keywords_en, theme.keywords_nl = keywords_en, keywords_nl
        created = theme.pk is None
        theme.save()
        activity.record(organisation=organisation, actor=actor, verb="created" if created else "updated", obj=theme)
    return theme


def delete_theme(*, theme: Theme, actor: AnyUser | None) -> None:
    with transaction.atomic():
        activity.record(organisation=theme.organisation, actor=actor, verb="deleted", obj=theme)
        theme.delete()


def _check(assessment: Assessment, target: Target, theme: Theme) -> None:
    if theme.organisation_id != assessment.organisation_id or theme.scope != target.scope:
        raise WrongTheme


def tag(*, assessment: Assessment, target: Target, theme: Theme, accepted: bool = True) -> Tag:
    """Put the theme on the comment (accepted) or turn its suggestion down (not accepted); repeats are harmless."""
    _check(assessment, target, theme)
    with transaction.atomic():
        found, _created = Tag.objects.update_or_create(theme=theme, **target.lookup(), defaults={"accepted": accepted})
    return found


def untag(*, assessment: Assessment, target: Target, theme: Theme) -> None:
    """Take the theme off the comment (its suggestion may then come back)."""
    _check(assessment, target, theme)
    with transaction.atomic():
        Tag.objects.filter(theme=theme, **target.lookup()).delete()


def set_picked(*, assessment: Assessment, target: Target, picked: bool) -> None:
    """Mark the comment "in report" or not; repeats are harmless."""
    with transaction.atomic():
        if picked:
            PickedQuote.objects.get_or_create(assessment=assessment, **target.lookup())
        else:
            PickedQuote.objects.filter(assessment=assessment, **target.lookup()).delete()
