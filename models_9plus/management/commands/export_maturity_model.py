"""manage.py export_maturity_model CODE [--version N] [--output FILE]: write a version back out as YAML."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from models_9plus.models import ModelVersion
from models_9plus.services import export_model_yaml


class Command(BaseCommand):
    help = "Export a maturity-model version as YAML that load_maturity_model accepts (default: the latest)."

    def add_base_argument(self, parser: CommandParser, *args: Any, **kwargs: Any) -> None:
        # Here --version selects the model version, so Django's "print the Django version" option gives way.
        if "--version" not in args:
            super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the model code, for example nineplus")
        parser.add_argument("--version", type=int, dest="number", help="version number (default: the latest)")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(
        self, *args: Any, code: str, number: int | None = None, output: str | None = None, **options: Any
    ) -> None:
        versions = ModelVersion.objects.filter(model__code=code).order_by("-number")
        if not versions.exists():
            raise CommandError(f"No maturity model with code {code!r} is loaded.")
        version = versions.filter(number=number).first() if number is not None else versions.first()
        if version is None:
            available = ", ".join(str(n) for n in versions.values_list("number", flat=True))
            raise CommandError(f"{code} has no version {number} (available: {available}).")
        text = export_model_yaml(version=version)
        if output:
            try:
                Path(output).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc.strerror}") from None
            self.stderr.write(f"Exported {code} version {version.number} to {output}")
        else:
            self.stdout.write(text, ending="")
