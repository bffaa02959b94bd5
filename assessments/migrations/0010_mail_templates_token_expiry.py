import datetime

from django.db import migrations, models
from django.utils import timezone


def tokens_get_ninety_days(apps, schema_editor):
    # Tokens made before expiry existed keep working for the default lifetime from now on.
    ApiToken = apps.get_model("assessments", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=timezone.now() + datetime.timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0009_language_bilingual_actions_horizon"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(tokens_get_ninety_days, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
    ]
