from django.db import migrations

# This migration used to seed professions, zones, dated parameters and aids. The parameters now live in the
# référentiel (referentiel/data/zonage.toml) and the professions, zones and aids are seeded by
# 0006_seed_aides_and_procedure from the current `zonage.seed`: nothing to do here any more.


class Migration(migrations.Migration):
    dependencies = [
        ("zonage", "0001_initial"),
    ]

    operations = []
