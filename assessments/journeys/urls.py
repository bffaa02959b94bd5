"""URL patterns of journeys and moments (o/<org>/journeys/...)."""

from django.urls import path

from assessments.journeys import views, views_blueprint
from assessments.journeys.measures import views as measures

_moment = "o/<uuid:org>/journeys/<uuid:journey>/moments/<uuid:moment>"
_measure = "o/<uuid:org>/plan/<uuid:action>/customer-measure"

urlpatterns = [
    path("o/<uuid:org>/journeys/", views.journey_list, name="journey_list"),
    path("o/<uuid:org>/journeys/new/", views.journey_create, name="journey_create"),
    path("o/<uuid:org>/journeys/<uuid:journey>/", views.journey_detail, name="journey_detail"),
    path(
        "o/<uuid:org>/journeys/<uuid:journey>/blueprint/", views_blueprint.journey_blueprint, name="journey_blueprint"
    ),
    path(
        "o/<uuid:org>/journeys/<uuid:journey>/blueprint.pdf",
        views_blueprint.journey_blueprint_pdf,
        name="journey_blueprint_pdf",
    ),
    path(
        "o/<uuid:org>/journeys/<uuid:journey>/blueprint.pptx",
        views_blueprint.journey_blueprint_pptx,
        name="journey_blueprint_pptx",
    ),
    path("o/<uuid:org>/journeys/<uuid:journey>/edit/", views.journey_edit, name="journey_edit"),
    path("o/<uuid:org>/journeys/<uuid:journey>/delete/", views.journey_delete, name="journey_delete"),
    path("o/<uuid:org>/journeys/<uuid:journey>/moments/new/", views.moment_create, name="moment_create"),
    path(f"{_moment}/edit/", views.moment_edit, name="moment_edit"),
    path(f"{_moment}/delete/", views.moment_delete, name="moment_delete"),
    path(f"{_moment}/move/", views.moment_move, name="moment_move"),
    path(f"{_moment}/links/", views.moment_links, name="moment_links"),
    path(f"{_moment}/links/<uuid:link>/qr/", views.moment_qr, name="moment_qr"),
    path("a/<uuid:assessment>/moments/export/<slug:kind>.<slug:fmt>", views.moments_export, name="moments_export"),
    path(f"{_measure}/", measures.measure_edit, name="customer_measure"),
    path(f"{_measure}/remove/", measures.measure_remove, name="customer_measure_remove"),
    path(f"{_measure}/record/", measures.measure_record, name="customer_measure_record"),
]
