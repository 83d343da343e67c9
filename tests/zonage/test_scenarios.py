"""The simulator: counters equal `zone_shares`, caps exceeded, aids, optimiser scenario, proposal as an arrêté."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from config.production import StatutProduction
from tests.acces_soins.helpers import normalized, pdf_text
from zonage.enums import ArreteStatut, DocumentType, OrigineScenario
from zonage.models import Classement, DossierConsultation, ScenarioClassement
from zonage.services import arrete_transition, zone_shares
from zonage.services.proposition import scenario_optimise, scenario_propose
from zonage.services.scenarios import (
    scenario_classement_update,
    scenario_compteurs,
    scenario_copy,
    scenario_create,
    scenarios_compare,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def base(two_versions):
    """v2 in force: TVS A (Loches, 20 000, APL 2,10) and TVS B (Chinon + Orléans, 80 000, APL 2,40), both ZIP."""
    return two_versions[1]


@pytest.fixture
def scenario(base, siege_agent):
    return scenario_create(base=base, nom="Hypothèse 1", by=siege_agent)


def test_a_scenario_starts_as_its_arrete_and_its_counters_equal_zone_shares(base, scenario):
    assert scenario.classements.count() == 2
    compteurs = scenario_compteurs(scenario)
    shares = zone_shares(base)
    assert dict(compteurs.shares) == dict(shares)
    assert compteurs.shares.total == shares.total == 100_000
    assert (compteurs.shares.millesime_population, compteurs.shares.tvs_version) == (
        shares.millesime_population,
        shares.tvs_version,
    )
    assert compteurs.population_changee == 0
    assert all(ligne.vivier for ligne in compteurs.lignes)  # APL 2,10 and 2,40 < 2,5 (référentiel)


def test_moving_a_tvs_updates_every_counter(scenario, siege_agent, zonage_territory):
    scenario_classement_update(
        scenario=scenario, tvs_id=zonage_territory["tvs_b"].pk, zone_code="ZAC", justification="Test", by=siege_agent
    )
    compteurs = scenario_compteurs(scenario)
    assert compteurs.shares["ZIP"] == (20_000, pytest.approx(0.2))
    assert compteurs.shares["ZAC"] == (80_000, pytest.approx(0.8))
    assert compteurs.population_changee == 80_000
    # TVS B has an APL under the threshold of the register and is no longer ZIP.
    assert [ligne.code for ligne in compteurs.sous_seuil_non_zip] == ["45B01"]
    # ZIP 20 % <= 58,8 %, ZAC 80 % > 34 % (methodology 2021-10, region 24).
    caps = {cap.zone: cap.exceeded for cap in compteurs.caps}
    assert caps == {"ZIP": False, "ZAC": True}
    assert not compteurs.conforme
    # The same rows in an arrêté give the same shares: the simulator computes as zone_shares does.
    arrete = scenario_propose(scenario=scenario, reference="ARS-CVL-2027-001", titre="Projet", by=siege_agent)
    assert dict(zone_shares(arrete)) == dict(compteurs.shares)


def test_caps_exceeded_when_every_territory_is_zip(scenario):
    compteurs = scenario_compteurs(scenario)
    caps = {cap.zone: (float(cap.percent), cap.exceeded) for cap in compteurs.caps}
    assert caps["ZIP"] == (100.0, True)  # 100 % > 58,8 %
    assert caps["ZAC"] == (0.0, False)


def test_aids_lost_and_estimated_from_the_register(scenario, siege_agent, zonage_territory):
    scenario_classement_update(scenario=scenario, tvs_id=zonage_territory["tvs_b"].pk, zone_code="HC", by=siege_agent)
    impacts = {impact.aide.code: impact for impact in scenario_compteurs(scenario).aides}
    caim = impacts["CAIM"]  # opened by ZIP only: Chinon and Orléans lose it
    assert (caim.ouvertes, caim.perdues, caim.population_perdue) == (0, 2, 80_000)
    assert [row.cle for row in caim.montants] == ["montant_min"]
    assert caim.estimation_perdue == 2 * 31_250  # two installations at the register's minimum amount
    installation = impacts["INSTALLATION-2023"]  # ZIP 10 000 € lost in both communes
    assert installation.estimation_perdue == 2 * 10_000
    cdе_like = impacts["L1511-8"]  # no amount in the register: counted, never estimated
    assert (cdе_like.perdues, cdе_like.estimation_perdue) == (2, None)


def test_moving_to_zac_keeps_aids_open_in_both_zones(scenario, siege_agent, zonage_territory):
    scenario_classement_update(scenario=scenario, tvs_id=zonage_territory["tvs_b"].pk, zone_code="ZAC", by=siege_agent)
    impacts = {impact.aide.code: impact for impact in scenario_compteurs(scenario).aides}
    assert (impacts["CESP"].ouvertes, impacts["CESP"].perdues) == (0, 0)
    assert impacts["COSCOM"].perdues == 2


def test_unknown_zone_and_foreign_tvs_are_refused(scenario, siege_agent, zonage_territory):
    with pytest.raises(ValidationError):
        scenario_classement_update(
            scenario=scenario, tvs_id=zonage_territory["tvs_a"].pk, zone_code="TSD", by=siege_agent
        )
    with pytest.raises(ScenarioClassement.DoesNotExist):
        scenario_classement_update(scenario=scenario, tvs_id=999_999, zone_code="ZIP", by=siege_agent)


def test_a_scenario_needs_a_tvs_annex(siege_agent, zonage_territory):
    from tests.zonage.factories import ArreteFactory

    with pytest.raises(ValidationError, match="annexe"):
        scenario_create(base=ArreteFactory(), nom="Vide", by=siege_agent)


def test_copy_and_compare_side_by_side(scenario, siege_agent, zonage_territory):
    copy = scenario_copy(source=scenario, nom="Hypothèse 2", by=siege_agent)
    assert copy.origine == OrigineScenario.COPIE
    scenario_classement_update(scenario=copy, tvs_id=zonage_territory["tvs_b"].pk, zone_code="ZAC", by=siege_agent)
    comparaison = scenarios_compare([scenario, copy])
    assert [round(c.shares.zip.share, 2) for c in comparaison.compteurs] == [1.0, 0.2]
    assert comparaison.differences == [
        {"code": "45B01", "nom": "TVS d'Orléans", "apl": Decimal("2.40"), "population": 80_000, "zones": ["ZIP", "ZAC"]}
    ]
    with pytest.raises(ValidationError):
        scenarios_compare([scenario])


def test_optimiser_scenario_keeps_the_threshold_in_zip_with_its_reasons(base, siege_agent, zonage_territory):
    Classement.objects.filter(arrete=base, tvs=zonage_territory["tvs_b"]).update(apl="3.10")
    scenario = scenario_optimise(base=base, nom="Optimiseur", by=siege_agent)
    assert scenario.origine == OrigineScenario.OPTIMISEUR
    rows = {row.tvs.code: row for row in scenario.classements.select_related("tvs", "zone")}
    # A (APL 2,10 < 2,5): ZIP whatever the cap. B (3,10): ZIP would be 100 % > 58,8 %; ZAC 80 % > 34 %: HC.
    assert (rows["37A01"].zone.code, rows["45B01"].zone.code) == ("ZIP", "HC")
    assert "ZIP obligatoire" in rows["37A01"].justification
    assert "ne tient plus en ZIP" in rows["45B01"].justification


def test_proposing_a_scenario_creates_an_arrete_project_in_the_workflow(
    scenario, base, siege_agent, django_capture_on_commit_callbacks
):
    scenario_classement_update(
        scenario=scenario,
        tvs_id=scenario.classements.get(tvs__code="45B01").tvs_id,
        zone_code="ZAC",
        justification="Offre stabilisée depuis 2024",
        by=siege_agent,
    )
    with django_capture_on_commit_callbacks(execute=True):
        arrete = scenario_propose(
            scenario=scenario, reference="ARS-CVL-2027-001", titre="Zonage médecins", by=siege_agent
        )
    assert (arrete.statut, arrete.precedent, arrete.methodologie) == (ArreteStatut.PROJET, base, base.methodologie)
    assert sorted(arrete.classements.values_list("tvs__code", "zone__code")) == [("37A01", "ZIP"), ("45B01", "ZAC")]
    scenario.refresh_from_db()
    assert scenario.arrete == arrete
    with pytest.raises(ValidationError):
        scenario_classement_update(scenario=scenario, tvs_id=arrete.classements.first().tvs_id, by=siege_agent)
    with pytest.raises(ValidationError):
        scenario_propose(scenario=scenario, reference="ARS-CVL-2027-002", titre="Encore", by=siege_agent)
    # The consultation file was produced (eager worker) and filed among the arrêté's documents.
    job = DossierConsultation.objects.get(arrete=arrete)
    assert job.statut == StatutProduction.PRET, job.erreur
    assert job.document.type == DocumentType.CONCERTATION_URPS
    with job.fichier.open("rb") as handle:
        text = normalized(pdf_text(handle.read()))
    assert "ARS-CVL-2027-001" in text
    assert "Offre stabilisée depuis 2024" in text
    assert "plafond dépassé" in text  # ZAC 80 % > 34 %
    assert "page 1 /" in text
    # The project then follows the usual procedure.
    arrete_transition(arrete=arrete, vers=ArreteStatut.CONCERTATION, by=siege_agent)
    assert arrete.statut == ArreteStatut.CONCERTATION
