"""Hand-computed CPTS cases: size classes at the boundaries (the register's operators), mission deadlines (the crisis
mission from the avenant 2), the size recorded at signature, funding statement, coverage, pipeline, overlaps.
MSP rules: test_msp_rules.py."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cpts.enums import Etape, StatutMission
from cpts.models import Cpts, MissionCpts
from cpts.services import regles
from cpts.services.financement import rapprochement, releve_annuel
from cpts.services.registre import (
    atteinte_set,
    avenant_add,
    cpts_abandon,
    cpts_advance,
    cpts_set_territoire,
    mission_update,
    taille_en_vigueur,
)
from cpts.services.suivi import cpts_coverage, overlaps, pipeline
from referentiel.models import Parametre, Source
from tests.cpts.factories import make_cpts, signed_cpts

ON = datetime.date(2024, 1, 1)
D = datetime.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("population", "taille"),
    [
        (0, "T1"),
        (39_999, "T1"),
        (40_000, "T2"),  # « T1 < 40 000 »: 40 000 is T2 (T2 ≥ 40 000)
        (40_001, "T2"),
        (79_999, "T2"),
        (80_000, "T3"),  # in both « 40–80 000 » and « 80–175 000 »: T3 ≥ 80 000 is « à confirmer »
        (80_001, "T3"),
        (174_999, "T3"),
        (175_000, "T3"),  # « T4 > 175 000 »: 175 000 is still T3
        (175_001, "T4"),
        (1_000_000, "T4"),
    ],
)
def test_size_class_boundaries_with_the_registers_operators(population, taille):
    assert regles.taille_for(population, region="24", on=ON) == taille


@pytest.mark.django_db
def test_size_class_bounds_are_register_rows_with_their_operator():
    bornes = dict(regles.bornes_tailles(region="24", on=ON))
    assert [(t, bornes[t].valeur, bornes[t].operateur) for t in ("T1", "T2", "T3", "T4")] == [
        ("T1", 0, "ge"),
        ("T2", 40_000, "ge"),
        ("T3", 80_000, "ge"),
        ("T4", 175_000, "gt"),
    ]
    assert bornes["T3"].a_confirmer
    assert not bornes["T2"].a_confirmer
    assert not bornes["T4"].a_confirmer
    # The 80 000 reading is data: flip the operator and 80 000 becomes T2, 80 001 stays T3.
    Parametre.objects.filter(domaine="cpts", code="taille_borne_basse", cle="T3").update(operateur="gt")
    assert regles.taille_for(80_000, region="24", on=ON) == "T2"
    assert regles.taille_for(80_001, region="24", on=ON) == "T3"


@pytest.mark.django_db
def test_size_class_rules_are_dated_and_regional():
    """A region's own bound wins from its date; another region keeps the national one; no row at all: an error."""
    source = Source.objects.create(code="test-24", titre="Décision test", nature="document_ars", region_code="24")
    Parametre.objects.create(
        domaine="cpts",
        code="taille_borne_basse",
        cle="T2",
        libelle="T2",
        valeur=50_000,
        operateur="ge",
        region_code="24",
        valide_du=D(2030, 1, 1),
        source=source,
    )
    assert regles.taille_for(45_000, region="24", on=ON) == "T2"
    assert regles.taille_for(45_000, region="24", on=D(2030, 6, 1)) == "T1"
    assert regles.taille_for(45_000, region="53", on=D(2030, 6, 1)) == "T2"
    with pytest.raises(regles.RegleManquante):
        regles.taille_for(45_000, region="24", on=D(2019, 6, 19))  # before the ACI: no size class


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2023, 1, 10), 6, datetime.date(2023, 7, 10)),
        (datetime.date(2023, 1, 10), 18, datetime.date(2024, 7, 10)),
        (datetime.date(2023, 8, 31), 6, datetime.date(2024, 2, 29)),  # leap year clamp
        (datetime.date(2023, 8, 31), 18, datetime.date(2025, 2, 28)),
        (datetime.date(2023, 11, 30), 12, datetime.date(2024, 11, 30)),
    ],
)
def test_add_months(day, months, expected):
    assert regles.add_months(day, months) == expected


@pytest.mark.django_db
def test_aci_signature_creates_missions_with_deadlines(territory, siege_agent, cpts_porteur):
    porteur = cpts_porteur.memberships.get().organisation
    cpts = signed_cpts(
        porteur=porteur, departement=territory["dep37"], by=siege_agent, date_aci=datetime.date(2023, 8, 31)
    )
    rows = {row.mission.code: row for row in cpts.missions.select_related("mission")}
    assert set(rows) == {"acces_soins", "parcours", "prevention", "crises", "qualite"}
    assert (rows["acces_soins"].echeance_demarrage, rows["acces_soins"].echeance_deploiement) == (
        datetime.date(2024, 2, 29),
        datetime.date(2025, 2, 28),
    )
    assert (rows["crises"].echeance_demarrage, rows["crises"].echeance_deploiement) == (
        datetime.date(2024, 2, 29),
        datetime.date(2025, 2, 28),
    )  # signed after the avenant 2: from the signature, like accès aux soins
    assert (rows["parcours"].echeance_demarrage, rows["parcours"].echeance_deploiement) == (
        datetime.date(2024, 8, 31),
        datetime.date(2025, 8, 31),
    )
    assert rows["prevention"].echeance_deploiement == datetime.date(2025, 8, 31)
    assert rows["qualite"].echeance_demarrage is None
    assert cpts.date_fin_aci == datetime.date(2028, 8, 31)
    assert cpts.etape == Etape.ACI_SIGNE


@pytest.mark.django_db
def test_mission_status_and_overdue(territory, siege_agent, cpts_porteur):
    porteur = cpts_porteur.memberships.get().organisation
    cpts = signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent)
    acces = cpts.missions.get(mission__code="acces_soins")  # start by 10/07/2023, deployed by 10/07/2024
    assert acces.statut(datetime.date(2023, 7, 10)) == StatutMission.NON_DEMARREE
    assert acces.statut(datetime.date(2023, 7, 11)) == StatutMission.EN_RETARD
    mission_update(mission=acces, date_demarrage=datetime.date(2023, 5, 2), by=siege_agent)
    assert acces.statut(datetime.date(2023, 7, 11)) == StatutMission.DEMARREE
    assert acces.statut(datetime.date(2024, 7, 11)) == StatutMission.EN_RETARD
    mission_update(mission=acces, date_deploiement=datetime.date(2024, 7, 1), by=siege_agent)
    assert acces.statut(datetime.date(2024, 7, 11)) == StatutMission.DEPLOYEE
    late = set(MissionCpts.objects.en_retard(datetime.date(2023, 7, 11)).values_list("mission__code", flat=True))
    assert late == {"crises"}
    assert Cpts.objects.with_overdue(datetime.date(2023, 7, 11)).get().mission_en_retard
    assert not Cpts.objects.with_overdue(datetime.date(2023, 7, 10)).get().mission_en_retard
    with pytest.raises(ValidationError):
        mission_update(mission=acces, date_demarrage=datetime.date(2022, 1, 1), by=siege_agent)


@pytest.mark.django_db
def test_funding_statement_hand_computed(territory, siege_agent, cpts_porteur):
    """T1 CPTS (14 200 inhabitants) signed 10/01/2023: register rows in force on 10/01/2023 (amounts « à confirmer »).

    Year 1 = 10/01/2023 → 10/01/2024 (365 days).
    - fonctionnement 50 000: due in full, advance 37 500, balance 12 500;
    - accès aux soins 15 000 fixed, started 11/07/2023 → 183 days of 365 → 7 520.55;
      advance 75 % = 5 640.41 on 11/07/2023, balance 1 880.14; variable 15 000 × 80 % = 12 000;
    - parcours not started → 0.
    """
    porteur = cpts_porteur.memberships.get().organisation
    cpts = signed_cpts(
        porteur=porteur,
        departement=territory["dep37"],
        by=siege_agent,
        communes=[territory[name] for name in ("loches", "chinon")],
    )
    assert (cpts.population, cpts.taille) == (14_200, "T1")
    acces = cpts.missions.get(mission__code="acces_soins")
    mission_update(mission=acces, date_demarrage=datetime.date(2023, 7, 11), by=siege_agent)
    atteinte_set(mission=acces, annee=1, taux=Decimal("80"), by=siege_agent)
    releve = releve_annuel(cpts=cpts, annee=1)
    assert releve.taille == "T1"
    assert releve.a_confirmer  # the split per mission is not published: every amount says so
    assert {row.code for row in releve.references} >= {"part_fixe_avance", "fonctionnement", "mission_part_fixe"}
    assert lignes_crises_amount(releve) == (Decimal("10000"), False)
    lignes = {ligne.libelle: ligne for ligne in releve.lignes}
    fonctionnement = lignes["Fonctionnement"]
    assert (fonctionnement.fixe_du, fonctionnement.avance, fonctionnement.solde) == (
        Decimal("50000.00"),
        Decimal("37500.00"),
        Decimal("12500.00"),
    )
    ligne = lignes[acces.mission.libelle]
    assert ligne.prorata == Decimal("0.5014")
    assert (ligne.fixe_du, ligne.avance, ligne.solde) == (Decimal("7520.55"), Decimal("5640.41"), Decimal("1880.14"))
    assert ligne.date_avance == datetime.date(2023, 7, 11)
    assert ligne.variable_du == Decimal("12000.00")
    assert lignes["Parcours pluriprofessionnels"].fixe_du == 0
    assert lignes["Parcours pluriprofessionnels"].variable_du is None
    # Year 2: the mission ran the whole year, attainment not entered yet.
    year2 = {ligne.libelle: ligne for ligne in releve_annuel(cpts=cpts, annee=2).lignes}
    assert year2[acces.mission.libelle].fixe_du == Decimal("15000.00")
    assert year2[acces.mission.libelle].date_avance == datetime.date(2024, 1, 10)
    assert releve.total == Decimal("50000.00") + Decimal("7520.55") + Decimal("12000.00")


def lignes_crises_amount(releve):
    ligne = next(ligne for ligne in releve.lignes if ligne.libelle == "Réponse aux crises sanitaires graves")
    return ligne.part_fixe_annuelle, ligne.sans_montant


@pytest.mark.django_db
def test_funding_amounts_follow_the_year(territory, siege_agent, cpts_porteur):
    """Signed 01/03/2021, before the avenant 2 (20/12/2021): year 1 has no crisis amount, year 2 has one; a newer
    row of the register applies from its date."""
    porteur = cpts_porteur.memberships.get().organisation
    cpts = signed_cpts(
        porteur=porteur, departement=territory["dep37"], by=siege_agent, date_aci=datetime.date(2021, 3, 1)
    )
    assert lignes_crises_amount(releve_annuel(cpts=cpts, annee=1)) == (0, True)
    assert lignes_crises_amount(releve_annuel(cpts=cpts, annee=2)) == (Decimal("10000"), False)
    national = Parametre.objects.get(domaine="cpts", code="fonctionnement", cle="T1")
    Parametre.objects.create(
        domaine="cpts",
        code="fonctionnement",
        cle="T1",
        libelle="Fonctionnement T1",
        valeur=70_000,
        valide_du=datetime.date(2023, 1, 1),
        source=national.source,
    )
    assert releve_annuel(cpts=cpts, annee=2).lignes[0].fixe_du == Decimal("50000.00")
    assert releve_annuel(cpts=cpts, annee=3).lignes[0].fixe_du == Decimal("70000.00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("taille", "plafond", "fonctionnement", "missions"),
    [
        # fonctionnement + (fixed + variable) of accès, parcours, prévention, qualité, accompagnement, crises
        ("T1", 220_000, 50_000, 30_000 + 20_000 + 10_000 + 15_000 + 10_000 + 10_000),
        ("T4", 450_000, 90_000, 60_000 + 40_000 + 20_000 + 30_000 + 20_000 + 25_000),
    ],
)
def test_reconciliation_with_the_2019_maxima(taille, plafond, fonctionnement, missions):
    """The split of the register (« à confirmer ») stays under the sourced maximum; the gap is shown."""
    result = rapprochement(taille=taille, region="24", on=D(2023, 1, 1))
    assert (result.plafond.valeur, result.fonctionnement, result.missions) == (plafond, fonctionnement, missions)
    assert result.ecart == plafond - fonctionnement - missions > 0
    assert result.a_confirmer
    assert not result.plafond.a_confirmer
    before_avenant = rapprochement(taille=taille, region="24", on=D(2021, 1, 1))
    assert before_avenant.missions < missions  # no crisis mission before the avenant 2


@pytest.mark.django_db
def test_crisis_mission_deadlines_run_from_the_avenant_2_for_earlier_contracts(territory, siege_agent, cpts_porteur):
    """ACI signed 01/03/2021, before the avenant 2 of 20/12/2021: the crisis mission must start by 20/06/2022 and
    be deployed by 20/06/2023 (6 and 18 months from the avenant), the others run from the signature."""
    porteur = cpts_porteur.memberships.get().organisation
    cpts = signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, date_aci=D(2021, 3, 1))
    rows = {row.mission.code: row for row in cpts.missions.select_related("mission")}
    assert (rows["crises"].echeance_demarrage, rows["crises"].echeance_deploiement) == (D(2022, 6, 20), D(2023, 6, 20))
    assert (rows["acces_soins"].echeance_demarrage, rows["acces_soins"].echeance_deploiement) == (
        D(2021, 9, 1),
        D(2022, 9, 1),
    )
    assert rows["crises"].mission.valide_du == D(2021, 12, 20)
    # Signed the day of the avenant: from the signature too.
    same_day = signed_cpts(
        porteur=porteur, departement=territory["dep37"], by=siege_agent, date_aci=D(2021, 12, 20), nom="j"
    )
    crises = same_day.missions.get(mission__code="crises")
    assert (crises.echeance_demarrage, crises.echeance_deploiement) == (D(2022, 6, 20), D(2023, 6, 20))


@pytest.mark.django_db
def test_a_contract_ended_before_a_mission_existed_does_not_get_it(territory, siege_agent, cpts_porteur):
    """Missions have validity dates: a contract over before the avenant 2 has no crisis mission."""
    from cpts.models import Mission

    porteur = cpts_porteur.memberships.get().organisation
    Parametre.objects.filter(domaine="cpts", code="duree_aci").update(valeur=2)
    cpts = signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, date_aci=D(2019, 9, 1))
    assert cpts.date_fin_aci == D(2021, 9, 1)
    assert not cpts.missions.filter(mission__code="crises").exists()
    assert set(Mission.objects.en_vigueur(D(2021, 12, 19)).values_list("code", flat=True)) == {
        "acces_soins",
        "parcours",
        "prevention",
        "qualite",
        "accompagnement",
    }


@pytest.mark.django_db
def test_the_size_class_recorded_at_signature_stays_until_an_avenant(territory, siege_agent, cpts_porteur):
    """Signed as T1 (6 300 inhabitants); the territory grows to 130 000 inhabitants (T3 by the register): the
    contract stays T1 — page, statement — until an avenant revises it, from the avenant's date."""
    from tests.territoires.factories import CommuneFactory

    porteur = cpts_porteur.memberships.get().organisation
    cpts = signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]])
    assert (cpts.taille, cpts.taille_signature) == ("T1", "T1")
    big = CommuneFactory(code_insee="37261", nom="Tours", departement=territory["dep37"], population=123_700)
    cpts_set_territoire(cpts=cpts, communes=[territory["loches"], big], by=siege_agent)
    cpts.refresh_from_db()
    assert (cpts.population, cpts.taille) == (130_000, "T1")
    assert releve_annuel(cpts=cpts, annee=2).taille == "T1"
    avenant_add(cpts=cpts, date_signature=D(2024, 3, 1), objet="Extension", by=siege_agent)  # no revision asked
    assert taille_en_vigueur(cpts, on=D(2024, 6, 1)) == "T1"
    avenant = avenant_add(
        cpts=cpts, date_signature=D(2024, 6, 1), objet="Extension du territoire", by=siege_agent, reviser_taille=True
    )
    cpts.refresh_from_db()
    assert (avenant.taille, cpts.taille, cpts.taille_signature) == ("T3", "T3", "T1")
    assert taille_en_vigueur(cpts, on=D(2024, 5, 31)) == "T1"
    assert taille_en_vigueur(cpts, on=D(2024, 6, 1)) == "T3"
    assert releve_annuel(cpts=cpts, annee=2).taille == "T1"  # year 2 starts 10/01/2024, before the avenant
    assert releve_annuel(cpts=cpts, annee=3).taille == "T3"


@pytest.mark.django_db
def test_before_the_aci_the_size_class_follows_the_population(territory, siege_agent, cpts_porteur):
    porteur = cpts_porteur.memberships.get().organisation
    cpts = make_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]])
    assert cpts.taille == "T1"
    from tests.territoires.factories import CommuneFactory

    big = CommuneFactory(code_insee="37261", nom="Tours", departement=territory["dep37"], population=33_700)
    cpts_set_territoire(cpts=cpts, communes=[territory["loches"], big], by=siege_agent)
    assert (cpts.population, cpts.taille) == (40_000, "T2")


@pytest.mark.django_db
def test_overlap_warning_on_both(territory, siege_agent, cpts_porteur):
    porteur = cpts_porteur.memberships.get().organisation
    first = make_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]])
    second = make_cpts(
        porteur=porteur,
        departement=territory["dep37"],
        by=siege_agent,
        communes=[territory[name] for name in ("loches", "chinon")],
        nom="CPTS 2",
    )
    assert overlaps(first) == [(territory["loches"], second)]
    assert overlaps(second) == [(territory["loches"], first)]
    cpts_abandon(cpts=second, reason="Fusion", date=datetime.date(2024, 1, 1), by=siege_agent)
    assert overlaps(first) == []


@pytest.mark.django_db
def test_coverage_one_query(territory, siege_agent, cpts_porteur, django_assert_num_queries):
    porteur = cpts_porteur.memberships.get().organisation
    signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]])
    make_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, communes=[territory["chinon"]], nom="x")
    region = territory["dep37"].region
    with django_assert_num_queries(1):
        population, share = cpts_coverage(departement=territory["dep37"], on=ON)
    assert (population, share) == (6_300, pytest.approx(6_300 / 14_200))
    assert cpts_coverage(region=region, on=ON) == (6_300, pytest.approx(6_300 / 130_200))
    assert cpts_coverage(region=region, on=datetime.date(2022, 12, 31)) == (0, 0.0)
    assert cpts_coverage(region=region, on=datetime.date(2028, 1, 10)) == (0, 0.0)  # ACI ended


@pytest.mark.django_db
def test_pipeline_on_dates(territory, siege_agent, cpts_porteur):
    porteur = cpts_porteur.memberships.get().organisation
    signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent)
    make_cpts(porteur=porteur, departement=territory["dep45"], by=siege_agent, nom="Loiret")
    counts = pipeline(perimetre=territory["dep37"].region, on=ON)
    assert counts[Etape.ACI_SIGNE] == 1
    assert counts[Etape.EMERGENCE] == 1
    assert sum(counts.values()) == 2
    assert pipeline(perimetre=territory["dep37"], on=datetime.date(2022, 12, 20))[Etape.PROJET_VALIDE] == 1
    assert sum(pipeline(perimetre=None, on=datetime.date(2019, 1, 1)).values()) == 0


@pytest.mark.django_db
def test_stage_rules(territory, siege_agent, cpts_porteur):
    porteur = cpts_porteur.memberships.get().organisation
    cpts = make_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent)
    with pytest.raises(ValidationError):
        cpts_advance(cpts=cpts, to_etape=Etape.PROJET_VALIDE, date=ON, by=siege_agent)
    with pytest.raises(ValidationError):
        cpts_abandon(cpts=cpts, reason=" ", date=ON, by=siege_agent)
    signed = signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, nom="s")
    avenant = avenant_add(cpts=signed, date_signature=datetime.date(2024, 2, 1), objet="Mission crises", by=siege_agent)
    assert avenant.numero == 1
    assert signed.history.count() >= 5


@pytest.mark.django_db
def test_msp_in_operation_and_late_missions_for_the_figures(territory, siege_agent, cpts_porteur):
    from cpts.enums import StatutMsp
    from cpts.services.suivi import missions_en_retard, msp_en_fonctionnement
    from tests.cpts.factories import make_centre, make_msp

    region = territory["dep37"].region
    make_msp(departement=territory["dep37"], commune=territory["loches"], statut=StatutMsp.EN_FONCTIONNEMENT)
    make_msp(departement=territory["dep45"], commune=territory["orleans"], nom="Projet", statut=StatutMsp.PROJET)
    make_centre(commune=territory["chinon"], nom="Centre")
    assert msp_en_fonctionnement(region=region, on=ON) == 1  # centres de santé are their own register
    assert msp_en_fonctionnement(departement=territory["dep45"], on=ON) == 0

    porteur = cpts_porteur.memberships.get().organisation
    signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, date_aci=datetime.date(2023, 1, 10))
    # no mission started: every socle mission is late once its start deadline (6 or 12 months) has passed
    assert missions_en_retard(region=region, on=datetime.date(2023, 3, 1)) == 0
    assert missions_en_retard(region=region, on=datetime.date(2024, 3, 1)) == 4
    assert missions_en_retard(departement=territory["dep45"], on=datetime.date(2024, 3, 1)) == 0
