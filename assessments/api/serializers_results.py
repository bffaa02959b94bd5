"""The results endpoint's response, described for the OpenAPI document (drf-spectacular).

Used for the schema only: the response itself is `results.wording.result_json(score_assessment(...))`, the
scoring result's own fields (assessments/scoring/result.py documents each). The margin-of-error fields are
spelled out; the rest of a group or the result is described as an object with its documented keys.
"""

from typing import Any

from rest_framework import serializers

_MARGIN = (
    "Half the width of the 95% interval around the score, in 0-100 points (score ± margin); "
    "null when the figure is hidden or fewer than two respondents count. See /how-we-score/#margin."
)
_BASIS = (
    '"spread": from the respondents\' own spread; "bound": from the widest spread the scale allows, '
    "where the spread itself may not be shown (the margin then reveals nothing but the count)."
)


class FactorStatsSchema(serializers.Serializer[Any]):
    factor_code = serializers.CharField()
    n = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()
    suppressed_reason = serializers.CharField(allow_null=True, help_text='"threshold" | "differencing" | ...')
    suppressed_reason_text = serializers.CharField(allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    median = serializers.FloatField(allow_null=True)
    score = serializers.FloatField(allow_null=True, help_text="0-100")
    level_code = serializers.CharField(allow_null=True)
    dont_know_rate = serializers.FloatField(allow_null=True)
    sd = serializers.FloatField(allow_null=True)
    consensus = serializers.FloatField(allow_null=True)
    distribution = serializers.ListField(child=serializers.IntegerField(), allow_null=True)
    ambition_n = serializers.IntegerField(allow_null=True)
    ambition_mean = serializers.FloatField(allow_null=True)
    ambition_score = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True)
    gap_score = serializers.FloatField(allow_null=True)
    margin = serializers.FloatField(allow_null=True, help_text=_MARGIN)
    margin_basis = serializers.ChoiceField(choices=["spread", "bound"], allow_null=True, help_text=_BASIS)


class GroupResultSchema(serializers.Serializer[Any]):
    group = serializers.DictField(help_text="kind, key, name_en, name_nl, team_id, role_id, parent_key, depth")
    respondents = serializers.IntegerField()
    suppressed = serializers.BooleanField()
    suppressed_reason = serializers.CharField(allow_null=True)
    suppressed_reason_text = serializers.CharField(allow_null=True)
    factors = FactorStatsSchema(many=True)
    index = serializers.FloatField(allow_null=True)
    level_code = serializers.CharField(allow_null=True)
    index_margin = serializers.FloatField(
        allow_null=True, help_text="Margin of error of the index: the mean of the factors' margins (an upper bound)."
    )


class FactorChangeSchema(serializers.Serializer[Any]):
    factor_code = serializers.CharField()
    previous_score = serializers.FloatField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    previous_margin = serializers.FloatField(allow_null=True)
    margin = serializers.FloatField(
        allow_null=True, help_text="Margin of error of the change: sqrt(margin² + previous_margin²)."
    )
    meaningful = serializers.BooleanField(
        allow_null=True, help_text='|change| > margin; false: "within the margin"; null when unknown.'
    )


class LensScoreSchema(serializers.Serializer[Any]):
    key = serializers.CharField()
    n = serializers.IntegerField()
    suppressed = serializers.BooleanField()
    score = serializers.FloatField(allow_null=True)
    suppressed_reason = serializers.CharField(allow_null=True)
    margin = serializers.FloatField(allow_null=True, help_text=_MARGIN)
    margin_basis = serializers.ChoiceField(choices=["spread", "bound"], allow_null=True, help_text=_BASIS)


class FactorLayersSchema(serializers.Serializer[Any]):
    factor_code = serializers.CharField()
    basis = LensScoreSchema()
    nine_plus = LensScoreSchema()


class GroupLensesSchema(serializers.Serializer[Any]):
    group_key = serializers.CharField()
    basis = LensScoreSchema()
    nine_plus = LensScoreSchema()
    factors = FactorLayersSchema(many=True)
    servqual = LensScoreSchema(many=True)


class AssessmentResultSchema(serializers.Serializer[Any]):
    assessment_id = serializers.UUIDField()
    title = serializers.CharField()
    organisation_name = serializers.CharField()
    status = serializers.CharField()
    model_name_en = serializers.CharField()
    model_name_nl = serializers.CharField()
    ask_ambition = serializers.BooleanField()
    thresholds = serializers.DictField()
    scale = serializers.DictField()
    levels = serializers.ListField(child=serializers.DictField())
    factors = serializers.ListField(child=serializers.DictField())
    respondents = serializers.IntegerField()
    organisation = GroupResultSchema()
    teams = GroupResultSchema(many=True)
    roles = GroupResultSchema(many=True)
    team_roles = GroupResultSchema(many=True)
    management = GroupResultSchema(allow_null=True)
    staff = GroupResultSchema(allow_null=True)
    index = serializers.FloatField(allow_null=True)
    level_code = serializers.CharField(allow_null=True)
    strongest = serializers.CharField(allow_null=True)
    weakest = serializers.CharField(allow_null=True)
    alpha = serializers.ListField(child=serializers.DictField())
    perception_gaps = serializers.ListField(child=serializers.DictField())
    priorities = serializers.ListField(child=serializers.DictField())
    previous = serializers.DictField(allow_null=True)
    changes = FactorChangeSchema(many=True)
    comments_visible = serializers.BooleanField()
    comments = serializers.ListField(child=serializers.DictField())
    response_rate = serializers.DictField()
    advice = serializers.ListField(child=serializers.DictField())
    notes = serializers.ListField(child=serializers.CharField())
    lenses = GroupLensesSchema(many=True)
