"""A large invitation file imported in the background (tasks.import_invitation_file), with its outcome."""

import uuid

from django.conf import settings
from django.db import models

from assessments.questionnaire.models.assessments import Assessment


class InvitationImport(models.Model):
    """One uploaded file of addresses: all of it is invited, or none of it (the rows to fix are kept).

    The file's text is kept only until the import has run; its digest makes a second upload of the same
    file while the first is waiting or running point at the first.
    """

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"  # rows need fixing, or the assessment no longer takes invitations: nothing was created

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="invitation_imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    digest = models.CharField(max_length=64)  # sha256 of the file
    content = models.TextField(blank=True)  # the decoded file, emptied once it has run
    language = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows = models.PositiveIntegerField(default=0)  # address rows read from the file
    created = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # the first rows to fix: [line, value, reason]
    problem = models.CharField(max_length=300, blank=True)  # why nothing could run at all
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["assessment", "digest"])]

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
