"""A CLS spans several départements (each délégation concerned sees it), renews into CLS n+1 (`predecessor`), and
its duration is regional data (the register), not a 3–5 year CHECK constraint."""

import django.db.models.deletion
from django.db import migrations, models


def fill_departements(apps, schema_editor):
    """Départements concerned = the pilot one + every département the perimeter reaches."""
    Contrat = apps.get_model("cls", "ContratLocalSante")
    Commune = apps.get_model("territoires", "Commune")
    for contrat in Contrat.objects.all():
        reached = Commune.objects.filter(cls=contrat).values_list("departement_id", flat=True).distinct()
        contrat.departements.set({contrat.departement_id, *reached})


class Migration(migrations.Migration):
    dependencies = [
        ("cls", "0008_delete_parametreregional"),
        ("territoires", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="contratlocalsante", name="cls_contrat_duree_3_5_ans"),
        migrations.AddField(
            model_name="contratlocalsante",
            name="departements",
            field=models.ManyToManyField(
                blank=True,
                help_text="Tous les départements que le périmètre atteint, pilote compris : chaque délégation voit le contrat.",
                related_name="cls_concernes",
                to="territoires.departement",
                verbose_name="départements concernés",
            ),
        ),
        migrations.AddField(
            model_name="contratlocalsante",
            name="predecessor",
            field=models.OneToOneField(
                blank=True,
                help_text="Le contrat que celui-ci renouvelle.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="successor",
                to="cls.contratlocalsante",
                verbose_name="contrat précédent",
            ),
        ),
        migrations.AddField(
            model_name="contratlocalsante",
            name="rang",
            field=models.PositiveSmallIntegerField(
                default=1, help_text="1 pour un premier contrat, 2 pour son renouvellement, etc.", verbose_name="rang"
            ),
        ),
        migrations.AddField(
            model_name="historicalcontratlocalsante",
            name="predecessor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Le contrat que celui-ci renouvelle.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cls.contratlocalsante",
                verbose_name="contrat précédent",
            ),
        ),
        migrations.AddField(
            model_name="historicalcontratlocalsante",
            name="rang",
            field=models.PositiveSmallIntegerField(
                default=1, help_text="1 pour un premier contrat, 2 pour son renouvellement, etc.", verbose_name="rang"
            ),
        ),
        migrations.AlterField(
            model_name="contratlocalsante",
            name="departement",
            field=models.ForeignKey(
                help_text="Sa délégation instruit et pilote le contrat ; sa région fixe les règles applicables.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cls",
                to="territoires.departement",
                verbose_name="département pilote",
            ),
        ),
        migrations.AlterField(
            model_name="contratlocalsante",
            name="duree_annees",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Vide quand la fin est fixée autrement (par ex. sur la fin du PRS) : la date de fin fait foi.",
                null=True,
                verbose_name="durée (années)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcontratlocalsante",
            name="departement",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Sa délégation instruit et pilote le contrat ; sa région fixe les règles applicables.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="territoires.departement",
                verbose_name="département pilote",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcontratlocalsante",
            name="duree_annees",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Vide quand la fin est fixée autrement (par ex. sur la fin du PRS) : la date de fin fait foi.",
                null=True,
                verbose_name="durée (années)",
            ),
        ),
        migrations.AddConstraint(
            model_name="contratlocalsante",
            constraint=models.CheckConstraint(
                condition=models.Q(("duree_annees__isnull", True), ("duree_annees__gte", 1), _connector="OR"),
                name="cls_contrat_duree_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="contratlocalsante",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("date_fin__isnull", True),
                    ("date_signature__isnull", True),
                    ("date_fin__gt", models.F("date_signature")),
                    _connector="OR",
                ),
                name="cls_contrat_fin_apres_signature",
            ),
        ),
        migrations.RunPython(fill_departements, migrations.RunPython.noop),
    ]
