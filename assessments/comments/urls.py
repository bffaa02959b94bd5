"""URL patterns of comment themes (managers only)."""

from django.urls import path

from assessments.comments import views

urlpatterns = [
    path("a/<uuid:assessment>/comments/", views.comments_page, name="assessment_comments"),
    path("a/<uuid:assessment>/comments/action/", views.comment_action, name="comment_action"),
    path("a/<uuid:assessment>/comments/export.<slug:fmt>", views.comments_export, name="comments_export"),
    path("a/<uuid:assessment>/comments/themes/", views.themes_page, name="comment_themes"),
    path("a/<uuid:assessment>/comments/themes/suggested/", views.add_starter_themes, name="comment_themes_starter"),
    path("a/<uuid:assessment>/comments/themes/<uuid:theme>/", views.theme_edit, name="comment_theme_edit"),
    path("a/<uuid:assessment>/comments/themes/<uuid:theme>/delete/", views.theme_delete, name="comment_theme_delete"),
]
