"""Signatories: a type and an organisation of the portal or a free name, with no limit per type. Rows without a
name get one: the porteur's organisation for the collectivité, the type's label otherwise."""

import django.db.models.deletion
from django.db import migrations, models

LABELS = {
    "ars": "Agence régionale de santé",
    "prefet": "Préfet",
    "conseil_departemental": "Conseil départemental",
    "conseil_regional": "Conseil régional",
    "cpam": "CPAM",
    "caf": "CAF",
    "centre_hospitalier": "Centre hospitalier",
    "education_nationale": "Éducation nationale",
    "cpts": "CPTS",
    "autre": "Autre signataire",
}


def name_the_unnamed(apps, schema_editor):
    Signataire = apps.get_model("cls", "Signataire")
    for signataire in Signataire.objects.filter(nom="").select_related("contrat"):
        if signataire.type == "collectivite":
            signataire.organisation_id = signataire.contrat.porteur_id
        else:
            signataire.nom = LABELS.get(signataire.type, signataire.type)
        signataire.save(update_fields=["organisation", "nom"])


class Migration(migrations.Migration):
    dependencies = [
        ("cls", "0010_etapetransition_date"),
        ("comptes", "0002_partenaire_type"),
    ]

    operations = [
        migrations.AlterModelOptions(name="signataire", options={"ordering": ["pk"], "verbose_name": "signataire"}),
        migrations.RemoveConstraint(model_name="signataire", name="cls_signataire_unique"),
        migrations.AddField(
            model_name="signataire",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                help_text="Une organisation du portail ; sinon, écrivez son nom.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="comptes.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AlterField(
            model_name="signataire",
            name="nom",
            field=models.CharField(
                blank=True, help_text="Nom de l'institution ou du représentant.", max_length=200, verbose_name="nom"
            ),
        ),
        migrations.AlterField(
            model_name="signataire",
            name="type",
            field=models.CharField(
                choices=[
                    ("ars", "Agence régionale de santé"),
                    ("collectivite", "Collectivité porteuse"),
                    ("epci", "EPCI"),
                    ("petr", "PETR ou pays"),
                    ("commune", "Commune"),
                    ("prefet", "Préfet"),
                    ("conseil_departemental", "Conseil départemental"),
                    ("conseil_regional", "Conseil régional"),
                    ("cpam", "CPAM"),
                    ("caf", "CAF"),
                    ("centre_hospitalier", "Centre hospitalier"),
                    ("education_nationale", "Éducation nationale"),
                    ("cpts", "CPTS"),
                    ("autre", "Autre"),
                ],
                max_length=30,
                verbose_name="type de signataire",
            ),
        ),
        migrations.RunPython(name_the_unnamed, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="signataire",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("organisation__isnull", False), models.Q(("nom", ""), _negated=True), _connector="OR"
                ),
                name="cls_signataire_organisation_ou_nom",
            ),
        ),
        migrations.AddConstraint(
            model_name="signataire",
            constraint=models.UniqueConstraint(
                condition=models.Q(("organisation__isnull", False)),
                fields=("contrat", "organisation"),
                name="cls_signataire_unique_organisation",
            ),
        ),
        migrations.AddConstraint(
            model_name="signataire",
            constraint=models.UniqueConstraint(
                condition=models.Q(("organisation__isnull", True)),
                fields=("contrat", "type", "nom"),
                name="cls_signataire_unique_nom",
            ),
        ),
    ]
