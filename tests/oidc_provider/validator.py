"""The provider's claims: each user's e-mail address and name from the spec, and the per-client quirks."""

import time
from typing import Any

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class TestProviderValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope}

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        return dict(settings.OIDC_TEST_CLAIMS.get(request.user.username, {}))

    def get_id_token_dictionary(self, token: Any, token_handler: Any, request: Any) -> tuple[dict[str, Any], Any]:
        """A client's quirks make the provider misbehave on purpose, each in one way:

        - `id_token_audience`: its ID tokens name another client as their audience;
        - `id_token_lifetime`: its ID tokens live this many seconds (0: expired by the time anyone reads them);
        - `id_token_issuer`: its ID tokens name this issuer (another provider's) instead of this one.
        """
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        quirks = settings.OIDC_TEST_CLIENT_QUIRKS.get(request.client.client_id, {})
        if "id_token_audience" in quirks:
            claims["aud"] = quirks["id_token_audience"]
        if "id_token_lifetime" in quirks:
            claims["exp"] = int(time.time()) + int(quirks["id_token_lifetime"])
        if "id_token_issuer" in quirks:
            claims["iss"] = quirks["id_token_issuer"]
        return claims, expiration_time
