"""Anonymous responses: team, role, language and timestamps, and the answers."""

import uuid

from django.db import models

from assessments.organisations.models import Role, Team
from assessments.questionnaire.models.assessments import Assessment
from models_9plus.models import Factor, Statement

DONT_KNOW = 0  # stored answer value for "don't know"; scale values start at 1


class Response(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    language = models.CharField(max_length=2, default="nl")
    # Hash of a secret only the respondent's link or browser holds; not the invitation's hash.
    access_key_hash = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Optimistic concurrency: every save carries the version it was based on.
    version = models.PositiveIntegerField(default=0)
    last_step = models.PositiveSmallIntegerField(default=0)
    # The abuse guard of open team links (issue 11). Set only for responses through a team link: a salted
    # hash of the client's network (/24 or /48), never the address; a hash of the answer pattern, set at
    # submit. Excluded responses are left out of scoring, reversibly (see services/guard.py).
    from_team_link = models.BooleanField(default=False)
    network_hash = models.CharField(max_length=64, blank=True, db_index=True)
    answers_fingerprint = models.CharField(max_length=64, blank=True)
    excluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["assessment", "submitted_at"])]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    # NULL = not answered, 0 = don't know, 1..n = scale value.
    current = models.PositiveSmallIntegerField(null=True, blank=True)
    ambition = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "statement"], name="unique_answer")]


class Comment(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    factor = models.ForeignKey(Factor, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=2000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "factor"], name="unique_comment")]


class FactorAmbition(models.Model):
    """The one ambition answer per factor of a per-factor model version (v2): NULL unanswered, 0 don't know."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="factor_ambitions")
    factor = models.ForeignKey(Factor, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "factor"], name="unique_factor_ambition")]
