from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_merge_factor_ambition"),
        ("assessments", "0002_reminder_plans_and_report_starts"),
    ]

    operations = []
