"""What the API shows of each object (public ids only, never sequential keys) and what it accepts."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from assessments.organisations.models import Organisation, Role, Team
from assessments.questionnaire.models import Assessment, Invitation

LANGUAGES = [("nl", "Nederlands"), ("en", "English")]


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    my_role = serializers.CharField(read_only=True, help_text="The token owner's role in this organisation.")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "sector",
            "size_band",
            "default_language",
            "anonymity_threshold",
            "benchmark_opt_in",
            "my_role",
            "created_at",
        ]


class TeamSerializer(serializers.ModelSerializer[Team]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.UUIDField(source="organisation.public_id", read_only=True)
    # A field named like Field.parent: fine at run time (fields move to _declared_fields), not in the stubs.
    parent = serializers.UUIDField(source="parent.public_id", read_only=True, allow_null=True)  # type: ignore[assignment]

    class Meta:
        model = Team
        fields = ["id", "organisation", "name", "parent"]


class RoleSerializer(serializers.ModelSerializer[Role]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.UUIDField(source="organisation.public_id", read_only=True)

    class Meta:
        model = Role
        fields = ["id", "organisation", "name_en", "name_nl", "is_management", "order"]


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.UUIDField(source="organisation.public_id", read_only=True)
    model = serializers.CharField(source="model_version.model.code", read_only=True)
    model_version = serializers.IntegerField(source="model_version.number", read_only=True)  # order loaded
    model_version_name = serializers.CharField(source="model_version.version_name", read_only=True)  # "2.1"
    invited = serializers.IntegerField(source="invited_count", read_only=True)
    completed = serializers.IntegerField(source="completed_count", read_only=True)
    submitted = serializers.IntegerField(source="submitted_count", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "organisation",
            "title",
            "status",
            "model",
            "model_version",
            "model_version_name",
            "languages",
            "ask_ambition",
            "threshold_scores",
            "threshold_comments",
            "threshold_spread",
            "opens_at",
            "closes_at",
            "closed_at",
            "created_at",
            "invited",
            "completed",
            "submitted",
        ]


class AssessmentCreateSerializer(serializers.Serializer[Any]):
    organisation = serializers.UUIDField()
    title = serializers.CharField(max_length=200)
    teams = serializers.ListField(child=serializers.UUIDField(), max_length=500)
    roles = serializers.ListField(child=serializers.UUIDField(), max_length=100, required=False, default=list)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGES), min_length=1, max_length=2, default=["nl", "en"]
    )
    ask_ambition = serializers.BooleanField(default=True)
    threshold_scores = serializers.IntegerField(min_value=3, max_value=50, required=False)
    threshold_comments = serializers.IntegerField(min_value=3, max_value=50, required=False)
    threshold_spread = serializers.IntegerField(min_value=3, max_value=50, required=False)
    opens_on = serializers.DateField(required=False, allow_null=True)
    closes_on = serializers.DateField(required=False, allow_null=True)
    intro_text = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    previous = serializers.UUIDField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        opens, closes = attrs.get("opens_on"), attrs.get("closes_on")
        if opens and closes and closes < opens:
            raise serializers.ValidationError({"closes_on": _("The closing date must be after the opening date.")})
        return attrs


class InvitationSerializer(serializers.ModelSerializer[Invitation]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    assessment = serializers.UUIDField(source="assessment.public_id", read_only=True)
    team = serializers.UUIDField(source="team.public_id", read_only=True)
    role = serializers.UUIDField(source="role.public_id", read_only=True, allow_null=True)
    completed = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = ["id", "assessment", "email", "team", "role", "created_at", "sent_at", "started", "completed"]

    def get_completed(self, invitation: Invitation) -> bool:
        # Only whether, not when or which response: the day could be matched to a response.
        return invitation.completed_on is not None


class InvitationRowSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField(max_length=254)
    team = serializers.UUIDField()
    role = serializers.UUIDField(required=False, allow_null=True)


class InvitationBulkSerializer(serializers.Serializer[Any]):
    # many=True builds a ListSerializer, which takes max_length; the stubs type the child's arguments only.
    invitations = InvitationRowSerializer(many=True, allow_empty=False, max_length=5000)  # type: ignore[call-arg]


class SkippedRowSerializer(serializers.Serializer[Any]):
    line = serializers.IntegerField()
    email = serializers.CharField()
    reason = serializers.CharField()


class InvitationBulkResultSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField()
    skipped = SkippedRowSerializer(many=True, help_text="Duplicates and people already invited: not invited again.")


class AssessmentFilterSerializer(serializers.Serializer[Any]):
    organisation = serializers.UUIDField(required=False)
    status = serializers.ChoiceField(choices=Assessment.Status.choices, required=False)
    created_after = serializers.DateField(required=False)
    created_before = serializers.DateField(required=False)


class ExportQuerySerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=[("scores", "scores"), ("answers", "answers")], default="scores")
    format = serializers.ChoiceField(choices=[("csv", "csv"), ("xlsx", "xlsx")], default="csv")
    language = serializers.ChoiceField(choices=LANGUAGES, default="en")
