"""Seed the thematic tags. (It also seeded `ParametreRegional` once: that table is gone, the rules are in the
register, `referentiel/data/cls.toml`.)"""

from django.db import migrations


def seed(apps, schema_editor):
    from cls.reference import seed as seed_reference

    seed_reference(apps.get_model("cls", "Thematique"))


class Migration(migrations.Migration):
    dependencies = [("cls", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
