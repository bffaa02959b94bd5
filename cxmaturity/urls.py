from django.contrib import admin
from django.urls import include, path

from assessments.organisations.views import auth

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Before allauth's URLs so that sign-in and the reset email go through the rate-limited views.
    path("accounts/login/", auth.login, name="login"),
    path("accounts/password/reset/", auth.password_reset, name="password_reset"),
    path("accounts/", include("allauth.urls")),
    path("model/", include("models_9plus.urls")),
    path("", include("assessments.urls")),
]

handler400 = "assessments.questionnaire.views.respond_states.bad_request"
handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = "assessments.core.errors.server_error"
