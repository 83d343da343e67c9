"""The CPTS and MSP values live in the register only: every row national and sourced, the catalogues consistent
with it, no regulatory number left in the code of `cpts`, and the data migration keeps existing rows valid."""

import ast
import datetime
from pathlib import Path

import pytest

from cpts.models import ContratAnterieurAci, CritereAciMsp, Mission
from referentiel.enums import NatureSource
from referentiel.models import Parametre

D = datetime.date
CPTS_DIR = Path(__file__).resolve().parents[2] / "cpts"


def test_the_data_files_fit_the_columns():
    """SQLite does not enforce `max_length`; PostgreSQL does: every text of cpts.toml / msp.toml must fit."""
    import tomllib

    from referentiel.models import Source

    tables = {
        "parametre": Parametre,
        "source": Source,
        "mission": Mission,
        "critere": CritereAciMsp,
        "contrat_anterieur_aci": ContratAnterieurAci,
    }
    for name in ("cpts.toml", "msp.toml"):
        data = tomllib.loads((CPTS_DIR.parent / "referentiel" / "data" / name).read_text(encoding="utf-8"))
        for table, model in tables.items():
            for row in data.get(table, []):
                for key, value in row.items():
                    field = next((f for f in model._meta.concrete_fields if f.name == key), None)
                    if isinstance(value, str) and field is not None and field.max_length:
                        assert len(value) <= field.max_length, (name, table, row.get("code"), key, len(value))


@pytest.mark.django_db
def test_every_cpts_and_msp_row_is_national_sourced_and_honest():
    rows = list(Parametre.objects.filter(domaine__in=["cpts", "msp"]).select_related("source"))
    assert len(rows) == 95
    for row in rows:
        assert row.region_code == "", row  # the ACI are national agreements
        assert row.source.region_code == "", row
        assert row.source.nature != NatureSource.DEMONSTRATION, row
        if row.source.nature == NatureSource.LECTURE:
            assert row.a_confirmer, row
        assert row.source.url or row.source.nature == NatureSource.LECTURE, row


@pytest.mark.django_db
def test_values_a_confirmer_are_the_expected_ones():
    """The closing note of issue 14 lists these; a change here must be a reviewed change of the data files."""
    flagged = {
        (row.domaine, row.code) for row in Parametre.objects.filter(domaine__in=["cpts", "msp"], a_confirmer=True)
    }
    assert flagged == {
        ("cpts", "taille_borne_basse"),  # T3 at exactly 80 000
        ("cpts", "fonctionnement"),
        ("cpts", "mission_part_fixe"),
        ("cpts", "mission_part_variable"),
        ("cpts", "amorcage"),
        ("cpts", "versement_lettre_validee"),
        ("cpts", "rappel_jours"),
        ("msp", "critere_points_fixes"),
        ("msp", "critere_points_variables"),
    }
    assert not Parametre.objects.get(domaine="cpts", code="plafond_annuel", cle="T1").a_confirmer
    assert not Parametre.objects.get(domaine="msp", code="critere_points_fixes", cle="protocole").a_confirmer


@pytest.mark.django_db
def test_the_catalogues_match_their_register_rows():
    """Each socle mission has its deadlines from the day it exists; each mission has its amounts for every size
    class from that day; each MSP criterion has points."""
    for mission in Mission.objects.all():
        amounts = Parametre.objects.filter(domaine="cpts", code="mission_part_fixe", cle__startswith=f"{mission.code}.")
        assert sorted(amounts.values_list("cle", flat=True)) == [f"{mission.code}.T{n}" for n in range(1, 5)], mission
        assert set(amounts.values_list("valide_du", flat=True)) == {mission.valide_du}, mission
        deadlines = Parametre.objects.filter(domaine="cpts", code__startswith="mission_delai_", cle=mission.code)
        if mission.type == "socle":
            assert deadlines.count() == 2, mission
            assert set(deadlines.values_list("valide_du", flat=True)) == {mission.valide_du}, mission
        else:
            assert not deadlines.exists(), mission  # « au choix de chaque communauté professionnelle »
    assert Mission.objects.get(code="crises").valide_du == D(2021, 12, 20)
    assert Mission.objects.get(code="crises").source.code == "ameli-aci-cpts-avenant-2"
    for critere in CritereAciMsp.objects.all():
        assert Parametre.objects.filter(domaine="msp", code__startswith="critere_points_", cle=critere.code).exists()


REGULATORY_NUMBERS = {40_000, 80_000, 175_000, 175_001, 220_000, 287_000, 370_000, 450_000, 87_500, 157_500}
REGULATORY_NUMBERS |= {12_000, 4_000, 1_200, 1_700}  # MSP: advance minimum, reference patientèle, points


def test_no_regulatory_number_in_the_code_of_cpts():
    """Thresholds, amounts and points are read from the register: none is a literal of `cpts` (migrations and the
    fictitious demo excepted)."""
    found = []
    for path in CPTS_DIR.rglob("*.py"):
        if "migrations" in path.parts or path.name == "demo.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value in REGULATORY_NUMBERS:
                found.append(f"{path.name}:{node.lineno} {node.value}")
    assert found == []


def test_no_regulatory_check_constraint_left_on_cpts_models():
    from django.apps import apps
    from django.db.models import CheckConstraint

    names = {
        constraint.name
        for model in apps.get_app_config("cpts").get_models()
        for constraint in model._meta.constraints
        if isinstance(constraint, CheckConstraint)
    }
    assert "cpts_msp_aci_requires_sisa" not in names
    assert "cpts_mission_delais_ordered" not in names
    assert not any("sisa" in name or "taille" in name or "seuil" in name for name in names)


@pytest.mark.django_db(transaction=True)
def test_migration_moves_centres_and_recomputes_the_crisis_deadlines(territory, cpts_org):
    """Run 0007/0008 on rows written with the schema of 0006: centres de santé leave the MSP table with their
    site, team, funding and ledger record; a contract signed before the avenant 2 gets crisis deadlines from it;
    one that ended before it loses the mission; a signed CPTS keeps its size class as the one of signature."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from cpts.models import CentreSante, Cpts, FinancementMsp, MissionCpts, Msp

    start = [("cpts", "0006_centres_esp_contrats_register_fields")]
    # Reverting 0008 re-adds NOT NULL columns without default: empty the catalogue tables first.
    for model in (Mission, CritereAciMsp):
        model.objects.all().delete()
        model.history.all().delete()
    executor = MigrationExecutor(connection)
    executor.migrate(start)
    old = executor.loader.project_state(start[0]).apps
    OldMission, OldCpts, OldMsp = (old.get_model("cpts", name) for name in ("Mission", "Cpts", "Msp"))
    dep37 = old.get_model("territoires", "Departement").objects.get(code="37")
    loches = old.get_model("territoires", "Commune").objects.get(code_insee="37132")
    chinon = old.get_model("territoires", "Commune").objects.get(code_insee="37072")
    porteur = old.get_model("comptes", "Organisation").objects.get(pk=cpts_org.pk)
    crises = OldMission.objects.create(
        code="crises",
        libelle="Crises",
        type="socle",
        ordre=4,
        delai_demarrage_mois=6,
        delai_deploiement_mois=18,
        source="ancien",
    )
    acces = OldMission.objects.create(
        code="acces_soins",
        libelle="Accès",
        type="socle",
        ordre=1,
        delai_demarrage_mois=6,
        delai_deploiement_mois=18,
        source="ancien",
    )
    common = {"porteur": porteur, "departement": dep37, "etape": "aci_signe", "population": 6_300, "taille": "T1"}
    early = OldCpts.objects.create(nom="Signée en 2020", date_aci=D(2020, 3, 1), date_fin_aci=D(2025, 3, 1), **common)
    ended = OldCpts.objects.create(nom="Finie en 2021", date_aci=D(2019, 7, 1), date_fin_aci=D(2021, 7, 1), **common)
    MissionCpts_ = old.get_model("cpts", "MissionCpts")
    for cpts in (early, ended):
        for mission in (crises, acces):
            MissionCpts_.objects.create(
                cpts=cpts, mission=mission, echeance_demarrage=D(2000, 1, 1), echeance_deploiement=D(2000, 1, 1)
            )
    beneficiaire = old.get_model("financements", "Beneficiaire").objects.create(
        programme="msp", libelle="Centre", departement=dep37
    )
    centre = OldMsp.objects.create(
        type="centre_sante",
        nom="Centre de Loches",
        departement=dep37,
        statut="en_fonctionnement",
        date_aci=D(2019, 1, 1),
        beneficiaire=beneficiaire,
        is_fictif=True,
    )
    old.get_model("cpts", "SiteMsp").objects.create(msp=centre, commune=loches, adresse="1 rue A", principal=True)
    old.get_model("cpts", "SiteMsp").objects.create(msp=centre, commune=chinon, adresse="2 rue B", principal=False)
    old.get_model("cpts", "ProfessionnelMsp").objects.create(msp=centre, profession="infirmier", nombre=4)
    old.get_model("cpts", "FinancementMsp").objects.create(msp=centre, financeur="fir", montant=1000, annee=2019)
    msp = OldMsp.objects.create(type="msp", nom="MSP", departement=dep37, statut="projet")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    rows = {(row.cpts.nom, row.mission.code): row for row in MissionCpts.objects.select_related("cpts", "mission")}
    assert (
        rows["Signée en 2020", "crises"].echeance_demarrage,
        rows["Signée en 2020", "crises"].echeance_deploiement,
    ) == (
        D(2022, 6, 20),
        D(2023, 6, 20),
    )
    assert rows["Signée en 2020", "acces_soins"].echeance_demarrage == D(2000, 1, 1)  # untouched
    assert ("Finie en 2021", "crises") not in rows
    assert Cpts.objects.get(nom="Signée en 2020").taille_signature == "T1"
    moved = CentreSante.objects.get()
    assert (moved.public_id, moved.nom, moved.commune_id, moved.adresse) == (
        centre.public_id,
        centre.nom,
        loches.pk,
        "1 rue A",
    )
    assert (moved.date_accord_national, moved.beneficiaire_id, moved.is_fictif) == (
        D(2019, 1, 1),
        beneficiaire.pk,
        True,
    )
    assert "2 rue B Chinon" in moved.note
    assert list(moved.professionnels.values_list("profession", "nombre")) == [("infirmier", 4)]
    assert FinancementMsp.objects.get().centre == moved
    assert list(Msp.objects.values_list("pk", flat=True)) == [msp.pk]
    assert Mission.objects.get(code="crises").valide_du == D(2021, 12, 20)
    assert Mission.objects.get(code="crises").source.code == "ameli-aci-cpts-avenant-2"
    assert Mission.objects.count() == 6  # the missions of the TOML file missing from the table are created
    assert CritereAciMsp.objects.count() == 7
