"""Indicator baselines as the plan says them (issue 14 §3), and values made of fictitious data said so.

Expected values are read by hand in plan-acces-aux-soins-ars-centre-val-de-loire.txt (Priorité n°1, mesure 1:
« 39,8 % (…) en zone d'intervention prioritaire », « 71,3 % résident en zone d'action complémentaire »;
mesure 2: « plus de 330 médecins retraités »; mesure 6: « Une vingtaine d'infirmières ASALEE »; Priorité n°4:
« 17 CLS mettant en priorité les questions de la démographie médicale », « 10 millions d'euros »).
"""

import sys
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from indicateurs.calculs import calculer, donnees_fictives
from indicateurs.models import Baseline, Indicateur, Recalcul, Valeur
from indicateurs.perimetres import perimetre_departement, perimetre_region
from indicateurs.semestre import Semestre
from indicateurs.services import recalcul_executer

pytestmark = pytest.mark.django_db

S1 = Semestre(2026, 1)


def baselines() -> dict[str, Baseline]:
    return {b.indicateur.code: b for b in Baseline.objects.select_related("indicateur", "perimetre", "document")}


def test_71_3_is_zip_and_zac_and_the_zac_alone_is_31_5():
    seeded = baselines()
    zip_, zac, both = seeded["P1_POP_ZIP"], seeded["P1_POP_ZAC"], seeded["P1_POP_ZIP_ZAC"]
    assert (zip_.valeur, zac.valeur, both.valeur) == (Decimal("39.8"), Decimal("31.5"), Decimal("71.3"))
    assert zip_.valeur + zac.valeur == both.valeur
    assert zac.a_confirmer
    assert "71,3 − 39,8 = 31,5" in zac.note
    assert not both.a_confirmer
    labels = {code: Indicateur.objects.get(code=code).libelle for code in ("P1_POP_ZAC", "P1_POP_ZIP_ZAC")}
    assert labels == {
        "P1_POP_ZAC": "Part de la population en zone d'action complémentaire seule (ZAC, médecins)",
        "P1_POP_ZIP_ZAC": "Part de la population en ZIP ou en ZAC (médecins)",
    }


def test_the_computations_agree_with_the_labels(territory, monkeypatch):
    """Loches (6 300) ZIP, Chinon (7 900) ZAC, Orléans (116 000) HC: the region counts 130 200 inhabitants."""
    arrete = SimpleNamespace()
    shares = {"ZIP": (6_300, 0), "ZAC": (7_900, 0), "HC": (116_000, 0)}
    services = SimpleNamespace(arrete_en_vigueur=lambda **kwargs: arrete, zone_shares=lambda a, **kwargs: shares)
    monkeypatch.setitem(sys.modules, "zonage.services", services)
    region = perimetre_region(territory["dep37"].region)
    assert calculer("P1_POP_ZIP", region, S1) == Decimal("4.8")  # 6 300 / 130 200
    assert calculer("P1_POP_ZAC", region, S1) == Decimal("6.1")  # 7 900 / 130 200: the ZAC alone
    assert calculer("P1_POP_ZIP_ZAC", region, S1) == Decimal("10.9")  # 14 200 / 130 200: both


def test_qualified_figures_keep_their_qualifier(client, expert):
    seeded = baselines()
    assert (seeded["P1_MEDECINS_RETRAITES"].qualificatif, seeded["P1_MEDECINS_RETRAITES"].valeur) == ("plus_de", 330)
    assert (seeded["P1_ASALEE"].qualificatif, seeded["P1_ASALEE"].valeur) == ("environ", 20)
    assert seeded["P1_MAITRES_STAGE"].qualificatif == ""  # « 393 médecins agréés »: exact
    client.force_login(expert)
    page = client.get(reverse("indicateurs:detail", args=["P1_MEDECINS_RETRAITES"])).content.decode()
    assert "plus de 330 (2017-S2" in page
    assert "« ils sont plus de 330 médecins retraités" in page


def test_no_cpts_aci_baseline_in_2017():
    assert "P3_CPTS_ACI" not in baselines()
    assert "depuis 2019" in Indicateur.objects.get(code="P3_CPTS_ACI").definition


def test_the_17_cls_are_those_putting_medical_demography_first():
    indicateur = Indicateur.objects.get(code="P4_CLS")
    assert indicateur.libelle == "CLS mettant en priorité la démographie médicale"
    assert "et non l'ensemble des CLS en vigueur" in indicateur.definition
    assert baselines()["P4_CLS"].valeur == 17


def test_the_10_meur_fir_is_national():
    import datetime

    from referentiel.services import parametre_en_vigueur

    methode = Indicateur.objects.get(code="P4_FIR_ENGAGES").methode
    assert "Repère national, et non régional" in methode
    assert "pour l'ensemble des ARS" in methode
    row = parametre_en_vigueur(
        "financements", "fir_credits_supplementaires_plan_acces_soins", region="24", on=datetime.date(2018, 6, 1)
    )
    assert (row.valeur, row.region_code, row.est_national) == (10_000_000, "", True)
    assert row.source.code == "plan-acces-soins-priorite-4"
    assert row.source.region_code == ""  # a national document


def test_every_direction_is_sourced_or_a_confirmer():
    for indicateur in Indicateur.objects.select_related("sens_document"):
        sourced = indicateur.sens_document and indicateur.sens_document.code != "lecture-equipe"
        assert sourced or indicateur.sens_a_confirmer, indicateur.code
        assert indicateur.sens_source, indicateur.code
    assert not Indicateur.objects.get(code="P3_MSP").sens_a_confirmer
    assert Indicateur.objects.get(code="P1_POP_ZIP").sens_a_confirmer  # the plan calls the rise favourable
    indicateur = Indicateur.objects.get(code="P4_CLS")
    indicateur.sens_document, indicateur.sens_a_confirmer = None, False
    with pytest.raises(ValidationError, match="sans document source"):
        indicateur.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        indicateur.save()


def test_every_seeded_baseline_cites_the_plan_of_december_2017():
    for code, baseline in baselines().items():
        assert baseline.document.code == "cvl-plan-acces-soins-2017", code
        assert baseline.source.startswith("Priorité n°"), code
        assert not baseline.fictif


# --- Values made of fictitious data -------------------------------------------------------------------------


def _recompute(monkeypatch, siege_agent):
    monkeypatch.setitem(sys.modules, "cpts.services", SimpleNamespace(msp_en_fonctionnement=lambda **kwargs: 3))
    for module in ("zonage.services", "cls.services", "instruction.selectors", "registres.services.indicateurs"):
        monkeypatch.setitem(sys.modules, module, SimpleNamespace())
    recalcul = Recalcul.objects.create(periode="2026-S1", demande_par=siege_agent)
    return recalcul_executer(recalcul_id=recalcul.pk, region_code="24")


def test_values_computed_from_real_data_are_not_fictitious(monkeypatch, territory, siege_agent):
    perimetre_departement(territory["dep37"])
    done = _recompute(monkeypatch, siege_agent)
    assert done.resultats["P3_MSP"] == "3\xa0valeurs calculées"
    assert not Valeur.objects.filter(fictif=True).exists()


def test_values_computed_from_fictitious_structures_are_flagged(monkeypatch, territory, siege_agent, client):
    from tests.cpts.factories import make_msp

    make_msp(departement=territory["dep37"], commune=territory["loches"], nom="MSP (fictif)", is_fictif=True)
    perimetre_departement(territory["dep37"])
    done = _recompute(monkeypatch, siege_agent)
    assert done.resultats["P3_MSP"] == "3\xa0valeurs calculées — fictives"
    assert Valeur.objects.filter(indicateur__code="P3_MSP").count() == 3
    assert not Valeur.objects.filter(indicateur__code="P3_MSP", fictif=False).exists()
    assert donnees_fictives("P4_POP_CLS") is False  # another programme's data: real
    client.force_login(siege_agent)
    page = client.get(reverse("indicateurs:detail", args=["P3_MSP"])).content.decode()
    assert "Données fictives de démonstration." in page


def test_in_the_demonstration_every_computed_value_is_fictitious(settings):
    settings.IS_DEMO = True
    assert donnees_fictives("P1_POP_ZIP") is True


def test_demo_values_do_not_start_from_the_real_baseline(territory, settings):
    """The real 2017 baseline stays as sourced; the demo's series owes nothing to it."""
    settings.IS_DEMO = True
    Baseline.objects.filter(indicateur__code="P3_MSP").update(valeur=6500)  # a baseline far from any demo value
    call_command("demo_indicateurs")
    baseline = Baseline.objects.get(indicateur__code="P3_MSP", perimetre__code="24")
    assert (baseline.valeur, baseline.fictif) == (6500, False)
    values = list(
        Valeur.objects.filter(indicateur__code="P3_MSP", perimetre__code="24").values_list("valeur", "fictif")
    )
    assert values
    assert all(fictif and valeur < 50 for valeur, fictif in values)  # made-up base 20 × [0,85 ; 1,15], +25 %
