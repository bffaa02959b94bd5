from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from assessments.organisations.views import auth
from assessments.questionnaire.urls import save_urlpatterns

# The admin signs in through the product's sign-in (rate limit, lockout, second factor), not its own form.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    # First: the respondents' background save, by far the most frequent request (see save_urlpatterns).
    *save_urlpatterns,
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
