from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0005_merge_reminder_plans"),
        ("assessments", "0002_action_plans"),
    ]

    operations = []
