"""A database seeded before issue 14 (plan « octobre 2017 », invented pilots, P1.7 in one, the CNR catalogue as
Centre-Val de Loire's, two free-text links measure ↔ indicator) is corrected by acces_soins 0007–0009 and
indicateurs 0005–0007, keeping what the ARS entered since."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("acces_soins", "0006_action_beneficiaire"), ("indicateurs", "0004_fiche_indicateurs")]
OLD_PLAN_SOURCE = "ARS Centre-Val de Loire, présentation du plan d'accès aux soins (octobre 2017)"
OLD_BASELINE_SOURCE = "Plan d'accès aux soins, ARS Centre-Val de Loire, octobre 2017"


def _old_database(apps):
    """The rows as the first seeds wrote them, then a few entries of the ARS."""
    for name in ("Decision", "ComiteDePilotage", "Action", "FeuilleDeRoute", "Solution", "Mesure", "Priorite", "Plan"):
        apps.get_model("acces_soins", name).objects.all().delete()
    apps.get_model("indicateurs", "Baseline").objects.all().delete()
    importlib.import_module("acces_soins.migrations.0002_seed_plan_centre_val_de_loire").seed(apps, None)
    importlib.import_module("indicateurs.migrations.0002_seed_catalogue").seed(apps, None)
    importlib.import_module("acces_soins.migrations.0005_seed_territoires_catalogue").seed(apps, None)
    Plan = apps.get_model("acces_soins", "Plan")
    Plan.objects.update(date_debut=datetime.date(2017, 10, 13), source=OLD_PLAN_SOURCE)
    apps.get_model("indicateurs", "Baseline").objects.update(source=OLD_BASELINE_SOURCE)
    # the first catalogue: Centre-Val de Loire's, with descriptions and a site of our own
    Solution = apps.get_model("acces_soins", "Solution")
    Solution.objects.all().delete()
    old_catalogue = importlib.import_module("acces_soins.migrations.0008_plan_fidelite_data").OLD_CATALOGUE
    for libelle, ordre in old_catalogue.items():
        Solution.objects.create(
            region_code="24", libelle=libelle, ordre=ordre, theme="attractivite", description="Texte inventé.",
            sites_exemples="Projet Les Chartriers, Valenciennes" if ordre == 2 else "", source="ARS HdF, adaptée",
        )  # fmt: skip
    user = apps.get_model("comptes", "User").objects.create(email="siege-migration@test.ars.fr")
    Mesure = apps.get_model("acces_soins", "Mesure")
    mesure = {(m.priorite.numero, m.numero): m for m in Mesure.objects.select_related("priorite")}
    Mesure.objects.filter(pk=mesure[(4, 3)].pk).update(statut="realisee", updated_by=user)  # the ARS's word
    Mesure.objects.filter(pk=mesure[(3, 2)].pk).update(pilote="Mme Durand (ARS)")  # a pilot the ARS named
    Mesure.objects.filter(pk=mesure[(2, 1)].pk).update(indicateurs=["P2_TELECONSULTATIONS", "INCONNU"])
    comite = apps.get_model("acces_soins", "ComiteDePilotage").objects.create(
        plan=Plan.objects.get(),
        semestre="2026-S1",
        date=datetime.date(2026, 6, 15),
        participants="DG",
        ordre_du_jour="x",
    )
    decision = apps.get_model("acces_soins", "Decision").objects.create(comite=comite, numero=1, texte="Textes")
    decision.mesures.add(mesure[(1, 7)])
    territoire = apps.get_model("acces_soins", "TerritoireSante").objects.get(region_code="24", code="37")
    feuille = apps.get_model("acces_soins", "FeuilleDeRoute").objects.create(
        territoire=territoire, periode_debut=datetime.date(2024, 1, 1), periode_fin=datetime.date(2027, 12, 31)
    )
    apps.get_model("acces_soins", "Action").objects.create(
        feuille=feuille,
        numero=1,
        solution=Solution.objects.get(ordre=3),
        libelle="Filière d'excellence (cordées de la réussite) vers les études de santé",
        theme="attractivite",
        date_debut=datetime.date(2024, 1, 1),
        date_fin=datetime.date(2025, 1, 1),
    )
    apps.get_model("indicateurs", "Indicateur")
    Baseline = apps.get_model("indicateurs", "Baseline")
    Baseline.objects.filter(indicateur__code="P4_CLS").update(valeur=Decimal(19), source="Tableau de bord ARS 2018")


def test_an_old_database_is_corrected_and_keeps_what_the_ars_entered():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    _old_database(executor.loader.project_state(BEFORE).apps)

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(leaves)
    apps = executor.loader.project_state(leaves).apps
    Plan, Mesure = apps.get_model("acces_soins", "Plan"), apps.get_model("acces_soins", "Mesure")
    plan = Plan.objects.select_related("document").get()
    assert (plan.date_debut, plan.source, plan.document.code) == (
        datetime.date(2017, 12, 1),
        "",
        "cvl-plan-acces-soins-2017",
    )
    assert apps.get_model("acces_soins", "RolePilotage").objects.filter(plan=plan).count() == 3
    mesure = {(m.priorite.numero, m.numero): m for m in Mesure.objects.select_related("priorite")}
    assert len(mesure) == 20
    # statuses: the plan's where untouched, the ARS's kept and marked as entered before sources
    assert (mesure[(1, 2)].statut, mesure[(3, 3)].statut) == ("non_engagee", "en_cours")  # were réalisée
    assert mesure[(4, 3)].statut == "realisee"
    assert mesure[(4, 3)].statut_document_id is None
    assert "avant l'enregistrement" in mesure[(4, 3)].statut_source
    assert mesure[(1, 1)].statut_source.startswith("Priorité n°1, mesure 1")
    # pilots: the invented ones are gone, the one the ARS named stays
    assert {m.pilote for key, m in mesure.items() if key != (3, 2)} == {""}
    assert mesure[(3, 2)].pilote == "Mme Durand (ARS)"
    # P1.7 → three measures, each linked to the decision taken on it
    assert mesure[(1, 8)].libelle == "Faciliter les remplacements et l'exercice mixte"
    decision = apps.get_model("acces_soins", "Decision").objects.get()
    assert sorted(m.numero for m in decision.mesures.all()) == [7, 8, 9]
    # one link measure ↔ indicator, from both former texts; an unknown code is dropped
    assert set(mesure[(2, 1)].indicateurs.values_list("code", flat=True)) == {"P2_TELECONSULTATIONS"}
    assert set(mesure[(1, 1)].indicateurs.values_list("code", flat=True)) == {
        "P1_POP_ZIP",
        "P1_POP_ZAC",
        "P1_POP_ZIP_ZAC",
    }
    # the catalogue is Hauts-de-France's, in the words of its source; the action follows its solution
    Solution = apps.get_model("acces_soins", "Solution")
    assert not Solution.objects.filter(region_code="24").exists()
    assert Solution.objects.filter(region_code="32", document__code="hdf-cnr-plans-actions").count() == 6
    assert not Solution.objects.exclude(sites_exemples="").exists()
    assert not Solution.objects.exclude(description="").exists()
    action = apps.get_model("acces_soins", "Action").objects.select_related("solution").get()
    assert action.libelle == action.solution.libelle == "Développer la filière d'excellence (ou cordées de la réussite)"
    # baselines: the seeded ones corrected, the ARS's own left alone
    Baseline = apps.get_model("indicateurs", "Baseline")
    baselines = {b.indicateur.code: b for b in Baseline.objects.select_related("indicateur", "document")}
    assert "P3_CPTS_ACI" not in baselines
    assert (baselines["P1_MEDECINS_RETRAITES"].qualificatif, baselines["P1_MEDECINS_RETRAITES"].valeur) == (
        "plus_de",
        Decimal(330),
    )
    assert (baselines["P1_POP_ZAC"].valeur, baselines["P1_POP_ZIP_ZAC"].valeur) == (Decimal("31.5"), Decimal("71.3"))
    assert (baselines["P4_CLS"].valeur, baselines["P4_CLS"].source, baselines["P4_CLS"].document) == (
        Decimal(19),
        "Tableau de bord ARS 2018",
        None,
    )
    assert not Baseline.objects.filter(source__contains="octobre").exists()
