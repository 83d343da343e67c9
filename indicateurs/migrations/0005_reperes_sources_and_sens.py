"""Indicator fidelity (issue 14), schema part: baselines and targets get a source document of the référentiel, a
qualifier (« plus de 330 »), « à confirmer » and a note; an indicator's direction gets its document or is
« à confirmer »."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicateurs", "0004_fiche_indicateurs"),
        ("referentiel", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="baseline",
            name="a_confirmer",
            field=models.BooleanField(default=False, verbose_name="à confirmer"),
        ),
        migrations.AddField(
            model_name="baseline",
            name="document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="referentiel.source",
                verbose_name="document source",
            ),
        ),
        migrations.AddField(
            model_name="baseline",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AddField(
            model_name="baseline",
            name="qualificatif",
            field=models.CharField(
                blank=True,
                choices=[("", "exactement"), ("plus_de", "plus de"), ("environ", "environ"), ("moins_de", "moins de")],
                default="",
                help_text="« plus de 330 » : la source ne donne pas le chiffre exact.",
                max_length=10,
                verbose_name="qualificatif",
            ),
        ),
        migrations.AddField(
            model_name="cible",
            name="a_confirmer",
            field=models.BooleanField(default=False, verbose_name="à confirmer"),
        ),
        migrations.AddField(
            model_name="cible",
            name="document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="referentiel.source",
                verbose_name="document source",
            ),
        ),
        migrations.AddField(
            model_name="cible",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AddField(
            model_name="cible",
            name="qualificatif",
            field=models.CharField(
                blank=True,
                choices=[("", "exactement"), ("plus_de", "plus de"), ("environ", "environ"), ("moins_de", "moins de")],
                default="",
                help_text="« plus de 330 » : la source ne donne pas le chiffre exact.",
                max_length=10,
                verbose_name="qualificatif",
            ),
        ),
        migrations.AddField(
            model_name="historicalbaseline",
            name="a_confirmer",
            field=models.BooleanField(default=False, verbose_name="à confirmer"),
        ),
        migrations.AddField(
            model_name="historicalbaseline",
            name="document",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="referentiel.source",
                verbose_name="document source",
            ),
        ),
        migrations.AddField(
            model_name="historicalbaseline",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AddField(
            model_name="historicalbaseline",
            name="qualificatif",
            field=models.CharField(
                blank=True,
                choices=[("", "exactement"), ("plus_de", "plus de"), ("environ", "environ"), ("moins_de", "moins de")],
                default="",
                help_text="« plus de 330 » : la source ne donne pas le chiffre exact.",
                max_length=10,
                verbose_name="qualificatif",
            ),
        ),
        migrations.AddField(
            model_name="historicalcible",
            name="a_confirmer",
            field=models.BooleanField(default=False, verbose_name="à confirmer"),
        ),
        migrations.AddField(
            model_name="historicalcible",
            name="document",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="referentiel.source",
                verbose_name="document source",
            ),
        ),
        migrations.AddField(
            model_name="historicalcible",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AddField(
            model_name="historicalcible",
            name="qualificatif",
            field=models.CharField(
                blank=True,
                choices=[("", "exactement"), ("plus_de", "plus de"), ("environ", "environ"), ("moins_de", "moins de")],
                default="",
                help_text="« plus de 330 » : la source ne donne pas le chiffre exact.",
                max_length=10,
                verbose_name="qualificatif",
            ),
        ),
        migrations.AddField(
            model_name="historicalindicateur",
            name="sens_a_confirmer",
            field=models.BooleanField(
                default=True,
                help_text="Tant qu'aucun document ne fonde le sens d'amélioration.",
                verbose_name="sens à confirmer",
            ),
        ),
        migrations.AddField(
            model_name="historicalindicateur",
            name="sens_document",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="referentiel.source",
                verbose_name="document qui fonde le sens",
            ),
        ),
        migrations.AddField(
            model_name="historicalindicateur",
            name="sens_source",
            field=models.CharField(blank=True, max_length=300, verbose_name="passage qui fonde le sens"),
        ),
        migrations.AddField(
            model_name="indicateur",
            name="sens_a_confirmer",
            field=models.BooleanField(
                default=True,
                help_text="Tant qu'aucun document ne fonde le sens d'amélioration.",
                verbose_name="sens à confirmer",
            ),
        ),
        migrations.AddField(
            model_name="indicateur",
            name="sens_document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="referentiel.source",
                verbose_name="document qui fonde le sens",
            ),
        ),
        migrations.AddField(
            model_name="indicateur",
            name="sens_source",
            field=models.CharField(blank=True, max_length=300, verbose_name="passage qui fonde le sens"),
        ),
        migrations.AlterField(
            model_name="baseline",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document, ou la source en texte.",
                max_length=250,
                verbose_name="source ou passage",
            ),
        ),
        migrations.AlterField(
            model_name="cible",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document, ou la source en texte.",
                max_length=250,
                verbose_name="source ou passage",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbaseline",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document, ou la source en texte.",
                max_length=250,
                verbose_name="source ou passage",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcible",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document, ou la source en texte.",
                max_length=250,
                verbose_name="source ou passage",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicateur",
            constraint=models.CheckConstraint(
                condition=models.Q(("sens_a_confirmer", True), ("sens_document__isnull", False), _connector="OR"),
                name="indicateur_sens_source_ou_a_confirmer",
                violation_error_message="Un sens d'amélioration sans document source est « à confirmer ».",
            ),
        ),
    ]
