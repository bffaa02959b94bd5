"""Read-only admin for maturity-model content.

Versions are immutable (assessments are scored against them), so the admin only
shows content; changes go through a model file and `load_maturity_model`.
"""

from typing import TYPE_CHECKING, Generic, TypeVar

from django.contrib import admin
from django.db.models import Count, Model, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from models_9plus.models import (
    Action,
    Advice,
    Factor,
    FactorLevelText,
    Level,
    MaturityModel,
    ModelVersion,
    ScaleOption,
    Statement,
)

_M = TypeVar("_M", bound=Model)


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


# django-stubs makes the admin classes generic, but at run time they cannot be subscripted
# (and django_stubs_ext is a development dependency only): Generic carries the parameter instead.
if TYPE_CHECKING:

    class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin[_M]):
        pass

    class _TabularInline(admin.TabularInline[_M, Model]):
        pass

else:

    class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin, Generic[_M]):
        pass

    class _TabularInline(admin.TabularInline, Generic[_M]):
        pass


class ReadOnlyTabularInline(ReadOnlyMixin, _TabularInline[_M]):
    extra = 0
    show_change_link = False


class VersionInline(ReadOnlyTabularInline[ModelVersion]):
    model = ModelVersion
    fields = ["number", "content_hash", "loaded_at"]
    show_change_link = True


@admin.register(MaturityModel)
class MaturityModelAdmin(ReadOnlyAdmin[MaturityModel]):
    list_display = ["code", "name_en", "name_nl", "version_count", "created_at"]
    search_fields = ["code", "name_en", "name_nl"]
    inlines = [VersionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[MaturityModel]:
        return super().get_queryset(request).annotate(version_count=Count("versions"))

    @admin.display(description=_("versions"), ordering="version_count")
    def version_count(self, obj: MaturityModel) -> int:
        count: int = getattr(obj, "version_count", 0)
        return count


class ScaleOptionInline(ReadOnlyTabularInline[ScaleOption]):
    model = ScaleOption
    fields = ["value", "label_en", "label_nl", "description_en", "description_nl"]


class LevelInline(ReadOnlyTabularInline[Level]):
    model = Level
    fields = ["order", "code", "name_en", "name_nl", "min_score"]


class FactorInline(ReadOnlyTabularInline[Factor]):
    model = Factor
    fields = ["order", "code", "name_en", "name_nl"]
    show_change_link = True


@admin.register(ModelVersion)
class ModelVersionAdmin(ReadOnlyAdmin[ModelVersion]):
    list_display = ["__str__", "name_en", "ambition_mode", "loaded_at", "used_by", "short_hash"]
    list_filter = ["model"]
    list_select_related = ["model"]
    readonly_fields = ["used_by"]
    inlines = [ScaleOptionInline, LevelInline, FactorInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ModelVersion]:
        # "assessments" is the reverse name of Assessment.model_version; counting it here
        # keeps this app free of imports from the assessments app.
        return super().get_queryset(request).annotate(assessment_count=Count("assessments"))

    @admin.display(description=_("in use"), ordering="assessment_count")
    def used_by(self, obj: ModelVersion) -> str:
        count: int = getattr(obj, "assessment_count", 0)
        return ngettext("used by %(count)d assessment", "used by %(count)d assessments", count) % {"count": count}

    @admin.display(description=_("content hash"))
    def short_hash(self, obj: ModelVersion) -> str:
        return obj.content_hash[:12]


class StatementInline(ReadOnlyTabularInline[Statement]):
    model = Statement
    fields = ["order", "code", "text_en", "text_nl", "tag", "servqual_gap", "audience", "weight", "reverse", "one_idea"]


class LevelTextInline(ReadOnlyTabularInline[FactorLevelText]):
    model = FactorLevelText
    fields = ["level", "text_en", "text_nl"]


class ActionInline(ReadOnlyTabularInline[Action]):
    model = Action
    fields = [
        "order",
        "code",
        "title_en",
        "title_nl",
        "success_measure_en",
        "success_measure_nl",
        "audience",
        "effort",
        "source",
        "levels",
    ]


class AdviceInline(ReadOnlyTabularInline[Advice]):
    model = Advice
    fields = ["level", "actions_en", "actions_nl"]


@admin.register(Factor)
class FactorAdmin(ReadOnlyAdmin[Factor]):
    list_display = ["code", "name_en", "name_nl", "version_link", "order"]
    list_filter = ["version__model", "version"]
    list_select_related = ["version__model"]
    search_fields = ["code", "name_en", "name_nl"]
    inlines = [StatementInline, LevelTextInline, ActionInline, AdviceInline]

    @admin.display(description=_("version"), ordering="version")
    def version_link(self, obj: Factor) -> SafeString:
        url = reverse("admin:models_9plus_modelversion_change", args=[obj.version_id])
        return format_html('<a href="{}">{}</a>', url, obj.version)


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin[Statement]):
    list_display = ["code", "text_en", "factor", "version", "tag", "servqual_gap", "weight", "reverse"]
    list_filter = ["factor__version__model", "factor__version", "tag", "servqual_gap", "reverse"]
    list_select_related = ["factor__version__model"]
    search_fields = ["code", "text_en", "text_nl"]

    @admin.display(description=_("version"))
    def version(self, obj: Statement | Advice | Action) -> ModelVersion:
        return obj.factor.version


@admin.register(Advice)
class AdviceAdmin(ReadOnlyAdmin[Advice]):
    list_display = ["factor", "level", "version", "action_count"]
    list_filter = ["factor__version__model", "factor__version", "level__code"]
    list_select_related = ["factor__version__model", "level"]

    @admin.display(description=_("version"))
    def version(self, obj: Statement | Advice | Action) -> ModelVersion:
        return obj.factor.version

    @admin.display(description=_("actions"))
    def action_count(self, obj: Advice) -> int:
        return len(obj.actions_en)


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin[Action]):
    list_display = ["code", "title_en", "factor", "version", "audience", "effort", "source"]
    list_filter = ["factor__version__model", "factor__version", "audience", "effort", "source"]
    list_select_related = ["factor__version__model"]
    search_fields = ["code", "title_en", "title_nl"]

    @admin.display(description=_("version"))
    def version(self, obj: Statement | Advice | Action) -> ModelVersion:
        return obj.factor.version
