"""Hand-computed cases: size classes at the boundaries, mission deadlines, funding statement,
coverage, pipeline, overlaps, MSP eligibility and points."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cpts.enums import Etape, Profession, StatutMission, TypeStructure
from cpts.models import BaremeAci, BaremeLigne, Cpts, MissionCpts, SeuilTaille
from cpts.services import regles
from cpts.services.financement import releve_annuel
from cpts.services.msp import msp_eligibilite, msp_remuneration
from cpts.services.registre import atteinte_set, avenant_add, cpts_abandon, cpts_advance, mission_update
from cpts.services.suivi import cpts_coverage, overlaps, pipeline
from tests.cpts.factories import make_cpts, make_msp, signed_cpts

ON = datetime.date(2024, 1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("population", "taille"),
    [
        (0, "T1"),
        (39_999, "T1"),
        (40_000, "T2"),  # « T1 < 40 000 »: 40 000 is T2
        (79_999, "T2"),
        (80_000, "T3"),  # lower bounds are inclusive
        (175_000, "T3"),  # « T4 > 175 000 »: 175 000 is still T3
        (175_001, "T4"),
        (1_000_000, "T4"),
    ],
)
def test_size_class_boundaries(population, taille):
    assert regles.taille_for(population, on=ON) == taille


@pytest.mark.django_db
def test_size_thresholds_are_dated_data():
    SeuilTaille.objects.create(taille="T2", population_min=50_000, valide_du=datetime.date(2030, 1, 1), source="test")
    assert regles.taille_for(45_000, on=ON) == "T2"
    assert regles.taille_for(45_000, on=datetime.date(2030, 6, 1)) == "T1"


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
    )
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
    """T1 CPTS (14 200 inhabitants) signed 10/01/2023: 2019 table then avenant 2 from 01/01/2022 → avenant 2.

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
    assert releve.bareme == "ACI CPTS — avenant 2"
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


@pytest.mark.django_db
def test_funding_table_version_follows_the_year(territory, siege_agent, cpts_porteur):
    porteur = cpts_porteur.memberships.get().organisation
    cpts = signed_cpts(
        porteur=porteur, departement=territory["dep37"], by=siege_agent, date_aci=datetime.date(2021, 3, 1)
    )
    assert releve_annuel(cpts=cpts, annee=1).bareme == "ACI CPTS 2019"
    assert releve_annuel(cpts=cpts, annee=2).bareme == "ACI CPTS — avenant 2"
    bareme = BaremeAci.objects.create(nom="Avenant test", valide_du=datetime.date(2023, 1, 1), source="test")
    BaremeLigne.objects.create(bareme=bareme, taille="T1", part_fixe=70_000, part_variable=0)
    lignes = releve_annuel(cpts=cpts, annee=3).lignes
    assert lignes[0].fixe_du == Decimal("70000.00")


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
def test_msp_eligibility_and_points(territory):
    commune = territory["loches"]
    msp = make_msp(departement=territory["dep37"], commune=commune, sisa=True)
    eligibilite = msp_eligibilite(msp=msp, on=ON)
    assert eligibilite.equipe_ok
    assert eligibilite.eligible_aci
    assert eligibilite.motifs == []
    small = make_msp(
        departement=territory["dep37"],
        commune=commune,
        nom="petite",
        equipe={Profession.MEDECIN_GENERALISTE: 1, Profession.PHARMACIEN: 3},
    )
    eligibilite = msp_eligibilite(msp=small, on=ON)
    assert not eligibilite.equipe_ok
    assert len(eligibilite.motifs) == 3
    centre = make_msp(departement=territory["dep37"], commune=commune, nom="cds", type=TypeStructure.CENTRE_SANTE)
    assert msp_eligibilite(msp=centre, on=ON).eligible_aci  # no SISA needed for a centre de santé
    from cpts.models import CritereAciMsp, CritereMsp

    for code in ("coordination", "travail_equipe"):
        CritereMsp.objects.create(msp=msp, critere=CritereAciMsp.objects.get(code=code))
    assert msp_remuneration(msp=msp, on=ON) == (2_700, Decimal("18900.00"))


@pytest.mark.django_db
def test_msp_in_operation_and_late_missions_for_the_figures(territory, siege_agent, cpts_porteur):
    from cpts.enums import StatutMsp
    from cpts.services.suivi import missions_en_retard, msp_en_fonctionnement
    from tests.cpts.factories import make_msp

    region = territory["dep37"].region
    make_msp(departement=territory["dep37"], commune=territory["loches"], statut=StatutMsp.EN_FONCTIONNEMENT)
    make_msp(departement=territory["dep45"], commune=territory["orleans"], nom="Projet", statut=StatutMsp.PROJET)
    make_msp(
        departement=territory["dep37"],
        commune=territory["chinon"],
        nom="Centre",
        type=TypeStructure.CENTRE_SANTE,
        statut=StatutMsp.EN_FONCTIONNEMENT,
    )
    assert msp_en_fonctionnement(region=region, on=ON) == 1  # centres de santé are not MSP
    assert msp_en_fonctionnement(departement=territory["dep45"], on=ON) == 0

    porteur = cpts_porteur.memberships.get().organisation
    signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, date_aci=datetime.date(2023, 1, 10))
    # no mission started: every socle mission is late once its start deadline (6 or 12 months) has passed
    assert missions_en_retard(region=region, on=datetime.date(2023, 3, 1)) == 0
    assert missions_en_retard(region=region, on=datetime.date(2024, 3, 1)) == 4
    assert missions_en_retard(departement=territory["dep45"], on=datetime.date(2024, 3, 1)) == 0
