"""Creates the first administrator of an installation (sign-up closed, or before anyone signed up)."""

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from assessments.organisations.services.members import create_administrator


class Command(BaseCommand):
    help = (
        "Create an administrator (superuser) whose email address counts as confirmed. The password comes from "
        "CXM_ADMIN_PASSWORD or is asked for twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The administrator's email address (she signs in with it).")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        password = os.environ.get("CXM_ADMIN_PASSWORD") or self._ask_password()
        try:
            validate_password(password)
            create_administrator(email=email, password=password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Administrator {email} created. Sign in at /accounts/login/.")

    def _ask_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return first
