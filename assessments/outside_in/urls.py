"""URL patterns of the customer check: the Outside-in tab (members) and the public customer page c/<token>/."""

from django.urls import path

from assessments.outside_in.views import customer, estimate, manage

urlpatterns = [
    path("a/<uuid:assessment>/outside-in/", manage.outside_in_page, name="outside_in"),
    path("a/<uuid:assessment>/outside-in/enable/", manage.enable_check, name="outside_in_enable"),
    path("a/<uuid:assessment>/outside-in/settings/", manage.check_settings, name="outside_in_settings"),
    path("a/<uuid:assessment>/outside-in/links/", manage.add_link, name="outside_in_add_link"),
    path("a/<uuid:assessment>/outside-in/links/<uuid:link>/active/", manage.toggle_link, name="outside_in_toggle_link"),
    path("a/<uuid:assessment>/outside-in/import/", manage.import_figures, name="outside_in_import"),
    path("a/<uuid:assessment>/outside-in/import/delete/", manage.delete_imported, name="outside_in_delete_imported"),
    path("a/<uuid:assessment>/outside-in/summary.json", manage.summary_json_view, name="outside_in_json"),
    path("a/<uuid:assessment>/outside-in/export/<slug:kind>.<slug:fmt>", manage.export, name="outside_in_export"),
    path("r/customers/estimate/", estimate.save_estimate, name="respond_customer_estimate"),
    path("c/<str:token>/", customer.customer_form, name="customer_form"),
    path("c/<str:token>/thanks/", customer.customer_thanks, name="customer_thanks"),
    path("c/<str:token>/logo/", customer.customer_logo, name="customer_logo"),
]
