"""Organisations, their teams and respondent roles, and who belongs to them."""

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from models_9plus.i18n import Bilingual

MIN_ANONYMITY_THRESHOLD = 3


class Organisation(models.Model):
    class SizeBand(models.TextChoices):
        SMALL = "1-49", _("1-49 employees")
        MEDIUM = "50-249", _("50-249 employees")
        LARGE = "250-999", _("250-999 employees")
        XL = "1000+", _("1,000 or more employees")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#1f5f8b",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f5f8b."))],
    )
    default_language = models.CharField(
        _("default language"), max_length=2, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("anonymity threshold"),
        default=5,
        validators=[MinValueValidator(MIN_ANONYMITY_THRESHOLD), MaxValueValidator(50)],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Anonymous benchmarking is opt-in: managers decide (assessments/benchmarks/services.py logs it).
    benchmark_opt_in = models.BooleanField(_("take part in anonymous benchmarking"), default=False)
    # Set by a manager: people who manage this organisation sign in with a second factor (MFA) first.
    require_mfa = models.BooleanField(
        _("require two-factor sign-in for managers and consultants"),
        default=False,
        help_text=_(
            "Managers and consultants of this organisation set up an authenticator app before they see its pages."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    # Set on the teams that selectors.team_tree returns (not database columns).
    depth: int
    child_count: int

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("part of")
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")]
        verbose_name = _("team")

    def __str__(self) -> str:
        return self.name


class Role(Bilingual, models.Model):
    """A respondent role (board, management, front office...) that an assessment can ask."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    is_management = models.BooleanField(
        _("counts as management"), default=False, help_text=_("Used for the management vs staff perception gap.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("respondent role")

    def __str__(self) -> str:
        return self.t("name")


class Membership(models.Model):
    class Role(models.TextChoices):
        MANAGER = "manager", _("CX manager")
        CONSULTANT = "consultant", _("Consultant")
        VIEWER = "viewer", _("Viewer")
        TEAM_LEADER = "team_leader", _("Team leader")

    # People pages address a membership by this id, never by a sequential key.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # A team leader's teams: the only results the role sees (README "Team leaders"); empty for other roles.
    teams = models.ManyToManyField(Team, blank=True, related_name="leaders", verbose_name=_("teams led"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def can_manage(self) -> bool:
        return self.role in (self.Role.MANAGER, self.Role.CONSULTANT)

    @property
    def is_team_leader(self) -> bool:
        return self.role == self.Role.TEAM_LEADER


class OrganisationInvitation(models.Model):
    """An invitation for a person to join an organisation with a role (no open sign-up)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="member_invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    teams = models.ManyToManyField(Team, blank=True, related_name="+", verbose_name=_("teams led"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class ActivityLog(models.Model):
    # Set by the activity page for display (not a database column).
    verb_label: "StrOrPromise"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="activity")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verb = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50)
    object_repr = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]


FIRST_SIGN_IN_ROLES = [
    (value, label) for value, label in Membership.Role.choices if value != Membership.Role.TEAM_LEADER
]


class IdentityProvider(models.Model):
    """An organisation's own OpenID Connect identity provider ("Sign in with your organisation").

    The issuer, client id and secret live in allauth's SocialApp (`app`, provider "openid_connect" with a
    provider id per organisation), so that allauth signs people in with them; this row adds what allauth does
    not know: whose provider it is, the role a new member gets and whether existing accounts may be connected.
    """

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="identity_provider")
    app = models.OneToOneField("socialaccount.SocialApp", on_delete=models.PROTECT, related_name="+")
    # Not team leader: that role needs teams, which nobody has chosen at a first sign-in.
    default_role = models.CharField(
        _("role of new members"), max_length=20, choices=FIRST_SIGN_IN_ROLES, default=Membership.Role.VIEWER
    )
    connect_existing_accounts = models.BooleanField(
        _("connect existing accounts with a verified e-mail address"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("identity provider")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.app.provider_id})"


class EmailDomain(models.Model):
    """An e-mail domain whose people sign in through an organisation's identity provider; one owner each."""

    identity_provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="domains")
    # Lower case, IDNA (punycode) form: "bäckerei.de" is stored as "xn--bckerei-9wa.de".
    domain = models.CharField(_("e-mail domain"), max_length=253, unique=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("e-mail domain")

    def __str__(self) -> str:
        return self.domain
