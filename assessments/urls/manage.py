"""URL patterns for setting up assessments, inviting people and following progress."""

from django.urls import path

from assessments.views.manage import assessments, invitations, progress

urlpatterns = [
    path("o/<uuid:org>/assessments/", assessments.assessment_list, name="assessment_list"),
    path("o/<uuid:org>/assessments/new/", assessments.assessment_create, name="assessment_create"),
    path("a/<uuid:assessment>/", assessments.assessment_detail, name="assessment_detail"),
    path("a/<uuid:assessment>/edit/", assessments.assessment_edit, name="assessment_edit"),
    path("a/<uuid:assessment>/open/", assessments.assessment_open, name="assessment_open"),
    path("a/<uuid:assessment>/close/", assessments.assessment_close, name="assessment_close"),
    path("a/<uuid:assessment>/reopen/", assessments.assessment_reopen, name="assessment_reopen"),
    path("a/<uuid:assessment>/invitations/", invitations.assessment_invitations, name="assessment_invitations"),
    path("a/<uuid:assessment>/invitations/paste/", invitations.invitations_paste, name="invitations_paste"),
    path("a/<uuid:assessment>/invitations/upload/", invitations.invitations_upload, name="invitations_upload"),
    path("a/<uuid:assessment>/invitations/remind/", invitations.invitations_remind, name="invitations_remind"),
    path("a/<uuid:assessment>/invitations/send/", invitations.invitations_send, name="invitations_send"),
    path("a/<uuid:assessment>/links/", invitations.team_link, name="team_link"),
    path("a/<uuid:assessment>/progress/", progress.assessment_progress, name="assessment_progress"),
    path("a/<uuid:assessment>/progress.json", progress.assessment_progress_json, name="assessment_progress_json"),
]
