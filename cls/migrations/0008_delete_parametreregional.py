"""The CLS rules move to the register (`referentiel`, seeded from `referentiel/data/cls.toml`, region by region).

The old table held Bretagne's values as defaults for every region: its rows are not copied."""

from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cls", "0007_delete_versement"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalParametreRegional"),
        migrations.DeleteModel(name="ParametreRegional"),
    ]
