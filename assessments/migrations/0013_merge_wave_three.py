# One merge of the parallel branches of issues 26 and 27.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0012_pulse_energy_pulse"),
        ("assessments", "0012_t_blueprint_board_link_group"),
        ("assessments", "0012_t_large_invitation_import"),
        ("assessments", "0012_t_measures_moment_measures"),
    ]

    operations = []
