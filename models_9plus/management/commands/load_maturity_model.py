"""manage.py load_maturity_model PATH: load a model file as a new version (or change nothing)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from models_9plus.schema import ModelFileError
from models_9plus.services import load_model_file


class Command(BaseCommand):
    help = "Load a maturity-model file (YAML or JSON). Same content: no change; changed content: a new version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="for example models_9plus/data/nineplus.yaml")

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        try:
            result = load_model_file(path=path)
        except ModelFileError as exc:
            count = len(exc.errors)
            listing = "\n".join(f"  - {error}" for error in exc.errors)
            noun = "problem" if count == 1 else "problems"
            raise CommandError(f"{path} was not loaded; {count} {noun} found:\n{listing}") from None
        version = result.version
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Loaded {version.model.code} version {version.version_name}"))
        else:
            self.stdout.write(
                f"{version.model.code} version {version.version_name} unchanged (same content already loaded)"
            )
