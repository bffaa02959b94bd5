"""Reads of maturity-model content."""

from django.db.models import Prefetch

from models_9plus.models import Advice, Factor, ModelVersion, Statement


def version_with_content(*, version_id):
    return (
        ModelVersion.objects.select_related("model")
        .prefetch_related(
            "scale_options",
            "levels",
            Prefetch(
                "factors",
                queryset=Factor.objects.prefetch_related(
                    Prefetch("statements", queryset=Statement.objects.order_by("order")),
                    Prefetch("advice", queryset=Advice.objects.select_related("level")),
                ),
            ),
        )
        .get(pk=version_id)
    )


def latest_version_with_content(*, code):
    latest = ModelVersion.objects.filter(model__code=code).order_by("-number").values_list("pk", flat=True).first()
    if latest is None:
        return None
    return version_with_content(version_id=latest)
