"""Semester reporting campaigns (issue 18 §1): the campaign of a région and semester, its contributions generated
from the data with their pre-filled lines, the transition log, the reminders sent, the errata of late contributions;
a bilan knows the campaign whose freeze produced it."""

import uuid

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("acces_soins", "0012_suivi_des_decisions"),
        ("comptes", "0002_partenaire_type"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("territoires", "0002_commune_vintages_and_overlays"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Campagne",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "public_id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="identifiant public"
                    ),
                ),
                ("region_code", models.CharField(max_length=3, verbose_name="code INSEE de la région")),
                (
                    "semestre",
                    models.CharField(
                        help_text="Par exemple 2026-S1.",
                        max_length=7,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{4}-S[12]$", "Format attendu : 2026-S1.")
                        ],
                        verbose_name="semestre",
                    ),
                ),
                (
                    "date_cloture",
                    models.DateField(
                        help_text="Dernier jour pour transmettre une contribution.",
                        verbose_name="clôture des remontées",
                    ),
                ),
                (
                    "cloture_regle",
                    models.CharField(
                        blank=True,
                        help_text="D'où vient la date proposée (valeur du référentiel, sa source, « à confirmer »).",
                        max_length=400,
                        verbose_name="règle de la date de clôture",
                    ),
                ),
                (
                    "statut",
                    models.CharField(
                        choices=[("ouverte", "Ouverte"), ("gelee", "Gelée")],
                        default="ouverte",
                        max_length=10,
                        verbose_name="statut",
                    ),
                ),
                ("ouverte_le", models.DateTimeField(auto_now_add=True, verbose_name="ouverte le")),
                ("gelee_le", models.DateTimeField(blank=True, null=True, verbose_name="gelée le")),
                (
                    "origine_gel",
                    models.CharField(
                        blank=True,
                        choices=[("siege", "Gel par le siège"), ("planification", "Clôture programmée")],
                        max_length=14,
                        verbose_name="origine du gel",
                    ),
                ),
                ("snapshot", models.JSONField(blank=True, editable=False, null=True, verbose_name="instantané gelé")),
            ],
            options={
                "verbose_name": "campagne de remontées",
                "verbose_name_plural": "campagnes de remontées",
                "ordering": ["-semestre", "region_code"],
            },
        ),
        migrations.CreateModel(
            name="Contribution",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "public_id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="identifiant public"
                    ),
                ),
                (
                    "type",
                    models.CharField(
                        choices=[
                            ("cls", "Coordination d'un contrat local de santé"),
                            ("cpts", "Porteur d'une CPTS"),
                            ("delegation", "Délégation départementale"),
                            ("partenaire", "Partenaire (Assurance maladie, URPS…)"),
                        ],
                        max_length=12,
                        verbose_name="contributeur",
                    ),
                ),
                (
                    "objet_id",
                    models.PositiveBigIntegerField(
                        default=0, help_text="0 : l'organisation elle-même.", verbose_name="objet suivi"
                    ),
                ),
                ("libelle", models.CharField(max_length=300, verbose_name="contribution")),
                (
                    "etat",
                    models.CharField(
                        choices=[
                            ("brouillon", "Brouillon"),
                            ("transmise", "Transmise"),
                            ("renvoyee", "Renvoyée"),
                            ("validee", "Validée"),
                            ("consolidee", "Consolidée"),
                        ],
                        default="brouillon",
                        max_length=12,
                        verbose_name="état",
                    ),
                ),
                ("motif", models.TextField(blank=True, verbose_name="motif du dernier renvoi")),
                (
                    "apres_gel",
                    models.BooleanField(
                        default=False,
                        help_text="Versée en erratum : hors des chiffres gelés.",
                        verbose_name="transmise après le gel",
                    ),
                ),
                ("transmise_le", models.DateTimeField(blank=True, null=True, verbose_name="transmise le")),
                ("prerempli", models.JSONField(blank=True, default=dict, verbose_name="chiffres calculés")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="modifiée le")),
            ],
            options={
                "verbose_name": "contribution",
                "verbose_name_plural": "contributions",
                "ordering": ["campagne", "departement__code", "type", "libelle"],
            },
        ),
        migrations.CreateModel(
            name="Erratum",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "public_id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="identifiant public"
                    ),
                ),
                ("cree_le", models.DateTimeField(auto_now_add=True, verbose_name="daté du")),
                ("contenu", models.JSONField(default=dict, verbose_name="contenu transmis")),
            ],
            options={
                "verbose_name": "erratum",
                "verbose_name_plural": "errata",
                "ordering": ["campagne", "cree_le", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCampagne",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "public_id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="identifiant public"
                    ),
                ),
                ("region_code", models.CharField(max_length=3, verbose_name="code INSEE de la région")),
                (
                    "semestre",
                    models.CharField(
                        help_text="Par exemple 2026-S1.",
                        max_length=7,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{4}-S[12]$", "Format attendu : 2026-S1.")
                        ],
                        verbose_name="semestre",
                    ),
                ),
                (
                    "date_cloture",
                    models.DateField(
                        help_text="Dernier jour pour transmettre une contribution.",
                        verbose_name="clôture des remontées",
                    ),
                ),
                (
                    "cloture_regle",
                    models.CharField(
                        blank=True,
                        help_text="D'où vient la date proposée (valeur du référentiel, sa source, « à confirmer »).",
                        max_length=400,
                        verbose_name="règle de la date de clôture",
                    ),
                ),
                (
                    "statut",
                    models.CharField(
                        choices=[("ouverte", "Ouverte"), ("gelee", "Gelée")],
                        default="ouverte",
                        max_length=10,
                        verbose_name="statut",
                    ),
                ),
                ("ouverte_le", models.DateTimeField(blank=True, editable=False, verbose_name="ouverte le")),
                ("gelee_le", models.DateTimeField(blank=True, null=True, verbose_name="gelée le")),
                (
                    "origine_gel",
                    models.CharField(
                        blank=True,
                        choices=[("siege", "Gel par le siège"), ("planification", "Clôture programmée")],
                        max_length=14,
                        verbose_name="origine du gel",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical campagne de remontées",
                "verbose_name_plural": "historical campagnes de remontées",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalContribution",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "public_id",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="identifiant public"
                    ),
                ),
                (
                    "type",
                    models.CharField(
                        choices=[
                            ("cls", "Coordination d'un contrat local de santé"),
                            ("cpts", "Porteur d'une CPTS"),
                            ("delegation", "Délégation départementale"),
                            ("partenaire", "Partenaire (Assurance maladie, URPS…)"),
                        ],
                        max_length=12,
                        verbose_name="contributeur",
                    ),
                ),
                (
                    "objet_id",
                    models.PositiveBigIntegerField(
                        default=0, help_text="0 : l'organisation elle-même.", verbose_name="objet suivi"
                    ),
                ),
                ("libelle", models.CharField(max_length=300, verbose_name="contribution")),
                (
                    "etat",
                    models.CharField(
                        choices=[
                            ("brouillon", "Brouillon"),
                            ("transmise", "Transmise"),
                            ("renvoyee", "Renvoyée"),
                            ("validee", "Validée"),
                            ("consolidee", "Consolidée"),
                        ],
                        default="brouillon",
                        max_length=12,
                        verbose_name="état",
                    ),
                ),
                ("motif", models.TextField(blank=True, verbose_name="motif du dernier renvoi")),
                (
                    "apres_gel",
                    models.BooleanField(
                        default=False,
                        help_text="Versée en erratum : hors des chiffres gelés.",
                        verbose_name="transmise après le gel",
                    ),
                ),
                ("transmise_le", models.DateTimeField(blank=True, null=True, verbose_name="transmise le")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="modifiée le")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical contribution",
                "verbose_name_plural": "historical contributions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="LigneContribution",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ordre", models.PositiveIntegerField(default=0, verbose_name="ordre")),
                ("kind", models.CharField(max_length=20, verbose_name="nature")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="identifiant de l'objet")),
                ("cle", models.CharField(blank=True, max_length=40, verbose_name="précision")),
                ("reference", models.CharField(blank=True, max_length=60, verbose_name="référence")),
                ("libelle", models.CharField(max_length=300, verbose_name="libellé")),
                ("priorite", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="priorité du plan")),
                ("requis", models.BooleanField(default=True, verbose_name="à renseigner")),
                ("complete", models.BooleanField(default=False, verbose_name="renseignée")),
                ("prerempli", models.JSONField(blank=True, default=dict, verbose_name="pré-remplissage")),
            ],
            options={
                "verbose_name": "ligne de contribution",
                "verbose_name_plural": "lignes de contribution",
                "ordering": ["contribution", "ordre", "pk"],
            },
        ),
        migrations.CreateModel(
            name="RappelCampagne",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("palier", models.CharField(max_length=10, verbose_name="palier")),
                ("date_reference", models.DateField(verbose_name="jour de l'envoi")),
                ("destinataires", models.JSONField(default=list, verbose_name="destinataires")),
                ("envoye_le", models.DateTimeField(auto_now_add=True, verbose_name="envoyé le")),
            ],
            options={
                "verbose_name": "rappel de campagne",
                "verbose_name_plural": "rappels de campagne",
                "ordering": ["contribution", "envoye_le"],
            },
        ),
        migrations.CreateModel(
            name="TransitionContribution",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "de",
                    models.CharField(
                        choices=[
                            ("brouillon", "Brouillon"),
                            ("transmise", "Transmise"),
                            ("renvoyee", "Renvoyée"),
                            ("validee", "Validée"),
                            ("consolidee", "Consolidée"),
                        ],
                        max_length=12,
                        verbose_name="état de départ",
                    ),
                ),
                (
                    "vers",
                    models.CharField(
                        choices=[
                            ("brouillon", "Brouillon"),
                            ("transmise", "Transmise"),
                            ("renvoyee", "Renvoyée"),
                            ("validee", "Validée"),
                            ("consolidee", "Consolidée"),
                        ],
                        max_length=12,
                        verbose_name="nouvel état",
                    ),
                ),
                ("le", models.DateTimeField(auto_now_add=True, verbose_name="le")),
                ("motif", models.TextField(blank=True, verbose_name="motif")),
            ],
            options={
                "verbose_name": "changement d'état de contribution",
                "verbose_name_plural": "changements d'état de contribution",
                "ordering": ["contribution", "le", "pk"],
            },
        ),
        migrations.AlterField(
            model_name="bilansemestriel",
            name="origine",
            field=models.CharField(
                choices=[
                    ("demande", "Demande d'un agent"),
                    ("calendrier", "Production programmée"),
                    ("commande", "Commande d'exploitation"),
                    ("campagne", "Gel d'une campagne de remontées"),
                ],
                default="demande",
                max_length=12,
                verbose_name="origine",
            ),
        ),
        migrations.AddField(
            model_name="campagne",
            name="gelee_par",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="gelée par",
            ),
        ),
        migrations.AddField(
            model_name="campagne",
            name="ouverte_par",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ouverte par",
            ),
        ),
        migrations.AddField(
            model_name="bilansemestriel",
            name="campagne",
            field=models.ForeignKey(
                blank=True,
                help_text="La campagne dont le gel a produit ce bilan.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bilans",
                to="acces_soins.campagne",
                verbose_name="campagne de remontées",
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="campagne",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="contributions",
                to="acces_soins.campagne",
                verbose_name="campagne",
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="departement",
            field=models.ForeignKey(
                blank=True,
                help_text="Sa délégation valide la contribution ; vide : le siège (contributeur régional).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="territoires.departement",
                verbose_name="département",
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="objet_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="type de l'objet suivi",
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contributions",
                to="comptes.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddField(
            model_name="erratum",
            name="campagne",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="errata",
                to="acces_soins.campagne",
                verbose_name="campagne",
            ),
        ),
        migrations.AddField(
            model_name="erratum",
            name="contribution",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="errata",
                to="acces_soins.contribution",
                verbose_name="contribution",
            ),
        ),
        migrations.AddField(
            model_name="erratum",
            name="par",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="transmis par",
            ),
        ),
        migrations.AddField(
            model_name="historicalcampagne",
            name="gelee_par",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="gelée par",
            ),
        ),
        migrations.AddField(
            model_name="historicalcampagne",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="historicalcampagne",
            name="ouverte_par",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ouverte par",
            ),
        ),
        migrations.AddField(
            model_name="historicalcontribution",
            name="campagne",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="acces_soins.campagne",
                verbose_name="campagne",
            ),
        ),
        migrations.AddField(
            model_name="historicalcontribution",
            name="departement",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Sa délégation valide la contribution ; vide : le siège (contributeur régional).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="territoires.departement",
                verbose_name="département",
            ),
        ),
        migrations.AddField(
            model_name="historicalcontribution",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="historicalcontribution",
            name="objet_type",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="type de l'objet suivi",
            ),
        ),
        migrations.AddField(
            model_name="historicalcontribution",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="comptes.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddField(
            model_name="lignecontribution",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype", verbose_name="type d'objet"
            ),
        ),
        migrations.AddField(
            model_name="lignecontribution",
            name="contribution",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lignes",
                to="acces_soins.contribution",
                verbose_name="contribution",
            ),
        ),
        migrations.AddField(
            model_name="lignecontribution",
            name="note",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="lignes",
                to="acces_soins.notesemestrielle",
                verbose_name="note",
            ),
        ),
        migrations.AddField(
            model_name="rappelcampagne",
            name="contribution",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="rappels", to="acces_soins.contribution"
            ),
        ),
        migrations.AddField(
            model_name="transitioncontribution",
            name="contribution",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="transitions", to="acces_soins.contribution"
            ),
        ),
        migrations.AddField(
            model_name="transitioncontribution",
            name="par",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="par",
            ),
        ),
        migrations.AddConstraint(
            model_name="campagne",
            constraint=models.UniqueConstraint(
                fields=("region_code", "semestre"),
                name="campagne_unique_region_semestre",
                violation_error_message="Une campagne existe déjà pour cette région et ce semestre.",
            ),
        ),
        migrations.AddConstraint(
            model_name="campagne",
            constraint=models.CheckConstraint(
                condition=models.Q(("semestre__regex", "^[0-9]{4}-S[12]$")), name="campagne_semestre_format"
            ),
        ),
        migrations.AddConstraint(
            model_name="campagne",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("statut", "gelee"), _negated=True),
                    models.Q(("gelee_le__isnull", False), ("snapshot__isnull", False)),
                    _connector="OR",
                ),
                name="campagne_gelee_a_un_instantane",
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.UniqueConstraint(
                fields=("campagne", "type", "organisation", "objet_id"), name="contribution_unique_contributeur"
            ),
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("etat", "renvoyee"), _negated=True),
                    models.Q(("motif", ""), _negated=True),
                    _connector="OR",
                ),
                name="contribution_renvoi_motive",
                violation_error_message="Un renvoi dit pourquoi.",
            ),
        ),
        migrations.AddConstraint(
            model_name="lignecontribution",
            constraint=models.UniqueConstraint(
                fields=("contribution", "content_type", "object_id", "cle"), name="ligne_unique_cible"
            ),
        ),
        migrations.AddConstraint(
            model_name="lignecontribution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("priorite__isnull", True), models.Q(("priorite__gte", 1), ("priorite__lte", 4)), _connector="OR"
                ),
                name="ligne_priorite_1_4",
            ),
        ),
        migrations.AddConstraint(
            model_name="rappelcampagne",
            constraint=models.UniqueConstraint(fields=("contribution", "palier"), name="rappel_campagne_unique"),
        ),
    ]
