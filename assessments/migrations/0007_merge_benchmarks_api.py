from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_merge_action_plans"),
        ("assessments", "0002_benchmarks_api"),
    ]

    operations = []
