from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_merge_outside_in_respondent_guard"),
        ("assessments", "0002_factor_ambition"),
    ]

    operations = []
