"""The plan's indicators computed from the registers equal the register counts (hand-made cases), are one query
each, keep the typed value in the history, and say « source : registre » on their page."""

import datetime
from decimal import Decimal

import pytest

from indicateurs.calculs import calculer
from indicateurs.enums import Provenance
from indicateurs.models import Indicateur, Recalcul, Valeur
from indicateurs.perimetres import perimetre_departement, perimetre_region
from indicateurs.semestre import Semestre
from indicateurs.services import recalcul_executer, valeur_enregistrer
from registres.enums import Specialite, Statut, TypeMouvement
from registres.services import indicateurs as chiffres
from tests.registres.factories import contrat, maitre, mouvement, save

pytestmark = pytest.mark.django_db

S1 = Semestre(2026, 1)  # 2026-01-01 → 2026-06-30


@pytest.fixture
def registers(dd_agent, dd45_agent, territory, arretes):
    """37: 2 GP maîtres de stage in force (Loches agreed in 2025 → ZIP; Chinon, no zone), 1 ended in 2025, 1 in
    paediatrics; 45: 1 GP. Sites: 1 in service, 1 project. 1 protocol. CAIM: 1 signed in the semester, 1 after it;
    CESP: 1. Movements of GPs in the semester: 2 installations, 1 departure (+ a specialist, + one in 2025)."""
    loches, chinon = territory["loches"], territory["chinon"]
    maitre(by=dd_agent, commune=loches, debut=datetime.date(2025, 3, 1))
    maitre(by=dd_agent, commune=chinon, debut=datetime.date(2024, 1, 1))
    maitre(by=dd_agent, commune=loches, debut=datetime.date(2024, 6, 1), date_fin=datetime.date(2025, 12, 31))
    maitre(by=dd_agent, commune=chinon, debut=datetime.date(2024, 1, 1), specialite=Specialite.PEDIATRIE)
    maitre(by=dd45_agent, commune=territory["orleans"], debut=datetime.date(2024, 1, 1))
    site = {
        "nom": "Site",
        "type_site": "ehpad",
        "activite": "teleconsultation",
        "date_debut": datetime.date(2025, 1, 1),
    }
    save("sites-telemedecine", by=dd_agent, commune=loches, **site)
    save("sites-telemedecine", by=dd_agent, commune=chinon, statut=Statut.PROJET, **site)
    save(
        "protocoles-cooperation",
        by=dd_agent,
        departement=territory["dep37"],
        nom="Asalée",
        portee="national",
        professions_delegantes="Médecins",
        professions_deleguees="Infirmiers",
        date_debut=datetime.date(2025, 9, 1),
    )
    contrat(by=dd_agent, commune=loches, aide="CAIM", signature=datetime.date(2026, 2, 1))
    contrat(by=dd_agent, commune=chinon, aide="CAIM", signature=datetime.date(2026, 8, 1))
    contrat(by=dd_agent, commune=chinon, aide="CESP", signature=datetime.date(2025, 10, 1))
    for commune, day, kind in (
        (loches, datetime.date(2026, 1, 5), TypeMouvement.INSTALLATION),
        (chinon, datetime.date(2026, 3, 5), TypeMouvement.INSTALLATION),
        (chinon, datetime.date(2026, 6, 30), TypeMouvement.RETRAITE),
        (loches, datetime.date(2025, 12, 31), TypeMouvement.DEPART),
    ):
        mouvement(by=dd_agent, commune=commune, date=day, type_mouvement=kind)
    mouvement(by=dd_agent, commune=loches, date=datetime.date(2026, 2, 1), profession="specialiste")


EXPECTED = {  # code: (dép. 37, région)
    "P1_MAITRES_STAGE": (2, 3),
    "P1_MAITRES_STAGE_ZIP": (1, 1),
    "P1_AGREMENTS_AUTRES": (1, 1),
    "P2_SITES_TELEMEDECINE": (1, 1),
    "P1_PROTOCOLES_COOPERATION": (1, 1),
    "P1_CONTRATS_CAIM": (1, 1),
    "P1_CESP": (1, 1),
    "P1_CONTRATS_CSTM": (0, 0),
    "P1_ENTREES_MG": (2, 2),
    "P1_SORTIES_MG": (1, 1),
    "P1_SOLDE_MG": (1, 1),
}


def test_computed_indicators_equal_the_register_counts(registers, territory):
    dep37, region = perimetre_departement(territory["dep37"]), perimetre_region(territory["dep37"].region)
    found = {code: (calculer(code, dep37, S1), calculer(code, region, S1)) for code in EXPECTED}
    assert found == {code: (Decimal(a), Decimal(b)) for code, (a, b) in EXPECTED.items()}


def test_each_figure_is_one_query(registers, territory, django_assert_num_queries):
    dep37, on = territory["dep37"], S1.end
    for compute in (
        lambda: chiffres.maitres_de_stage(departement=dep37, on=on, zone="ZIP"),
        lambda: chiffres.sites_telemedecine(departement=dep37, on=on),
        lambda: chiffres.protocoles_cooperation(departement=dep37, on=on),
        lambda: chiffres.contrats_aide(departement=dep37, on=on, aide="CAIM"),
        lambda: chiffres.mouvements(departement=dep37, debut=S1.start, fin=on),
    ):
        with django_assert_num_queries(1):
            compute()


def test_recomputation_stores_the_count_and_keeps_the_typed_value_in_history(client, registers, territory, siege_agent):
    indicateur = Indicateur.objects.get(code="P1_MAITRES_STAGE")
    assert "Registre « Maîtres de stage universitaires »" in indicateur.source
    dep37 = perimetre_departement(territory["dep37"])
    valeur_enregistrer(
        indicateur=indicateur, perimetre=dep37, periode=S1, valeur=Decimal(7), provenance=Provenance.SAISIE
    )
    recalcul = Recalcul.objects.create(periode=str(S1))
    recalcul_executer(recalcul_id=recalcul.pk, region_code=territory["dep37"].region.code)
    valeur = Valeur.objects.get(indicateur=indicateur, perimetre=dep37, periode=str(S1))
    assert (valeur.valeur, valeur.provenance) == (Decimal(2), Provenance.CALCUL)
    history = list(valeur.history.order_by("history_date").values_list("valeur", "provenance"))
    assert history == [(Decimal(7), Provenance.SAISIE), (Decimal(2), Provenance.CALCUL)]
    client.force_login(siege_agent)
    page = client.get(f"/indicateurs/{indicateur.code}/").content.decode()
    assert "source : registre" in page
    assert 'href="/registres/maitres-de-stage/"' in page


def test_the_semester_bilan_section_reads_the_registers(registers, territory):
    from acces_soins.bilan_sections import registres as section
    from acces_soins.periods import Perimetre

    data = section(Perimetre("departement", "37"), S1)
    by_code = {row["code"]: row["valeur"] for row in data["lignes"]}
    assert (by_code["maitres_stage"], by_code["maitres_stage_zip"], by_code["solde_mg"]) == (2, 1, 1)
    assert by_code["contrats_caim"] == 1
    assert by_code["sites_telemedecine"] == 1
