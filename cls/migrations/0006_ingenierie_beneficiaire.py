"""CLS ingénierie funding joins the funding ledger (financements): each FinancementIngenierie gets its
ledger record (Beneficiaire), and the payments recorded so far (cls.Versement) move to
financements.Paiement, on one commitment per funded year taken from a « reprise » envelope per year
and region. cls.Versement is dropped in 0007: payments live in one place."""

import uuid
from collections import defaultdict
from decimal import Decimal

import django.db.models.deletion
from django.db import migrations, models


def take_over_versements(apps, schema_editor):
    FinancementIngenierie = apps.get_model("cls", "FinancementIngenierie")
    Versement = apps.get_model("cls", "Versement")
    Beneficiaire = apps.get_model("financements", "Beneficiaire")
    Enveloppe = apps.get_model("financements", "Enveloppe")
    Engagement = apps.get_model("financements", "Engagement")
    Paiement = apps.get_model("financements", "Paiement")

    by_financement = defaultdict(list)
    for versement in Versement.objects.order_by("date", "pk"):
        by_financement[versement.financement_id].append(versement)
    if not by_financement:
        return
    for financement in FinancementIngenierie.objects.filter(pk__in=list(by_financement)).select_related(
        "contrat__departement"
    ):
        contrat = financement.contrat
        versements = by_financement[financement.pk]
        paid = sum((v.montant for v in versements), Decimal(0))
        montant = max(financement.montant, paid)
        beneficiaire = Beneficiaire.objects.create(
            public_id=uuid.uuid4(),
            programme="cls_ingenierie",
            libelle=f"{contrat.nom} — ingénierie {financement.annee}"[:250],
            departement_id=contrat.departement_id,
        )
        financement.beneficiaire = beneficiaire
        financement.save(update_fields=["beneficiaire"])
        enveloppe, _ = Enveloppe.objects.get_or_create(
            financeur="ars_fir",
            annee=financement.annee,
            libelle=f"Ingénierie CLS {financement.annee} (reprise des versements)",
            defaults={
                "public_id": uuid.uuid4(),
                "montant": Decimal(0),
                "programmes": ["cls_ingenierie"],
                "region_id": contrat.departement.region_id,
                "notes": "Créée à la reprise des versements enregistrés sur les contrats locaux de santé.",
            },
        )
        enveloppe.montant += montant
        enveloppe.save(update_fields=["montant"])
        enveloppe.departements.add(contrat.departement_id)
        engagement = Engagement.objects.create(
            public_id=uuid.uuid4(),
            enveloppe=enveloppe,
            beneficiaire=beneficiaire,
            montant=montant,
            date_decision=versements[0].date,
            reference_convention="reprise",
            statut="engage",
        )
        Paiement.objects.bulk_create(
            Paiement(engagement=engagement, date=v.date, montant=v.montant) for v in versements
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cls", "0005_fiche_indicateur_libre_label"),
        ("financements", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="financementingenierie",
            name="beneficiaire",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cls_ingenierie",
                to="financements.beneficiaire",
            ),
        ),
        migrations.RunPython(take_over_versements, migrations.RunPython.noop, elidable=False),
    ]
