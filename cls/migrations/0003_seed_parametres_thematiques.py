"""Seed the regional CLS parameters (editable in the admin afterwards) and the thematic tags."""

from django.db import migrations


def seed(apps, schema_editor):
    from cls.reference import seed as seed_reference

    seed_reference(apps.get_model("cls", "Thematique"), apps.get_model("cls", "ParametreRegional"))


class Migration(migrations.Migration):
    dependencies = [("cls", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
