"""Stages are dated: each logged change gets the date it took effect (`pipeline(on=…)` reads it). Existing rows take
the day they were recorded; `at` becomes settable (imports, demo)."""

import django.utils.timezone
from django.db import migrations, models


def date_from_at(apps, schema_editor):
    Transition = apps.get_model("cls", "EtapeTransition")
    for transition in Transition.objects.only("pk", "at").iterator():
        Transition.objects.filter(pk=transition.pk).update(date=django.utils.timezone.localdate(transition.at))


class Migration(migrations.Migration):
    dependencies = [("cls", "0009_contrat_departements_lineage_free_duration")]

    operations = [
        migrations.AlterModelOptions(
            name="etapetransition",
            options={"ordering": ["date", "at", "pk"], "verbose_name": "changement d'étape"},
        ),
        migrations.AddField(
            model_name="etapetransition",
            name="date",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="Par ex. la date de signature pour l'étape « Signé ».",
                verbose_name="date d'effet",
            ),
        ),
        migrations.AlterField(
            model_name="etapetransition",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="enregistré le"),
        ),
        migrations.AddIndex(
            model_name="etapetransition",
            index=models.Index(fields=["contrat", "date"], name="cls_etape_contrat_date_idx"),
        ),
        migrations.RunPython(date_from_at, migrations.RunPython.noop),
    ]
