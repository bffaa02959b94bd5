"""What every API view shares: calls are logged per token; objects come only from the token's organisations."""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, User
from rest_framework import viewsets
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.generics import GenericAPIView

from assessments.api.models import ApiToken
from assessments.api.selectors import visible_organisations
from assessments.api.services import record_call
from assessments.organisations import selectors as organisation_selectors
from assessments.organisations.access import membership_for
from assessments.organisations.models import Organisation

if TYPE_CHECKING:
    from django.db.models import QuerySet


class TokenViewMixin(GenericAPIView):
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_converter = "uuid"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(getattr(request, "auth", None), ApiToken):
            record_call(token=request.auth, method=request.method, path=request.path, status=response.status_code)
        return response

    def member(self) -> User:
        """The token's owner (every API view requires a token, so never anonymous here)."""
        user = self.request.user
        if isinstance(user, AnonymousUser):
            raise NotAuthenticated
        return user

    def organisations(self) -> "QuerySet[Organisation]":
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request user
            return organisation_selectors.no_organisations()
        token = self.request.auth
        if not isinstance(token, ApiToken):
            raise NotAuthenticated
        return visible_organisations(user=self.member(), token=token)

    def check_manage(self, organisation: Organisation) -> None:
        """Viewers may read but not change (403), like in the browser."""
        membership = membership_for(user=self.member(), organisation=organisation)
        if membership is None or not membership.can_manage:
            raise PermissionDenied("Only the organisation's CX managers and consultants may do this.")


class ReadOnlyViewSet(TokenViewMixin, viewsets.ReadOnlyModelViewSet):
    pass


class GenericViewSet(TokenViewMixin, viewsets.GenericViewSet):
    pass
