"""The free-text « mesure du plan » of an indicator is gone: the link is `acces_soins.Mesure.indicateurs`
(many-to-many). acces_soins 0008 copies the old text into that link first (it declares `run_before` this
migration, so that indicateurs never depends on the app above it)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("indicateurs", "0006_catalogue_fidelite")]

    operations = [
        migrations.RemoveField(model_name="historicalindicateur", name="mesure"),
        migrations.RemoveField(model_name="indicateur", name="mesure"),
    ]
