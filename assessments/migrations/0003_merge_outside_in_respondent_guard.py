from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_outside_in"),
        ("assessments", "0002_respondent_guard"),
    ]

    operations = []
