"""URL patterns for the respondent questionnaire; included by assessments.urls.

Everything under r/ and t/ is public: the link token (or the session it moved into) is the key.
The fixed pages come before r/<token>/ so that words like "review" are never read as a token.
"""

from django.urls import path

from assessments.views import respond

urlpatterns = [
    path("r/", respond.resume, name="respond_resume"),
    path("r/start/", respond.start, name="respond_start"),
    path("r/step/<int:step>/", respond.step, name="respond_step"),
    path("r/review/", respond.review, name="respond_review"),
    path("r/submit/", respond.submit, name="respond_submit"),
    path("r/thanks/", respond.thanks, name="respond_thanks"),
    path("r/save/", respond.save, name="respond_save"),
    path("r/language/", respond.change_language, name="respond_language"),
    path("r/logo/", respond.logo, name="respond_logo"),
    path("r/<str:token>/", respond.enter_invitation, name="respond_invitation"),
    path("t/<str:token>/", respond.enter_team_link, name="respond_team_link"),
]
