"""Print an assessment's complete scoring result (the same, anonymity-safe figures the dashboard shows)."""

import json
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from assessments.core.languages import language_codes
from assessments.questionnaire.models import Assessment
from assessments.results import wording
from assessments.scoring import score_assessment


def _fmt(value, digits=1):
    return "—" if value is None else f"{value:.{digits}f}"


class Command(BaseCommand):
    help = "Score an assessment (by its public id) and print the result as a table or as JSON."

    def add_arguments(self, parser):
        parser.add_argument("assessment_id", help="the assessment's public id (a UUID)")
        parser.add_argument("--json", action="store_true", help="print the full result as JSON")
        parser.add_argument("--language", choices=language_codes(), default="en", help="language of names in the table")

    def handle(self, *args, **options):
        try:
            public_id = uuid.UUID(options["assessment_id"])
        except ValueError:
            raise CommandError(f"{options['assessment_id']!r} is not a valid assessment id (a UUID).") from None
        assessment = (
            Assessment.objects.select_related("organisation", "model_version").filter(public_id=public_id).first()
        )
        if assessment is None:
            raise CommandError(f"No assessment with id {public_id}.")
        result = score_assessment(assessment=assessment)
        if options["json"]:
            with translation.override(options["language"]):
                data = wording.result_json(result)
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        with translation.override(options["language"]):
            self._print_table(result, options["language"])

    def _print_table(self, result, lang):  # noqa: C901 (a table printer: one branch per column kind)
        out = self.stdout.write
        level = result.level(result.level_code)
        out(f"{result.title} — {result.organisation_name} ({result.status})")
        out(
            f"Respondents: {result.respondents}   Maturity index: {_fmt(result.index)}"
            f"   Level: {level.name(lang) if level else '—'}"
        )
        rate = result.response_rate
        if rate.rate is not None:
            out(f"Response rate: {rate.rate * 100:.0f}% ({rate.submitted} of {rate.invited + rate.link_responses})")
        t = result.thresholds
        out(f"Thresholds: scores {t.scores}, comments {t.comments}, spread {t.spread}")
        out("")
        header = f"{'group':<40} {'factor':<32} {'n':>5} {'mean':>5} {'score':>6} {'sd':>5} {'cons.':>6}"
        if result.ask_ambition:
            header += f" {'amb.':>5} {'gap':>6}"
        out(header)
        out("-" * len(header))
        for group in result.groups():
            name = f"{group.group.name(lang)} ({group.respondents})"
            if group.suppressed:
                out(f"{name[:40]:<40} {wording.cell_text(group, None, result.thresholds)}")
                continue
            for stats in group.factors:
                line = (
                    f"{name[:40]:<40} {result.factor(stats.factor_code).name(lang)[:32]:<32} {_fmt(stats.n, 0):>5}"
                    f" {_fmt(stats.mean, 2):>5} {_fmt(stats.score):>6}"
                    f" {_fmt(stats.sd, 2):>5} {_fmt(stats.consensus, 0):>6}"
                )
                if result.ask_ambition:
                    line += f" {_fmt(stats.ambition_mean, 2):>5} {_fmt(stats.gap, 2):>6}"
                out(line)
                name = ""
        out("")
        if result.priorities:
            out("Priorities:")
            for p in result.priorities:
                out(f"  {p.rank}. {result.factor(p.factor_code).name(lang)} (priority {p.value:.1f})")
                for action in p.advice(lang):
                    out(f"     - {action}")
        if result.alpha:
            out("Cronbach's alpha: " + ", ".join(f"{a.factor_code} {_fmt(a.alpha, 2)}" for a in result.alpha))
        if result.perception_gaps:
            out("Management vs staff: " + ", ".join(f"{g.factor_code} {_fmt(g.gap)}" for g in result.perception_gaps))
        if result.changes:
            out(
                "Change since previous round: " + ", ".join(f"{c.factor_code} {_fmt(c.change)}" for c in result.changes)
            )
        for block in result.comments:
            out(f"Comments on {result.factor(block.factor_code).name(lang)}:")
            for text in block.comments:
                out(f"  - {text}")
