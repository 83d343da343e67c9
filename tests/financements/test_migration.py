"""cls.Versement rows move to financements.Paiement (cls migration 0006), then the model is dropped."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("cls", "0005_fiche_indicateur_libre_label"), ("financements", "0001_initial")]
AFTER = [("cls", "0006_ingenierie_beneficiaire")]


def test_versements_are_taken_over_by_the_ledger():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Region = apps.get_model("territoires", "Region")
    Departement = apps.get_model("territoires", "Departement")
    Organisation = apps.get_model("comptes", "Organisation")
    Contrat = apps.get_model("cls", "ContratLocalSante")
    Financement = apps.get_model("cls", "FinancementIngenierie")
    Versement = apps.get_model("cls", "Versement")
    region = Region.objects.create(code="24", nom="Centre-Val de Loire")
    dep = Departement.objects.create(code="37", nom="Indre-et-Loire", region=region)
    porteur = Organisation.objects.create(type="collectivite", nom="CC Loches Sud Touraine")
    fields = {f.name for f in Contrat._meta.get_fields()}
    contrat = Contrat.objects.create(
        nom="CLS du Lochois",
        departement=dep,
        porteur=porteur,
        **({"population": 1000} if "population" in fields else {}),
    )
    financement = Financement.objects.create(
        contrat=contrat, annee=2026, etp=Decimal(1), montant=Decimal(25000), cofinancement=Decimal(0)
    )
    Financement.objects.create(contrat=contrat, annee=2027, etp=Decimal(1), montant=Decimal(25000), cofinancement=0)
    Versement.objects.create(financement=financement, date=datetime.date(2026, 6, 1), montant=Decimal(12500))
    Versement.objects.create(financement=financement, date=datetime.date(2026, 12, 1), montant=Decimal(12500))

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    financement = apps.get_model("cls", "FinancementIngenierie").objects.get(annee=2026)
    Engagement = apps.get_model("financements", "Engagement")
    (engagement,) = Engagement.objects.filter(beneficiaire=financement.beneficiaire_id)
    assert engagement.montant == Decimal(25000)
    assert engagement.enveloppe.montant == Decimal(25000)
    assert sorted(p.montant for p in engagement.paiements.all()) == [Decimal(12500)] * 2
    assert apps.get_model("cls", "FinancementIngenierie").objects.get(annee=2027).beneficiaire_id is None
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
