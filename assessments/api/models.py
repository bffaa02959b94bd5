"""Personal API tokens and the log of every call made with one."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.organisations.models import Organisation

# How long a new token works, as its owner chooses (issue 25): a forgotten token dies on its own.
LIFETIME_DAYS = (30, 90, 365)
DEFAULT_LIFETIME_DAYS = 90


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Read and write")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    # Empty: every organisation the member belongs to (now and later), as the member's own rights.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # Only the SHA-256 of the token (assessments/core/tokens.py); the token itself is shown once.
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters, so a member can tell tokens apart without the secret.
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # After this moment the token answers 401 ("expired"); tokens made before expiry existed got 90 days.
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return self.name

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def expired(self, *, now: datetime.datetime) -> bool:
        return self.expires_at <= now

    @property
    def is_expired(self) -> bool:
        """For templates: expired as of now."""
        return self.expired(now=timezone.now())


class ApiCall(models.Model):
    """One request made with a token: enough to audit and to explain a rate limit, never the payload."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="calls")
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
