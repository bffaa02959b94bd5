"""Per-response sums for scoring, written when a response is submitted (issue 17).

Scoring reads these rows (one per respondent and factor, plus one of totals) instead of every answer. A
row holds exactly the sums the scoring rules need from one response's answers to one factor's statements,
or, with factor NULL, the response's totals over all factors for the lenses (the 7+/9+ layers overall
and the four SERVQUAL gaps).

Why a row per role kind instead of leaving out what the respondent's role was not asked: the role of a
response, and whether a role counts as management, can change after submit (a role edited or deleted by a
manager). Sums that baked in the role's kind at submit would then silently be wrong. So a factor with
statements only some role kinds are asked gets three rows (as a respondent without a role, as management,
as staff: each leaving out what that kind was not asked) and scoring picks the one of the respondent's
current role; a factor asked of everyone gets one row (ANY). The rows depend only on the answers and the
model version, which never changes once loaded.
"""

from django.db import models
from django.db.models import Q

from assessments.questionnaire.models.assessments import Assessment
from assessments.questionnaire.models.responses import Response
from models_9plus.models import Factor


class ResponseFactorSums(models.Model):
    # Which respondents the row is for (see questionnaire.sums): 0 without a role, 1 management, 2 staff,
    # 3 any (no statement of the factor, or of the model for the totals row, has an audience).
    ANY = 3

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="factor_sums")
    factor = models.ForeignKey(Factor, on_delete=models.PROTECT, null=True, related_name="+")
    role_kind = models.PositiveSmallIntegerField(default=ANY)
    # Scale answers (flipped when reverse-scored), "don't know", and the per-statement ambition.
    n_valid = models.PositiveIntegerField(default=0)
    n_dont_know = models.PositiveIntegerField(default=0)
    weighted_sum = models.FloatField(null=True)
    weight_total = models.FloatField(null=True)
    a_valid = models.PositiveIntegerField(default=0)
    a_weighted_sum = models.FloatField(null=True)
    a_weight_total = models.FloatField(null=True)
    # The scored answers packed one digit per statement position (see scoring.queries.item_values).
    items = models.BigIntegerField(null=True)
    # The per-factor ambition (v2 models) as given.
    factor_ambition = models.PositiveSmallIntegerField(null=True)
    # Lens sums (n, weighted sum, weight total) of the statements tagged basis / nine_plus; the SERVQUAL gap
    # sums only on the totals row (factor NULL). NULL where nothing counted.
    basis_n = models.PositiveIntegerField(null=True)
    basis_wsum = models.FloatField(null=True)
    basis_wtotal = models.FloatField(null=True)
    nine_plus_n = models.PositiveIntegerField(null=True)
    nine_plus_wsum = models.FloatField(null=True)
    nine_plus_wtotal = models.FloatField(null=True)
    knowledge_n = models.PositiveIntegerField(null=True)
    knowledge_wsum = models.FloatField(null=True)
    knowledge_wtotal = models.FloatField(null=True)
    standards_n = models.PositiveIntegerField(null=True)
    standards_wsum = models.FloatField(null=True)
    standards_wtotal = models.FloatField(null=True)
    delivery_n = models.PositiveIntegerField(null=True)
    delivery_wsum = models.FloatField(null=True)
    delivery_wtotal = models.FloatField(null=True)
    communication_n = models.PositiveIntegerField(null=True)
    communication_wsum = models.FloatField(null=True)
    communication_wtotal = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "factor", "role_kind"], name="unique_response_factor_sums"),
            # NULLs are distinct in a unique constraint: the totals row gets its own.
            models.UniqueConstraint(
                fields=["response", "role_kind"], condition=Q(factor__isnull=True), name="unique_response_total_sums"
            ),
        ]


class CellTally(models.Model):
    """One (team, role) cell's respondent figures, tallied, as scoring folds them from the stored sums
    (scoring/cells.py writes and reads these; nothing else does).

    Why (issue 26: cold scoring whose cost grows like its data): the figures of a cell change only when a
    response of that cell is submitted, excluded, moved or its sums rewritten, so a cold scoring reads the
    cells' tallies (a few dozen distinct values per factor, whatever the respondents) and folds again only
    the cells whose responses changed. `fingerprint` names the data the payload was folded from (the
    cell's counted responses: how many, their ids, their last change; the role's kind; the fold's code
    and the assessment's ambition setting): a row whose fingerprint no longer matches is folded again, so a
    missed invalidation costs time, never a wrong figure.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    cell = models.CharField(max_length=40)  # "<team id>:<role id>", "-" for none: NULLs are not unique
    fingerprint = models.CharField(max_length=200)
    payload = models.TextField()  # JSON, see scoring/cells.py

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "cell"], name="unique_cell_tally")]

    @staticmethod
    def name_of(team_id: int | None, role_id: int | None) -> str:
        return f"{'-' if team_id is None else team_id}:{'-' if role_id is None else role_id}"


class GroupTally(models.Model):
    """One group's figures before anonymity (scoring/kept_groups.py writes and reads these; nothing else does).

    Why (issue 26): most of a cold scoring's fixed cost was computing every group's figures from its cells'
    tallies, though a submit changes only the few groups its cell belongs to. `fingerprint` hashes the group's
    cells' fingerprints (see CellTally) with the code and settings the figures depend on, so a group any of
    whose cells changed is computed again; the sums service drops these rows with the cells' (a rewrite of
    sums moves no cell's fingerprint).
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=200)  # the group's key in the result (scoring.groups)
    fingerprint = models.CharField(max_length=64)
    payload = models.BinaryField()  # packed ints and floats, see scoring/group_figures.py

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "group"], name="unique_group_tally")]
