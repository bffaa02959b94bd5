"""Issue 23, items 8 and 9: plan actions keep model texts in both languages; an assessment has an ambition horizon.

The data step links existing actions to the text they came from. A title equal to a library action (or, in
version 1 models, an advice line) of the action's factor in its round's model gets both languages; so does a
success measure in the generated form "<factor> ≥ <n> next round" (or its Dutch translation). Notes that are
just the library's how-to are cleared: the action page shows the how-to from the library, in the reader's
language. Everything else was typed by a manager and stays as typed.
"""

import re

from django.db import migrations, models

# The generated success measure as it was written before this migration, in each language.
MEASURE_PATTERNS = {
    "en": re.compile(r"^(?P<factor>.+) ≥ (?P<target>\d+) next round$"),
    "nl": re.compile(r"^(?P<factor>.+) ≥ (?P<target>\d+) in de volgende ronde$"),
}
MEASURE_TEXTS = {"en": "{factor} ≥ {target} next round", "nl": "{factor} ≥ {target} in de volgende ronde"}


def _library_titles(apps, action):
    """(title_en, title_nl, library code, how-tos) of the model text the action's title was copied from, or None."""
    if action.assessment_id is None:
        return None
    Action = apps.get_model("models_9plus", "Action")
    Advice = apps.get_model("models_9plus", "Advice")
    version_id = action.assessment.model_version_id
    items = Action.objects.filter(factor__version_id=version_id, factor__code=action.factor_code)
    for item in items:
        if item.code == action.library_code or action.title in (item.title_en, item.title_nl):
            return item.title_en, item.title_nl, item.code, (item.how_to_en, item.how_to_nl)
    for advice in Advice.objects.filter(factor__version_id=version_id, factor__code=action.factor_code):
        for line_en, line_nl in zip(advice.actions_en, advice.actions_nl, strict=False):
            if action.title in (line_en, line_nl):
                return line_en, line_nl, "", ()
    return None


def _measures(action):
    for language, pattern in MEASURE_PATTERNS.items():
        match = pattern.match(action.success_measure)
        if match and match["factor"] == getattr(action, f"factor_name_{language}"):
            return {
                lang: text.format(factor=getattr(action, f"factor_name_{lang}"), target=match["target"])
                for lang, text in MEASURE_TEXTS.items()
            }
    return None


def link_texts(apps, schema_editor):
    PlanAction = apps.get_model("assessments", "PlanAction")
    for action in PlanAction.objects.select_related("assessment").iterator():
        changed = []
        titles = _library_titles(apps, action)
        if titles is not None:
            action.title_en, action.title_nl = titles[0][:200], titles[1][:200]
            changed += ["title_en", "title_nl"]
            if titles[2] and not action.library_code:
                action.library_code = titles[2]
                changed.append("library_code")
            # The how-to was copied into the notes; the detail page now reads it from the library.
            if action.notes and action.notes in titles[3]:
                action.notes = ""
                changed.append("notes")
        measures = _measures(action)
        if measures is not None:
            action.success_measure_en, action.success_measure_nl = measures["en"][:300], measures["nl"][:300]
            changed += ["success_measure_en", "success_measure_nl"]
        if changed:
            action.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0008_response_factor_sums"),
        ("models_9plus", "0002_version2_action_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="ambition_horizon",
            field=models.PositiveSmallIntegerField(
                choices=[(12, "in twelve months"), (24, "in two years")], default=12, verbose_name="ambition horizon"
            ),
        ),
        migrations.AddField(
            model_name="planaction",
            name="success_measure_en",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="planaction",
            name="success_measure_nl",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="planaction",
            name="title_en",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="planaction",
            name="title_nl",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(link_texts, migrations.RunPython.noop),
    ]
