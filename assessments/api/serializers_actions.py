"""What the API shows of action plans and what it accepts for them (public ids only)."""

from typing import Any

from rest_framework import serializers

from assessments.actions.models import PlanAction

STATUSES = PlanAction.Status.choices


class PlanActionSerializer(serializers.ModelSerializer[PlanAction]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.UUIDField(source="organisation.public_id", read_only=True)
    assessment = serializers.UUIDField(
        source="assessment.public_id", read_only=True, allow_null=True, help_text="The round it answers."
    )
    owner = serializers.UUIDField(
        source="owner.public_id", read_only=True, allow_null=True, help_text="The owning member's membership id."
    )
    owner_label = serializers.CharField(read_only=True, help_text="The owner's name (member or typed).")

    class Meta:
        model = PlanAction
        fields = [
            "id",
            "organisation",
            "assessment",
            "title",
            "factor_code",
            "factor_name_en",
            "factor_name_nl",
            "statement_codes",
            "owner",
            "owner_name",
            "owner_label",
            "due_date",
            "status",
            "success_measure",
            "notes",
            "baseline_score",
            "created_at",
            "updated_at",
            "completed_at",
        ]


class PlanActionWriteSerializer(serializers.Serializer[Any]):
    # Create needs title and factor_code; PATCH (partial) takes any subset.
    title = serializers.CharField(max_length=200)
    factor_code = serializers.SlugField(max_length=50)
    owner = serializers.UUIDField(required=False, allow_null=True, help_text="A membership id of the organisation.")
    owner_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=STATUSES, required=False)
    success_measure = serializers.CharField(max_length=300, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=10000, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("owner") and attrs.get("owner_name"):
            raise serializers.ValidationError({"owner_name": ["Choose a member or type a name, not both."]})
        return attrs


class PlanActionCreateSerializer(PlanActionWriteSerializer):
    assessment = serializers.UUIDField(
        required=False, allow_null=True, help_text="The round it answers; by default the latest round."
    )


class PlanActionFilterSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=STATUSES, required=False)
    factor = serializers.SlugField(max_length=50, required=False)
