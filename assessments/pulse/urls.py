"""URL patterns of the energy pulse (o/<org>/pulse/...)."""

from django.urls import path

from assessments.pulse import views

urlpatterns = [
    path("o/<uuid:org>/pulse/", views.my_pulse, name="pulse_mine"),
    path("o/<uuid:org>/pulse/switch/", views.switch, name="pulse_switch"),
    path("o/<uuid:org>/pulse/sponsor/", views.sponsor_view, name="pulse_sponsor"),
    path("o/<uuid:org>/pulse/settings/", views.programme_settings, name="pulse_settings"),
]
