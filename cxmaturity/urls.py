from django.contrib import admin
from django.urls import include, path

from assessments.organisations.views import auth

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Before the auth include so that sign-in goes through the rate-limited view.
    path("accounts/login/", auth.login, name="login"),
    path("accounts/password_reset/", auth.password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("model/", include("models_9plus.urls")),
    path("", include("assessments.urls")),
]

handler400 = "assessments.questionnaire.views.respond_states.bad_request"
handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = "assessments.core.errors.server_error"
