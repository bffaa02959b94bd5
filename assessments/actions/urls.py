"""URL patterns of action plans, the trend, sharing results back and the respondents' summary."""

from django.urls import path

from assessments.actions.views import board, board_links, plan, sharing, team, trend

# Before the questionnaire's r/<token>/ (see assessments/urls.py): "summary" must never be read as a token.
respondent_urlpatterns = [
    path("r/summary/", sharing.summary_for_respondent, name="respondent_summary"),
]

# The read-only board link: public, by token (see actions/views/board.py).
board_urlpatterns = [
    path("b/<str:token>/", board.board_report, name="board_report"),
    path("b/<str:token>/report-<slug:language>.pdf", board.board_report_pdf, name="board_report_pdf"),
]

urlpatterns = [
    path("o/<uuid:org>/plan/", plan.action_plan, name="action_plan"),
    path("o/<uuid:org>/plan/new/", plan.action_create, name="action_create"),
    path("o/<uuid:org>/plan/export.<slug:fmt>", plan.plan_export, name="plan_export"),
    path("o/<uuid:org>/plan/<uuid:action>/", plan.action_detail, name="action_detail"),
    path("o/<uuid:org>/plan/<uuid:action>/edit/", plan.action_edit, name="action_edit"),
    path("o/<uuid:org>/plan/<uuid:action>/status/", plan.action_status, name="action_status"),
    path("o/<uuid:org>/trend/", trend.organisation_trend_page, name="organisation_trend"),
    path("a/<uuid:assessment>/plan/suggestion/", plan.action_from_suggestion, name="action_from_suggestion"),
    path("a/<uuid:assessment>/share/", sharing.assessment_sharing, name="assessment_sharing"),
    path("o/<uuid:org>/team-pages/", team.team_page_list, name="team_pages"),
    path("a/<uuid:assessment>/teams/<uuid:team>/", team.team_top_three, name="team_top_three"),
    path("a/<uuid:assessment>/share/board-links/", board_links.board_link_create, name="board_link_create"),
    path("a/<uuid:assessment>/share/group-links/", board_links.group_link_create, name="group_link_create"),
    path(
        "a/<uuid:assessment>/share/board-links/<uuid:board_link>/revoke/",
        board_links.board_link_revoke,
        name="board_link_revoke",
    ),
]
