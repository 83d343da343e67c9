"""Seed the indicative deadlines of the instruction circuit (instruction/seed.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from instruction.seed import seed as seed_deadlines

    seed_deadlines(apps)


def unseed(apps, schema_editor):
    from instruction.seed import SINCE

    apps.get_model("instruction", "Delai").objects.filter(kind="", valide_du=SINCE).delete()


class Migration(migrations.Migration):
    dependencies = [("instruction", "0004_message_reads_and_deadlines")]

    operations = [migrations.RunPython(seed, unseed)]
