"""/api/v1/… (the resources and the OpenAPI schema) and /api/docs/ (the documentation page)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView

from assessments.api import routes
from assessments.api.views.docs import api_docs
from assessments.api.views.tokens import organisation_token_revoke, organisation_tokens, token_list, token_revoke


class SchemaView(SpectacularAPIView):
    # The schema describes the API, not anybody's data: readable without a token.
    authentication_classes = []
    permission_classes = []
    throttle_classes = []


class JsonSchemaView(SpectacularJSONAPIView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = []


urlpatterns = [
    path("api/v1/", include(routes.urlpatterns)),
    path("api/v1/schema/", SchemaView.as_view(api_version="v1"), name="api-schema"),
    path("api/v1/schema/json/", JsonSchemaView.as_view(api_version="v1"), name="api-schema-json"),
    path("api/docs/", api_docs, name="api-docs"),
    path("account/api-tokens/", token_list, name="api_tokens"),
    path("account/api-tokens/<uuid:token>/revoke/", token_revoke, name="api_token_revoke"),
    path("o/<uuid:org>/api-tokens/", organisation_tokens, name="organisation_api_tokens"),
    path(
        "o/<uuid:org>/api-tokens/<uuid:token>/revoke/",
        organisation_token_revoke,
        name="organisation_api_token_revoke",
    ),
]
