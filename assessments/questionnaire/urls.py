"""URL patterns of the questionnaire: setting up assessments, invitations and progress (members), and the
respondent pages.

Everything under r/ and t/ is public: the link token (or the session it moved into) is the key.
The fixed pages come before r/<token>/ so that words like "review" are never read as a token.
"""

from django.urls import path

from assessments.questionnaire.views import (
    assessments,
    autosave,
    emails,
    invitations,
    link_guard,
    progress,
    reminders,
    respond,
    resume_link,
    rounds,
)

# The background save, the respondents' most frequent request: the project's URLs list it first, so
# resolving it does not try the hundred patterns before it (cxmaturity/urls.py).
save_urlpatterns = [path("r/save/", autosave.save, name="respond_save")]

urlpatterns = [
    path("o/<uuid:org>/assessments/", assessments.assessment_list, name="assessment_list"),
    path("o/<uuid:org>/assessments/new/", assessments.assessment_create, name="assessment_create"),
    path("a/<uuid:assessment>/", assessments.assessment_detail, name="assessment_detail"),
    path("a/<uuid:assessment>/edit/", assessments.assessment_edit, name="assessment_edit"),
    path("a/<uuid:assessment>/open/", assessments.assessment_open, name="assessment_open"),
    path("a/<uuid:assessment>/close/", assessments.assessment_close, name="assessment_close"),
    path("a/<uuid:assessment>/reopen/", assessments.assessment_reopen, name="assessment_reopen"),
    path("a/<uuid:assessment>/next-round/", rounds.assessment_next_round, name="assessment_next_round"),
    path("a/<uuid:assessment>/invitations/", invitations.assessment_invitations, name="assessment_invitations"),
    path("a/<uuid:assessment>/invitations/paste/", invitations.invitations_paste, name="invitations_paste"),
    path("a/<uuid:assessment>/invitations/upload/", invitations.invitations_upload, name="invitations_upload"),
    path(
        "a/<uuid:assessment>/invitations/imports/<uuid:job>/", invitations.invitation_import, name="invitation_import"
    ),
    path("a/<uuid:assessment>/invitations/remind/", invitations.invitations_remind, name="invitations_remind"),
    path("a/<uuid:assessment>/invitations/send/", invitations.invitations_send, name="invitations_send"),
    path("a/<uuid:assessment>/links/", invitations.team_link, name="team_link"),
    path("a/<uuid:assessment>/links/cap/", link_guard.team_link_cap, name="team_link_cap"),
    path(
        "a/<uuid:assessment>/invitations/<uuid:invitation>/withdraw/",
        invitations.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "a/<uuid:assessment>/invitations/<uuid:invitation>/correct/",
        invitations.invitation_correct,
        name="invitation_correct",
    ),
    path("a/<uuid:assessment>/emails/", emails.assessment_emails, name="assessment_emails"),
    path("a/<uuid:assessment>/emails/text/<str:kind>/<str:language>/", emails.email_text, name="email_text"),
    path("a/<uuid:assessment>/emails/send/<str:kind>/", emails.emails_send, name="emails_send"),
    path(
        "a/<uuid:assessment>/emails/planned/<uuid:planned>/cancel/", emails.planned_cancel, name="planned_emails_cancel"
    ),
    path("a/<uuid:assessment>/reminders/", reminders.assessment_reminders, name="assessment_reminders"),
    path("a/<uuid:assessment>/reminders/plan/", reminders.reminder_plan, name="reminder_plan"),
    path("a/<uuid:assessment>/progress/", progress.assessment_progress, name="assessment_progress"),
    path(
        "a/<uuid:assessment>/progress/responses/<uuid:response>/",
        progress.response_exclusion,
        name="response_exclusion",
    ),
    path("a/<uuid:assessment>/progress.json", progress.assessment_progress_json, name="assessment_progress_json"),
    path("r/", respond.resume, name="respond_resume"),
    path("r/start/", respond.start, name="respond_start"),
    path("r/step/<int:step>/", respond.step, name="respond_step"),
    path("r/review/", respond.review, name="respond_review"),
    path("r/submit/", respond.submit, name="respond_submit"),
    path("r/thanks/", respond.thanks, name="respond_thanks"),
    path("r/language/", respond.change_language, name="respond_language"),
    path("r/logo/", respond.logo, name="respond_logo"),
    path("r/continue/email/", resume_link.email_resume_link, name="respond_resume_email"),
    path("r/continue/<str:token>/", resume_link.enter_resume_link, name="respond_resume_link"),
    path("r/<str:token>/", respond.enter_invitation, name="respond_invitation"),
    path("t/<str:token>/", respond.enter_team_link, name="respond_team_link"),
]
