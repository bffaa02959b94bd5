"""The e-mails of an assessment: the manager's own invitation and reminder texts, and sends planned for later."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.questionnaire.models.assessments import Assessment


class EmailKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Reminder")


class EmailText(models.Model):
    """The manager's subject and text of one kind of e-mail in one language; without a row the product's
    standard text is sent. Placeholders such as {name} and {link} are filled in per person
    (assessments/questionnaire/emails.py); the text is plain text and is escaped in the HTML part."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="email_texts")
    kind = models.CharField(max_length=12, choices=EmailKind.choices)
    language = models.CharField(max_length=8)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind", "language"], name="unique_email_text"),
        ]


class ScheduledEmail(models.Model):
    """Invitations or reminders the manager planned for a moment: the scheduled job sends them then."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The confirm form's one-time key: a repeated submit finds its row instead of planning a second send.
    key = models.UUIDField(unique=True)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scheduled_emails")
    kind = models.CharField(max_length=12, choices=EmailKind.choices)
    send_at = models.DateTimeField(_("send at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["send_at", "pk"]
