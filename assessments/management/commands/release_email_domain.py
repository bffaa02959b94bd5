"""Frees an e-mail domain that an organisation registered for its identity provider (for the administrator)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.organisations.email_domains import normalise_domain
from assessments.organisations.services.identity_providers import release_email_domain


class Command(BaseCommand):
    help = "Release an e-mail domain from the organisation whose identity provider signs it in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("domain", help="e.g. example.nl")

    def handle(self, *args: Any, domain: str, **options: Any) -> None:
        try:
            normalised = normalise_domain(domain)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages))
        organisation = release_email_domain(domain=normalised)
        if organisation is None:
            raise CommandError(f"No organisation has registered {normalised}.")
        self.stdout.write(f"Released {normalised} from {organisation.name}.")
