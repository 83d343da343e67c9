"""MSP rules from the register, on hand-computed cases: minimum team, SISA within its grace period (boundaries both
sides), points with the variable ones scaled to the patientèle, the advance and its minimum, the end of the ACI."""

import datetime
from decimal import Decimal

import pytest

from cpts.enums import Profession, StatutSisa
from cpts.models import CritereAciMsp, CritereMsp, Msp
from cpts.services.msp import msp_eligibilite, msp_fin_aci, msp_remuneration, msp_save
from referentiel.models import Parametre
from tests.cpts.factories import make_msp

pytestmark = pytest.mark.django_db
D = datetime.date
ON = D(2024, 1, 1)


@pytest.fixture
def place(territory):
    return {"departement": territory["dep37"], "commune": territory["loches"]}


@pytest.mark.parametrize(
    ("equipe", "ok", "motifs"),
    [
        ({Profession.MEDECIN_GENERALISTE: 2, Profession.INFIRMIER: 1}, True, 0),  # exactly the minimum (≥)
        ({Profession.MEDECIN_GENERALISTE: 1, Profession.INFIRMIER: 1}, False, 1),
        ({Profession.MEDECIN_GENERALISTE: 2, Profession.PHARMACIEN: 3}, False, 1),  # a pharmacist is not paramedical
        ({Profession.MEDECIN_GENERALISTE: 3, Profession.MASSEUR_KINE: 2}, True, 0),
    ],
)
def test_minimum_team_is_a_register_rule(place, equipe, ok, motifs):
    msp = make_msp(**place, equipe=equipe)
    eligibilite = msp_eligibilite(msp=msp, on=ON)
    assert (eligibilite.equipe_ok, len(eligibilite.motifs)) == (ok, motifs)
    assert eligibilite.min_medecins.valeur == 2
    assert eligibilite.min_medecins.operateur == "ge"
    assert eligibilite.min_medecins.source.code == "fmps-normandie-aci"


@pytest.mark.parametrize(
    ("on", "statut", "eligible"),
    [
        (D(2024, 1, 15), StatutSisa.EN_DELAI, True),  # signed without SISA: allowed
        (D(2024, 7, 15), StatutSisa.EN_DELAI, True),  # exactly 6 months: the last day is still in time
        (D(2024, 7, 16), StatutSisa.HORS_DELAI, False),
    ],
)
def test_sisa_grace_period_boundaries(place, on, statut, eligible):
    msp = make_msp(**place, date_aci=D(2024, 1, 15), sisa=False)  # no database constraint refuses it
    eligibilite = msp_eligibilite(msp=msp, on=on)
    assert (eligibilite.sisa.statut, eligibilite.sisa.echeance, eligibilite.eligible_aci) == (
        statut,
        D(2024, 7, 15),
        eligible,
    )
    if not eligible:
        assert "au plus tard le 15 juillet 2024" in eligibilite.motifs[-1]


@pytest.mark.parametrize(
    ("date_sisa", "statut"),
    [
        (D(2023, 11, 2), StatutSisa.CONSTITUEE),
        (D(2024, 7, 15), StatutSisa.CONSTITUEE),  # on the last day of the period
        (D(2024, 7, 16), StatutSisa.CONSTITUEE_HORS_DELAI),  # one day late: recorded as such, not blocking
    ],
)
def test_sisa_constituted_in_or_after_the_period(place, date_sisa, statut):
    msp = make_msp(**place, date_aci=D(2024, 1, 15), sisa=True, date_sisa=date_sisa)
    eligibilite = msp_eligibilite(msp=msp, on=D(2024, 9, 1))
    assert eligibilite.sisa.statut == statut
    assert eligibilite.eligible_aci


def test_sisa_grace_period_is_data_and_clamped_to_month_end(place):
    msp = make_msp(**place, date_aci=D(2024, 8, 31), sisa=True, date_sisa=D(2024, 12, 20))
    assert msp_eligibilite(msp=msp, on=D(2024, 9, 1)).sisa.statut == StatutSisa.EN_DELAI  # constituted later
    assert msp_eligibilite(msp=msp, on=D(2024, 9, 1)).sisa.echeance == D(2025, 2, 28)
    Parametre.objects.filter(domaine="msp", code="sisa_delai").update(valeur=3)
    eligibilite = msp_eligibilite(msp=msp, on=D(2024, 12, 1))
    assert (eligibilite.sisa.echeance, eligibilite.sisa.statut) == (D(2024, 11, 30), StatutSisa.HORS_DELAI)


def test_an_msp_without_aci_is_not_bound_by_sisa(place):
    msp = make_msp(**place)
    assert msp_eligibilite(msp=msp, on=ON).sisa.statut == StatutSisa.NON_REQUISE


def test_msp_save_accepts_an_aci_before_the_sisa(place, dd_agent):
    data = {**place, "nom": "MSP", "statut": "en_fonctionnement", "date_aci": D(2024, 1, 15), "sisa": False}
    msp = msp_save(msp=None, data=data, equipe={Profession.MEDECIN_GENERALISTE: 2}, site={}, by=dd_agent)
    assert (msp.date_aci, msp.sisa) == (D(2024, 1, 15), False)
    msp_save(msp=msp, data={"date_sisa": D(2024, 5, 2)}, equipe={}, site={}, by=dd_agent)
    msp.refresh_from_db()
    assert (msp.sisa, msp.date_sisa) == (True, D(2024, 5, 2))  # a SISA date means it is constituted


def _meets(msp, *codes):
    for code in codes:
        CritereMsp.objects.create(msp=msp, critere=CritereAciMsp.objects.get(code=code))


@pytest.mark.parametrize(
    ("patientele", "points", "montant", "avance"),
    [
        # 1 000 fixed + 1 700 variable × patientèle / 4 000; × 7 €; advance 60 % but at least 12 000 €
        (4_000, Decimal("2700"), Decimal("18900.00"), Decimal("12000")),  # 60 % = 11 340 < 12 000
        (2_000, Decimal("1850"), Decimal("12950.00"), Decimal("12000")),
        (6_000, Decimal("3550"), Decimal("24850.00"), Decimal("14910.00")),  # 60 % = 14 910 > 12 000
        (None, Decimal("1000"), Decimal("7000.00"), Decimal("12000")),  # unknown patientèle: fixed points only
    ],
)
def test_points_scale_with_the_patientele(place, patientele, points, montant, avance):
    msp = make_msp(**place, date_aci=D(2023, 3, 1), sisa=True, patientele=patientele)
    _meets(msp, "coordination", "travail_equipe")
    remuneration = msp_remuneration(msp=msp, on=ON)
    assert (remuneration.points_fixes, remuneration.points_variables) == (1_000, 1_700)
    assert (remuneration.points, remuneration.montant, remuneration.avance) == (points, montant, avance)
    assert remuneration.a_confirmer  # the coordination points come from a comment on the avenant 1


def test_reference_patientele_and_point_value_are_register_rows(place):
    msp = make_msp(**place, date_aci=D(2023, 3, 1), sisa=True, patientele=3_000)
    _meets(msp, "travail_equipe", "protocole")
    assert msp_remuneration(msp=msp, on=ON).points == Decimal("100") + Decimal("1275")  # 1 700 × 3 000 / 4 000
    Parametre.objects.filter(domaine="msp", code="patientele_reference").update(valeur=3_000)
    Parametre.objects.filter(domaine="msp", code="valeur_point").update(valeur=10)
    remuneration = msp_remuneration(msp=msp, on=ON)
    assert (remuneration.points, remuneration.montant) == (Decimal("1800"), Decimal("18000.00"))


def test_a_criterion_without_points_in_the_register_is_reported(place):
    msp = make_msp(**place, date_aci=D(2023, 3, 1), sisa=True, patientele=4_000)
    _meets(msp, "diversite")
    Parametre.objects.filter(domaine="msp", cle="diversite").delete()
    remuneration = msp_remuneration(msp=msp, on=ON)
    assert (remuneration.points, remuneration.sans_points) == (0, ["Diversité de l'offre de soins"])


@pytest.mark.parametrize(
    ("date_aci", "fin"),
    [(D(2020, 2, 29), D(2025, 2, 28)), (D(2023, 3, 1), D(2028, 3, 1))],
)
def test_end_of_the_aci_from_the_registers_duration(place, date_aci, fin):
    msp = make_msp(**place, date_aci=date_aci, sisa=True)
    assert msp_fin_aci(msp=msp) == fin
    assert msp_fin_aci(msp=make_msp(**place, nom="sans ACI")) is None


def test_no_msp_rule_outside_the_register(place):
    """Without its register row a rule fails loudly instead of falling back on a value written in code."""
    from cpts.services.regles import RegleManquante

    msp = make_msp(**place, date_aci=D(2023, 3, 1), sisa=True)
    Parametre.objects.filter(domaine="msp", code="equipe_min").delete()
    with pytest.raises(RegleManquante, match="msp.equipe_min"):
        msp_eligibilite(msp=msp, on=ON)
    assert Msp.objects.count() == 1
