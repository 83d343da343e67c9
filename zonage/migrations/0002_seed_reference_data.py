from django.db import migrations


def seed(apps, schema_editor):
    from zonage.seed import seed as run

    run(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("zonage", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
