from django.db import migrations


def forwards(apps, schema_editor):
    from cpts.migrations._legacy_seed import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("cpts", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
