"""Rendered reports (the PDF and the slide deck), cached per assessment, kind, language and data version."""

import uuid

from django.db import models

from assessments.questionnaire.models.assessments import Assessment


class Report(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    class Kind(models.TextChoices):
        PDF = "pdf"
        DECK = "deck"  # the editable slide deck (.pptx)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=4, choices=Kind.choices, default=Kind.PDF)
    language = models.CharField(max_length=2)
    data_version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    content = models.BinaryField(null=True, blank=True, editable=False)  # the file's bytes: PDF or .pptx
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    # When the render began: a render running far longer than it can take was killed with its process.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "kind", "language", "data_version"], name="unique_report_version"
            )
        ]
