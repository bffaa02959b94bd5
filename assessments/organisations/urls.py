"""URL patterns for organisations, teams, roles and people; included by assessments.urls.

Every object is addressed by its organisation's public id and its own; never by a sequential key.
"""

from django.urls import path

from assessments.organisations.views import identity_provider, organisations, people, teams

urlpatterns = [
    path("", organisations.home, name="home"),
    path("o/", organisations.organisation_list, name="organisation_list"),
    path("o/new/", organisations.organisation_create, name="organisation_create"),
    path("o/<uuid:org>/", organisations.organisation_detail, name="organisation_detail"),
    path("o/<uuid:org>/settings/", organisations.organisation_settings, name="organisation_settings"),
    path(
        "o/<uuid:org>/settings/sign-in/",
        identity_provider.identity_provider_settings,
        name="identity_provider_settings",
    ),
    path(
        "o/<uuid:org>/settings/sign-in/remove/",
        identity_provider.identity_provider_remove,
        name="identity_provider_remove",
    ),
    path("o/<uuid:org>/logo/", organisations.organisation_logo, name="organisation_logo"),
    path("o/<uuid:org>/delete/", organisations.organisation_delete, name="organisation_delete"),
    path("o/<uuid:org>/activity/", organisations.activity_log, name="activity_log"),
    path("o/<uuid:org>/teams/", teams.team_list, name="team_list"),
    path("o/<uuid:org>/teams/new/", teams.team_create, name="team_create"),
    path("o/<uuid:org>/teams/<uuid:team>/edit/", teams.team_edit, name="team_edit"),
    path("o/<uuid:org>/teams/<uuid:team>/delete/", teams.team_delete, name="team_delete"),
    path("o/<uuid:org>/roles/", teams.role_list, name="role_list"),
    path("o/<uuid:org>/roles/new/", teams.role_create, name="role_create"),
    path("o/<uuid:org>/roles/<uuid:role>/edit/", teams.role_edit, name="role_edit"),
    path("o/<uuid:org>/roles/<uuid:role>/delete/", teams.role_delete, name="role_delete"),
    path("o/<uuid:org>/people/", people.member_list, name="member_list"),
    path("o/<uuid:org>/people/invite/", people.member_invite, name="member_invite"),
    path("o/<uuid:org>/people/<uuid:member>/role/", people.member_role, name="member_role"),
    path("o/<uuid:org>/people/<uuid:member>/remove/", people.member_remove, name="member_remove"),
    path(
        "o/<uuid:org>/people/invitations/<uuid:invitation>/revoke/",
        people.invitation_revoke,
        name="member_invitation_revoke",
    ),
    path("join/<str:token>/", people.join, name="join"),
    path("sign-in/organisation/", identity_provider.organisation_sign_in, name="organisation_sign_in"),
]
