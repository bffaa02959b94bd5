from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0014_cell_tallies"),
        ("assessments", "0015_portfolio_stored_figures"),
    ]

    operations = []
