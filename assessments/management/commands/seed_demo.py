"""Create the demo organisations, people and assessments (idempotent)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from assessments import demo


class Command(BaseCommand):
    help = "Create demo organisations, users and assessments. Running it twice changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--respondents", type=int, default=60, help="synthetic responses in the closed demo scan")
        parser.add_argument("--json", action="store_true", help="print logins and assessments as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        respondents = options["respondents"]
        if respondents < 0 or respondents > 20000:
            raise CommandError("--respondents must be between 0 and 20000.")
        with transaction.atomic():
            people = demo.seed_people()
            assessments = demo.seed_assessments(respondents=respondents)
            demo.seed_benchmark()
        if options["json"]:
            self.stdout.write(json.dumps({"users": people, "assessments": assessments}, indent=2))
            return
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000 with:"))
        for person in people:
            orgs = ", ".join(person["organisations"])
            self.stdout.write(f"  {person['email']:<32} {person['password']:<20} {person['role']:<11} {orgs}")
        for item in assessments:
            self.stdout.write(f"  assessment {item['id']}: {item['title']} ({item['status']})")
            for url in item.get("invitation_urls", [])[:2]:
                self.stdout.write(f"    answer as a respondent: {url}")
