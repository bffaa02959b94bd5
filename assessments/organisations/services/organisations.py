"""Writes for organisations, their teams and respondent roles."""

from __future__ import annotations  # the file types below are generic only in the stubs

import io
import logging
import secrets

from allauth.socialaccount.models import SocialApp
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from PIL import Image

from assessments.organisations.models import Membership, Organisation, Role, Team
from assessments.organisations.services import activity
from assessments.organisations.services.identity_providers import PROVIDER, provider_id_for
from assessments.organisations.signals import organisation_changed

logger = logging.getLogger(__name__)

# (English, Dutch, counts as management); created for every new organisation.
DEFAULT_ROLES = [
    ("Board", "Directie", True),
    ("Management", "Management", True),
    ("Front office", "Frontoffice", False),
    ("Back office", "Backoffice", False),
    ("Support", "Ondersteuning", False),
]
ORGANISATION_FIELDS = (
    "name",
    "sector",
    "size_band",
    "accent_colour",
    "default_language",
    "anonymity_threshold",
    "require_mfa",
)
LOGO_MAX_SIDE = 800
_LOGO_FORMATS = {"PNG": ("png", "PNG"), "JPEG": ("jpg", "JPEG")}


def _changed(*, organisation_id: int) -> None:
    """Names, the team tree and who counts as management are in every result: cached results must go."""
    organisation_changed.send(sender=Organisation, organisation_id=organisation_id)


def create_default_roles(*, organisation: Organisation) -> None:
    existing = set(organisation.roles.values_list("name_en", flat=True))
    Role.objects.bulk_create(
        Role(organisation=organisation, name_en=en, name_nl=nl, is_management=management, order=order)
        for order, (en, nl, management) in enumerate(DEFAULT_ROLES, start=1)
        if en not in existing
    )


@transaction.atomic
def create_organisation(
    *, actor: User, name: str, role: str = Membership.Role.CONSULTANT, **fields: object
) -> Organisation:
    """A new organisation; its creator becomes its CX manager (her own organisation, `role="manager"`)
    or its consultant (a client's organisation, the default).

    Refuses a name the creator already has, so a double-clicked submit makes one organisation.
    """
    if role not in (Membership.Role.MANAGER, Membership.Role.CONSULTANT):
        raise ValidationError(_("The creator of an organisation is its CX manager or its consultant."))
    if Organisation.objects.filter(name__iexact=name.strip(), memberships__user=actor).exists():
        raise ValidationError({"name": _("You already have an organisation with this name.")})
    organisation = Organisation(name=name, **{k: v for k, v in fields.items() if k in ORGANISATION_FIELDS})
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=actor, organisation=organisation, role=role)
    create_default_roles(organisation=organisation)
    activity.record(organisation=organisation, actor=actor, verb="created", obj=organisation)
    return organisation


def _clean_logo_file(upload: File[bytes]) -> ContentFile[bytes]:
    """Re-encode the (already validated) image: drops metadata, trailing bytes and oversized pixels."""
    upload.seek(0)
    image: Image.Image  # an opened file at first, a converted copy after convert()
    with Image.open(upload) as image:
        extension, fmt = _LOGO_FORMATS[image.format or ""]
        image.load()
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        elif fmt == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
        buffer = io.BytesIO()
        image.save(buffer, format=fmt, **({"quality": 90} if fmt == "JPEG" else {"optimize": True}))
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_hex(8)}.{extension}")


@transaction.atomic
def update_organisation(
    *,
    organisation: Organisation,
    actor: User,
    logo: File[bytes] | None = None,
    remove_logo: bool = False,
    **fields: object,
) -> Organisation:
    for key, value in fields.items():
        if key in ORGANISATION_FIELDS:
            setattr(organisation, key, value)
    old_logo = organisation.logo.name if organisation.logo else ""
    if logo is not None:
        organisation.logo = _clean_logo_file(logo)
    elif remove_logo:
        organisation.logo = ""
    organisation.full_clean(exclude=["logo"])
    organisation.save()
    organisation_changed.send(
        sender=Organisation, organisation_id=organisation.pk
    )  # results show the organisation's name
    if old_logo and old_logo != (organisation.logo.name or ""):
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    activity.record(organisation=organisation, actor=actor, verb="updated", obj=organisation)
    return organisation


@transaction.atomic
def delete_organisation(*, organisation: Organisation, actor: User) -> None:
    # The organisation's own log goes with it, so the server log keeps the trace.
    logger.info("organisation %s (%s) deleted by user %s", organisation.public_id, organisation.name, actor.pk)
    logo = organisation.logo.name if organisation.logo else ""
    storage = organisation.logo.storage
    provider_id = provider_id_for(organisation)
    organisation.delete()  # cascades: teams, roles, memberships, assessments, responses, log, identity provider
    # Its identity provider's allauth app is not below the organisation: without this it would outlive it.
    SocialApp.objects.filter(provider=PROVIDER, provider_id=provider_id).delete()
    if logo:
        transaction.on_commit(lambda: storage.delete(logo))


def _check_parent(*, team: Team, parent: Team | None) -> None:
    if parent is None:
        return
    if parent.organisation_id != team.organisation_id:
        raise ValidationError({"parent": _("Choose a team of the same organisation.")})
    node: Team | None = parent
    while node is not None:
        if node.pk == team.pk:
            raise ValidationError({"parent": _("A team cannot be part of itself or of one of its own sub-teams.")})
        node = node.parent


def _save_team(team: Team) -> None:
    # The check above misses a simultaneous submit with the same name; the database constraint catches it.
    try:
        with transaction.atomic():
            team.save()
    except IntegrityError:
        raise ValidationError({"name": _("This organisation already has a team with this name.")})


def _check_unique_name(*, team: Team) -> None:
    clash = Team.objects.filter(organisation_id=team.organisation_id, name__iexact=team.name).exclude(pk=team.pk)
    if clash.exists():
        raise ValidationError({"name": _("This organisation already has a team with this name.")})


@transaction.atomic
def create_team(*, organisation: Organisation, actor: User, name: str, parent: Team | None = None) -> Team:
    team = Team(organisation=organisation, name=name.strip(), parent=parent)
    _check_parent(team=team, parent=parent)
    _check_unique_name(team=team)
    _save_team(team)
    _changed(organisation_id=organisation.pk)
    activity.record(organisation=organisation, actor=actor, verb="created", obj=team)
    return team


@transaction.atomic
def update_team(*, team: Team, actor: User, name: str, parent: Team | None = None) -> Team:
    team.name = name.strip()
    _check_parent(team=team, parent=parent)
    team.parent = parent
    _check_unique_name(team=team)
    _save_team(team)
    organisation_changed.send(
        sender=Organisation, organisation_id=team.organisation_id
    )  # names and the team tree are in every result
    activity.record(organisation=team.organisation, actor=actor, verb="updated", obj=team)
    return team


@transaction.atomic
def delete_team(*, team: Team, actor: User) -> None:
    organisation = team.organisation
    activity.record(organisation=organisation, actor=actor, verb="deleted", obj=team)
    _changed(organisation_id=organisation.pk)
    team.delete()  # sub-teams and their invitations go with it; responses keep existing without a team


def _check_unique_role(*, organisation: Organisation, name_en: str, exclude_pk: int | None = None) -> None:
    clash = organisation.roles.filter(name_en__iexact=name_en.strip())
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name_en": _("This organisation already has a role with this name.")})


@transaction.atomic
def create_role(
    *, organisation: Organisation, actor: User, name_en: str, name_nl: str, is_management: bool = False, order: int = 0
) -> Role:
    _check_unique_role(organisation=organisation, name_en=name_en)
    role = Role.objects.create(
        organisation=organisation, name_en=name_en, name_nl=name_nl, is_management=is_management, order=order
    )
    _changed(organisation_id=organisation.pk)
    activity.record(organisation=organisation, actor=actor, verb="created", obj=role)
    return role


@transaction.atomic
def update_role(
    *, role: Role, actor: User, name_en: str, name_nl: str, is_management: bool = False, order: int = 0
) -> Role:
    _check_unique_role(organisation=role.organisation, name_en=name_en, exclude_pk=role.pk)
    role.name_en, role.name_nl, role.is_management, role.order = name_en, name_nl, is_management, order
    role.save()
    organisation_changed.send(
        sender=Organisation, organisation_id=role.organisation_id
    )  # names and who counts as management
    activity.record(organisation=role.organisation, actor=actor, verb="updated", obj=role)
    return role


@transaction.atomic
def delete_role(*, role: Role, actor: User) -> None:
    activity.record(organisation=role.organisation, actor=actor, verb="deleted", obj=role)
    _changed(organisation_id=role.organisation_id)
    role.delete()
