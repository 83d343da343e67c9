"""Aids: figures from the référentiel, validity dates, EXO-CFE opened by the commune (population or ZRR/FRR)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from referentiel.models import Parametre
from referentiel.seed import read_data
from territoires.models import CommuneOverlay
from zonage.models import Aide
from zonage.services import aides_commune, classements_en_vigueur, montants_des_aides

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 6, 1)


def test_exo_cfe_is_opened_by_the_commune_not_by_a_zone():
    cfe = Aide.objects.get(code="EXO-CFE")
    assert cfe.eligibilite == "commune"
    assert not cfe.zones.exists()


def test_pdsa_exemption_and_2023_installation_aid_are_seeded():
    pdsa = Aide.objects.get(code="EXO-PDSA-IR")
    assert set(pdsa.zones.values_list("code", flat=True)) == {"ZIP"}
    installation = Aide.objects.get(code="INSTALLATION-2023")
    assert set(installation.zones.values_list("code", flat=True)) == {"ZIP", "ZAC"}
    assert installation.valide_du == D(2023, 1, 1)
    amounts = Parametre.objects.filter(domaine="zonage", code=installation.referentiel_code)
    assert {row.cle: (row.valeur, row.a_confirmer) for row in amounts} == {
        "ZIP": (Decimal("10000"), True),
        "ZAC": (Decimal("5000"), True),
    }
    assert amounts.first().source.code == "quotidien-medecin-aides-installation"


def test_aid_texts_hold_no_figure_and_every_figure_has_an_aid():
    """Amounts and durations live in the référentiel only: an aid's text has no digit."""
    for aide in Aide.objects.all():
        assert not re.search(r"\d", aide.resume), aide.code
    referenced = set(Aide.objects.exclude(referentiel_code="").values_list("referentiel_code", flat=True))
    seeded = {row["code"] for row in read_data()[1] if row["code"].startswith("aide_")}
    assert referenced == seeded


def test_one_cstm_rate_in_the_register_the_plan_and_the_public_page(client, two_versions):
    """The CVL plan: « Revalorisation de l'aide à l'activité de 10 % à 25 % ». One value, shown the same way."""
    from acces_soins.models import Mesure

    [taux] = Parametre.objects.filter(domaine="zonage", code="aide_cstm", cle="taux")
    assert (taux.valeur, taux.region_code, taux.a_confirmer) == (Decimal("25"), "24", True)
    plan = Mesure.objects.get(priorite__numero=1, numero=3).description
    assert f"de 10 % à {taux.valeur.normalize()} %" in plan
    html = client.get(reverse("zonage:commune", args=["37072"])).content.decode()
    assert "25\u00a0% des honoraires" in html
    assert "27\u00a0%" not in html


def test_amounts_of_all_aids_in_one_query(two_versions, zonage_territory, django_assert_num_queries):
    aides = list(Aide.objects.all())
    with django_assert_num_queries(1):
        montants_des_aides(aides, region="24", on=TODAY)
    caim = next(aide for aide in aides if aide.code == "CAIM")
    assert [row.cle for row in caim.montants] == ["montant_min", "montant_max", "duree"]
    assert next(aide for aide in aides if aide.code == "PTMG").montants == []


def test_an_aid_out_of_its_validity_is_not_offered(two_versions, zonage_territory):
    Aide.objects.filter(code="COSCOM").update(valide_au=D(2024, 12, 31))
    Aide.objects.filter(code="INSTALLATION-2023").update(valide_du=D(2023, 1, 1))

    def offered(on):
        [row] = list(classements_en_vigueur(zonage_territory["loches"], on=on))  # TVS A: ZIP in v1 and v2
        return {aide.code for aide in row.zone.aides.all()}

    assert "COSCOM" in offered(D(2024, 12, 31))
    assert "COSCOM" not in offered(D(2025, 1, 1))
    assert "INSTALLATION-2023" in offered(D(2025, 1, 1))
    assert "INSTALLATION-2023" not in offered(D(2022, 12, 31))  # v1 in force, ZIP: not yet created


def eligibility(commune, on=TODAY):
    [item] = aides_commune(commune, on=on)
    assert item.aide.code == "EXO-CFE"
    return item.eligible, item.motif


def set_population(commune, population):
    commune.population = population
    commune.save()


@pytest.mark.parametrize(("population", "by_population"), [(1_999, True), (2_000, False), (2_001, False)])
def test_cfe_population_criterion_both_sides_of_2000(territory, population, by_population):
    """« moins de 2 000 habitants » (operator < in the register): 2 000 is not under."""
    loches = territory["loches"]
    set_population(loches, population)
    eligible, motif = eligibility(loches)
    if by_population:
        assert eligible is True
        assert "<\u00a02\u202f000\u00a0habitants" in motif
    else:
        assert eligible is None  # no ZRR/FRR list imported: cannot tell
        assert "non importé" in motif


def test_cfe_criterion_reads_the_operator_of_the_register(territory):
    Parametre.objects.filter(code="aide_exo_cfe", cle="seuil_population").update(operateur="le")
    set_population(territory["loches"], 2_000)
    assert eligibility(territory["loches"])[0] is True


def test_cfe_overlay_criterion(territory):
    loches, chinon = territory["loches"], territory["chinon"]
    for kind, start, end in (("zrr", D(2017, 7, 1), D(2024, 6, 30)), ("frr", D(2024, 7, 1), None)):
        CommuneOverlay.objects.create(commune=loches, kind=kind, valide_du=start, valide_au=end, source="test")
    assert eligibility(loches, D(2020, 1, 1)) == (True, "la commune est classée : Zone de revitalisation rurale (ZRR)")
    assert eligibility(loches)[0] is True
    eligible, motif = eligibility(chinon)  # 7 900 inhabitants, in neither list: both lists imported
    assert eligible is False
    assert motif == "la commune compte 7\u202f900\u00a0habitants et n'est ni en ZRR ni en FRR"


def test_commune_page_shows_amounts_with_a_confirmer_and_source_and_the_commune_aids(client, two_versions):
    html = client.get(reverse("zonage:commune", args=["37072"])).content.decode()
    assert "Aides liées à la commune, hors zonage" in html
    assert "Exonération de cotisation foncière des entreprises" in html
    assert "Éligibilité non vérifiable" in html
    assert "CAIM : montant maximal" in html
    assert "≤\u00a050\u202f000\u00a0€" in html
    assert "URPS médecins libéraux Nouvelle-Aquitaine" in html  # the source, beside the value
    assert "Aide à la première installation (2023) en zone d&#x27;intervention prioritaire" in html
    assert html.count("à confirmer") >= 4


def test_map_page_shows_the_same_amounts(client, two_versions):
    html = client.get(reverse("zonage:carte")).content.decode()
    assert "≤\u00a050\u202f000\u00a0€" in html
    assert "25\u00a0% des honoraires" in html
