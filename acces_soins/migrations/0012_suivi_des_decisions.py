"""COPIL decisions followed to closure (issue 18 §3): owner (person or organisation), due date, status with the reason
of an abandon, linked fiches actions and indicators, the follow-up log (`SuiviDecision`); the organisations of the
comité de pilotage on the plan (they receive the bilan of a frozen campaign). Existing decisions get their public id
in three steps (nullable, one uuid each, unique)."""

import uuid

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def give_public_ids(apps, schema_editor):
    Decision = apps.get_model("acces_soins", "Decision")
    for decision in Decision.objects.filter(public_id__isnull=True):
        decision.public_id = uuid.uuid4()
        decision.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("acces_soins", "0011_notes_semestrielles"),
        ("cls", "0011_signataire_organisation_or_name"),
        ("comptes", "0002_partenaire_type"),
        ("indicateurs", "0009_indicateur_fournisseurs"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalDecision_fiches",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalDecision_fiches",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDecision_indicateurs",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalDecision_indicateurs",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="SuiviDecision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "statut",
                    models.CharField(
                        choices=[
                            ("a_faire", "À faire"),
                            ("en_cours", "En cours"),
                            ("faite", "Faite"),
                            ("abandonnee", "Abandonnée"),
                        ],
                        max_length=12,
                        verbose_name="statut",
                    ),
                ),
                ("commentaire", models.TextField(blank=True, verbose_name="commentaire")),
                ("le", models.DateTimeField(auto_now_add=True, verbose_name="le")),
            ],
            options={
                "verbose_name": "suivi de décision",
                "verbose_name_plural": "suivis de décision",
                "ordering": ["decision", "le", "pk"],
            },
        ),
        migrations.AddField(
            model_name="decision",
            name="echeance",
            field=models.DateField(blank=True, null=True, verbose_name="échéance"),
        ),
        migrations.AddField(
            model_name="decision",
            name="fiches",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="cls.ficheaction", verbose_name="fiches actions concernées"
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="indicateurs",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="indicateurs.indicateur", verbose_name="indicateurs concernés"
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="motif_abandon",
            field=models.TextField(blank=True, verbose_name="motif de l'abandon"),
        ),
        migrations.AddField(
            model_name="decision",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="identifiant public"),
        ),
        migrations.AddField(
            model_name="decision",
            name="responsable_organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="decisions_suivies",
                to="comptes.organisation",
                verbose_name="responsable (organisation)",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="responsable_personne",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="decisions_suivies",
                to=settings.AUTH_USER_MODEL,
                verbose_name="responsable (personne)",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="statut",
            field=models.CharField(
                choices=[
                    ("a_faire", "À faire"),
                    ("en_cours", "En cours"),
                    ("faite", "Faite"),
                    ("abandonnee", "Abandonnée"),
                ],
                default="a_faire",
                max_length=12,
                verbose_name="statut",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="echeance",
            field=models.DateField(blank=True, null=True, verbose_name="échéance"),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="motif_abandon",
            field=models.TextField(blank=True, verbose_name="motif de l'abandon"),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="public_id",
            field=models.UUIDField(
                db_index=True, default=uuid.uuid4, editable=False, verbose_name="identifiant public"
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="responsable_organisation",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="comptes.organisation",
                verbose_name="responsable (organisation)",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="responsable_personne",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="responsable (personne)",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="statut",
            field=models.CharField(
                choices=[
                    ("a_faire", "À faire"),
                    ("en_cours", "En cours"),
                    ("faite", "Faite"),
                    ("abandonnee", "Abandonnée"),
                ],
                default="a_faire",
                max_length=12,
                verbose_name="statut",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="organisations_copil",
            field=models.ManyToManyField(
                blank=True,
                help_text="Leurs membres actifs reçoivent le bilan produit au gel d'une campagne de remontées.",
                related_name="+",
                to="comptes.organisation",
                verbose_name="organisations membres du comité de pilotage",
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("statut", "abandonnee"), _negated=True),
                    models.Q(("motif_abandon", ""), _negated=True),
                    _connector="OR",
                ),
                name="decision_abandon_motive",
                violation_error_message="Une décision abandonnée dit pourquoi.",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision_fiches",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="acces_soins.decision",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision_fiches",
            name="ficheaction",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cls.ficheaction",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision_fiches",
            name="history",
            field=models.ForeignKey(
                db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to="acces_soins.historicaldecision"
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision_indicateurs",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="acces_soins.decision",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision_indicateurs",
            name="history",
            field=models.ForeignKey(
                db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to="acces_soins.historicaldecision"
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision_indicateurs",
            name="indicateur",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="indicateurs.indicateur",
            ),
        ),
        migrations.AddField(
            model_name="suividecision",
            name="decision",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="suivis",
                to="acces_soins.decision",
                verbose_name="décision",
            ),
        ),
        migrations.AddField(
            model_name="suividecision",
            name="par",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="par",
            ),
        ),
        migrations.RunPython(give_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="decision",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="identifiant public"),
        ),
    ]
