"""Plan fidelity (issue 14), last part: once 0008 has given every status its source and date, they are required;
the free-text list of indicator codes is gone (the many-to-many replaced it)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("acces_soins", "0008_plan_fidelite_data"),
        ("indicateurs", "0007_remove_indicateur_mesure"),
        ("referentiel", "0001_initial"),
        ("territoires", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(
            model_name="historicalmesure",
            name="indicateurs_codes",
        ),
        migrations.RemoveField(
            model_name="mesure",
            name="indicateurs_codes",
        ),
        migrations.AlterField(
            model_name="declinaisonmesure",
            name="statut_date",
            field=models.DateField(help_text="Date de la source qui établit ce statut.", verbose_name="date du statut"),
        ),
        migrations.AlterField(
            model_name="historicaldeclinaisonmesure",
            name="statut_date",
            field=models.DateField(help_text="Date de la source qui établit ce statut.", verbose_name="date du statut"),
        ),
        migrations.AlterField(
            model_name="historicalmesure",
            name="niveau",
            field=models.CharField(
                choices=[("nationale", "Mesure nationale"), ("regionale", "Déclinaison régionale")],
                max_length=10,
                verbose_name="niveau",
            ),
        ),
        migrations.AlterField(
            model_name="historicalmesure",
            name="statut_date",
            field=models.DateField(help_text="Date de la source qui établit ce statut.", verbose_name="date du statut"),
        ),
        migrations.AlterField(
            model_name="mesure",
            name="niveau",
            field=models.CharField(
                choices=[("nationale", "Mesure nationale"), ("regionale", "Déclinaison régionale")],
                max_length=10,
                verbose_name="niveau",
            ),
        ),
        migrations.AlterField(
            model_name="mesure",
            name="statut_date",
            field=models.DateField(help_text="Date de la source qui établit ce statut.", verbose_name="date du statut"),
        ),
        migrations.AddConstraint(
            model_name="declinaisonmesure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("statut_document__isnull", False), models.Q(("statut_source", ""), _negated=True), _connector="OR"
                ),
                name="declinaison_statut_a_une_source",
                violation_error_message="Indiquez la source du statut.",
            ),
        ),
        migrations.AddConstraint(
            model_name="mesure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("statut_document__isnull", False), models.Q(("statut_source", ""), _negated=True), _connector="OR"
                ),
                name="mesure_statut_a_une_source",
                violation_error_message="Indiquez la source du statut.",
            ),
        ),
    ]
