"""Plan fidelity (issue 14), schema part: a source document and date for every status, the measure's level
(national measure / regional roll-out), the plan's pilot roles, documents of the référentiel for the plan and the
catalogue of solutions, and ONE link measure ↔ indicator (many-to-many, replacing the JSON list of codes)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("acces_soins", "0006_action_beneficiaire"),
        ("indicateurs", "0005_reperes_sources_and_sens"),
        ("referentiel", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The free-text list of indicator codes is kept under another name until 0008 has turned it into the
        # many-to-many below; 0009 removes it.
        migrations.RenameField(model_name="historicalmesure", old_name="indicateurs", new_name="indicateurs_codes"),
        migrations.RenameField(model_name="mesure", old_name="indicateurs", new_name="indicateurs_codes"),
        migrations.AddField(
            model_name="declinaisonmesure",
            name="statut_date",
            field=models.DateField(
                help_text="Date de la source qui établit ce statut.", null=True, verbose_name="date du statut"
            ),
        ),
        migrations.AddField(
            model_name="declinaisonmesure",
            name="statut_date_libelle",
            field=models.CharField(
                blank=True,
                help_text="Par ex. « décembre 2017 » quand le jour manque.",
                max_length=60,
                verbose_name="date telle que publiée",
            ),
        ),
        migrations.AddField(
            model_name="declinaisonmesure",
            name="statut_document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="referentiel.source",
                verbose_name="document source du statut",
            ),
        ),
        migrations.AddField(
            model_name="declinaisonmesure",
            name="statut_source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document ; sans document : la séance du comité, le courrier… qui établit ce statut.",
                max_length=300,
                verbose_name="source du statut",
            ),
        ),
        migrations.AddField(
            model_name="historicaldeclinaisonmesure",
            name="statut_date",
            field=models.DateField(
                help_text="Date de la source qui établit ce statut.", null=True, verbose_name="date du statut"
            ),
        ),
        migrations.AddField(
            model_name="historicaldeclinaisonmesure",
            name="statut_date_libelle",
            field=models.CharField(
                blank=True,
                help_text="Par ex. « décembre 2017 » quand le jour manque.",
                max_length=60,
                verbose_name="date telle que publiée",
            ),
        ),
        migrations.AddField(
            model_name="historicaldeclinaisonmesure",
            name="statut_document",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="referentiel.source",
                verbose_name="document source du statut",
            ),
        ),
        migrations.AddField(
            model_name="historicaldeclinaisonmesure",
            name="statut_source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document ; sans document : la séance du comité, le courrier… qui établit ce statut.",
                max_length=300,
                verbose_name="source du statut",
            ),
        ),
        migrations.AddField(
            model_name="historicalmesure",
            name="niveau",
            field=models.CharField(
                choices=[("nationale", "Mesure nationale"), ("regionale", "Déclinaison régionale")],
                default="",
                max_length=10,
                verbose_name="niveau",
            ),
        ),
        migrations.AddField(
            model_name="historicalmesure",
            name="statut_date",
            field=models.DateField(
                help_text="Date de la source qui établit ce statut.", null=True, verbose_name="date du statut"
            ),
        ),
        migrations.AddField(
            model_name="historicalmesure",
            name="statut_date_libelle",
            field=models.CharField(
                blank=True,
                help_text="Par ex. « décembre 2017 » quand le jour manque.",
                max_length=60,
                verbose_name="date telle que publiée",
            ),
        ),
        migrations.AddField(
            model_name="historicalmesure",
            name="statut_document",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="referentiel.source",
                verbose_name="document source du statut",
            ),
        ),
        migrations.AddField(
            model_name="historicalmesure",
            name="statut_source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document ; sans document : la séance du comité, le courrier… qui établit ce statut.",
                max_length=300,
                verbose_name="source du statut",
            ),
        ),
        migrations.AddField(
            model_name="historicalplan",
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
            model_name="historicalsolution",
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
            model_name="mesure",
            name="niveau",
            field=models.CharField(
                choices=[("nationale", "Mesure nationale"), ("regionale", "Déclinaison régionale")],
                default="",
                max_length=10,
                verbose_name="niveau",
            ),
        ),
        migrations.AddField(
            model_name="mesure",
            name="statut_date",
            field=models.DateField(
                help_text="Date de la source qui établit ce statut.", null=True, verbose_name="date du statut"
            ),
        ),
        migrations.AddField(
            model_name="mesure",
            name="statut_date_libelle",
            field=models.CharField(
                blank=True,
                help_text="Par ex. « décembre 2017 » quand le jour manque.",
                max_length=60,
                verbose_name="date telle que publiée",
            ),
        ),
        migrations.AddField(
            model_name="mesure",
            name="statut_document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="referentiel.source",
                verbose_name="document source du statut",
            ),
        ),
        migrations.AddField(
            model_name="mesure",
            name="statut_source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document ; sans document : la séance du comité, le courrier… qui établit ce statut.",
                max_length=300,
                verbose_name="source du statut",
            ),
        ),
        migrations.AddField(
            model_name="plan",
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
            model_name="solution",
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
        migrations.AlterField(
            model_name="historicalmesure",
            name="pilote",
            field=models.CharField(
                blank=True,
                help_text="Le plan ne désigne pas de pilote par mesure : à renseigner seulement quand l'ARS en nomme un.",
                max_length=200,
                verbose_name="pilote désigné par l'ARS",
            ),
        ),
        migrations.AlterField(
            model_name="historicalplan",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document, ou la source en texte.",
                max_length=250,
                verbose_name="source ou passage",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsolution",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Les mots du document entre guillemets ; sans document : d'où vient la solution.",
                max_length=600,
                verbose_name="source ou passage",
            ),
        ),
        migrations.AlterField(
            model_name="mesure",
            name="pilote",
            field=models.CharField(
                blank=True,
                help_text="Le plan ne désigne pas de pilote par mesure : à renseigner seulement quand l'ARS en nomme un.",
                max_length=200,
                verbose_name="pilote désigné par l'ARS",
            ),
        ),
        migrations.AlterField(
            model_name="plan",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Le passage du document, ou la source en texte.",
                max_length=250,
                verbose_name="source ou passage",
            ),
        ),
        migrations.AlterField(
            model_name="solution",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Les mots du document entre guillemets ; sans document : d'où vient la solution.",
                max_length=600,
                verbose_name="source ou passage",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalMesure_indicateurs",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="acces_soins.historicalmesure",
                    ),
                ),
                (
                    "indicateur",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="indicateurs.indicateur",
                    ),
                ),
                (
                    "mesure",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="acces_soins.mesure",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMesure_indicateurs",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRolePilotage",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "niveau",
                    models.CharField(
                        choices=[
                            ("region", "Région"),
                            ("territoire", "Territoire de démocratie sanitaire"),
                            ("proximite", "Territoire de proximité"),
                        ],
                        max_length=12,
                        verbose_name="niveau territorial",
                    ),
                ),
                ("intitule", models.CharField(max_length=200, verbose_name="pilote")),
                (
                    "missions",
                    models.TextField(
                        help_text="Une mission par ligne, telles que le plan les énumère.", verbose_name="missions"
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=300, verbose_name="passage")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="referentiel.source",
                        verbose_name="document source",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="acces_soins.plan",
                        verbose_name="plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical rôle de pilotage",
                "verbose_name_plural": "historical rôles de pilotage",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="mesure",
            name="indicateurs",
            field=models.ManyToManyField(
                blank=True, related_name="mesures", to="indicateurs.indicateur", verbose_name="indicateurs liés"
            ),
        ),
        migrations.CreateModel(
            name="RolePilotage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "niveau",
                    models.CharField(
                        choices=[
                            ("region", "Région"),
                            ("territoire", "Territoire de démocratie sanitaire"),
                            ("proximite", "Territoire de proximité"),
                        ],
                        max_length=12,
                        verbose_name="niveau territorial",
                    ),
                ),
                ("intitule", models.CharField(max_length=200, verbose_name="pilote")),
                (
                    "missions",
                    models.TextField(
                        help_text="Une mission par ligne, telles que le plan les énumère.", verbose_name="missions"
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=300, verbose_name="passage")),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="referentiel.source",
                        verbose_name="document source",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="roles",
                        to="acces_soins.plan",
                        verbose_name="plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "rôle de pilotage",
                "verbose_name_plural": "rôles de pilotage",
                "ordering": ["plan", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("plan", "niveau"), name="role_pilotage_unique_plan_niveau")
                ],
            },
        ),
    ]
