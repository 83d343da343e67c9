"""Each computed indicator on hand-built data: real services where their app is merged, fakes otherwise."""

import sys
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from indicateurs.calculs import REGISTRY, SourceIndisponible, calculer
from indicateurs.enums import Mode, Provenance, RecalculStatus
from indicateurs.models import Indicateur, Recalcul, Valeur
from indicateurs.perimetres import perimetre_departement, perimetre_region, population_perimetre
from indicateurs.semestre import Semestre
from indicateurs.services import recalcul_demander, recalcul_executer

pytestmark = pytest.mark.django_db

S1 = Semestre(2026, 1)


@pytest.fixture
def perimetres(territory):
    region = perimetre_region(territory["dep37"].region)
    return {
        "region": region,
        "dep37": perimetre_departement(territory["dep37"]),
        "dep45": perimetre_departement(territory["dep45"]),
    }


def install(monkeypatch, module: str, **functions):
    monkeypatch.setitem(sys.modules, module, SimpleNamespace(**functions))


def by_perimetre(values: dict):
    """A fake `pipeline(*, perimetre, on)`: values keyed by 'region' or a département code."""
    from territoires.models import Region

    def fake(*, perimetre, on):
        return values["region" if isinstance(perimetre, Region) else perimetre.code]

    return fake


def by_territory(values: dict):
    """A fake service answering per territory keyword: values keyed by 'region' or a département code."""

    def fake(*args, region=None, departement=None, **kwargs):
        return values["region" if region is not None else departement.code]

    return fake


def test_every_computed_indicator_of_the_catalogue_is_registered():
    codes = set(Indicateur.objects.filter(mode=Mode.CALCULE).values_list("code", flat=True))
    assert codes <= set(REGISTRY)


def test_population_denominator(perimetres):
    assert population_perimetre(perimetres["dep37"]) == 14_200  # Loches 6 300 + Chinon 7 900
    assert population_perimetre(perimetres["region"]) == 130_200


def test_population_shares_in_zip_and_zac(perimetres, territory):
    """On the real zonage services: the médecin arrêté in force classifies the three communes."""
    from tests.zonage.factories import ArreteFactory, classer

    arrete = ArreteFactory(reference="ARS-CVL-TEST-ZIP", publie=True)
    for commune, zone in (("loches", "ZIP"), ("chinon", "ZAC"), ("orleans", "ZIP")):
        classer(arrete, territory[commune], zone)
    assert calculer("P1_POP_ZIP", perimetres["dep37"], S1) == Decimal("44.4")  # 6 300 / 14 200
    assert calculer("P1_POP_ZAC", perimetres["dep37"], S1) == Decimal("55.6")
    assert calculer("P1_POP_ZAC", perimetres["dep45"], S1) == Decimal("0.0")
    assert calculer("P1_POP_ZIP", perimetres["region"], S1) == Decimal("93.9")  # 122 300 / 130 200


def test_population_share_without_arrete_is_not_stored(perimetres):
    assert calculer("P1_POP_ZIP", perimetres["dep37"], S1) is None


def test_msp_and_cpts_counts_and_coverage(monkeypatch, perimetres):
    install(
        monkeypatch,
        "cpts.services",
        msp_en_fonctionnement=by_territory({"region": 70, "37": 12, "45": 9}),
        pipeline=by_perimetre({"region": {"aci_signe": 5, "projet": 3}, "37": {"projet": 1}, "45": {"aci_signe": 2}}),
        cpts_coverage=by_territory({"region": (58_000, 0.4), "37": (7_100, 0.5), "45": (0, 0)}),
    )
    assert calculer("P3_MSP", perimetres["region"], S1) == 70
    assert calculer("P3_MSP", perimetres["dep37"], S1) == 12
    assert calculer("P3_CPTS_ACI", perimetres["region"], S1) == 5
    assert calculer("P3_CPTS_ACI", perimetres["dep37"], S1) == 0
    assert calculer("P3_POP_CPTS", perimetres["dep37"], S1) == Decimal("50.0")  # 7 100 / 14 200
    assert calculer("P3_POP_CPTS", perimetres["region"], S1) == Decimal("44.5")  # 58 000 / 130 200


def test_cls_coverage_and_fiches_actions(monkeypatch, perimetres):
    install(
        monkeypatch,
        "cls.services",
        cls_coverage=by_territory({"region": (130_200, 1), "37": (6_300, 0.4), "45": (116_000, 1)}),
        fiches_actions_counts=by_territory(
            {"region": {"realisee": 7, "en_retard": 2}, "37": {"realisee": 3}, "45": {"en_retard": 1}}
        ),
    )
    assert calculer("P4_POP_CLS", perimetres["region"], S1) == Decimal("100.0")
    assert calculer("P4_POP_CLS", perimetres["dep37"], S1) == Decimal("44.4")
    assert calculer("P4_FICHES_REALISEES", perimetres["region"], S1) == 7
    assert calculer("P4_FICHES_EN_RETARD", perimetres["dep37"], S1) == 0
    assert calculer("P4_FICHES_EN_RETARD", perimetres["dep45"], S1) == 1


def test_lettres_intention_counts_and_median_delay(monkeypatch, perimetres):
    rows = [
        (date(2025, 12, 1), date(2026, 1, 10), True),  # filed before, accepted in S1 (40 days)
        (date(2026, 1, 5), date(2026, 1, 15), True),  # 10 days
        (date(2026, 2, 1), date(2026, 2, 21), False),  # refused, 20 days
        (date(2026, 3, 1), None, None),  # pending
        (date(2026, 6, 1), date(2026, 7, 2), True),  # decided in S2: not counted in S1
    ]
    seen = {}

    def lettres_intention(*, region=None, departement=None, debut, fin):
        seen["bounds"] = (debut, fin)
        return iter(rows)

    install(monkeypatch, "instruction.selectors", lettres_intention=lettres_intention)
    assert calculer("P4_LI_DEPOSEES", perimetres["dep37"], S1) == 4
    assert calculer("P4_LI_ACCEPTEES", perimetres["dep37"], S1) == 2
    assert calculer("P4_DELAI_INSTRUCTION", perimetres["dep37"], S1) == Decimal("20.0")  # median of 40, 10, 20
    assert seen["bounds"] == (date(2026, 1, 1), date(2026, 6, 30))
    rows.pop(2)
    assert calculer("P4_DELAI_INSTRUCTION", perimetres["dep37"], S1) == Decimal("25.0")  # median of 40, 10


def test_missing_app_is_reported_as_unavailable(monkeypatch, perimetres):
    install(monkeypatch, "cpts.services")  # the app (or its function) is not there
    with pytest.raises(SourceIndisponible, match="source non disponible"):
        calculer("P3_MSP", perimetres["region"], S1)


def test_recompute_stores_calculated_values_and_reports_missing_sources(monkeypatch, perimetres, siege_agent):
    install(monkeypatch, "cpts.services", msp_en_fonctionnement=by_territory({"region": 70, "37": 12, "45": 9}))
    for module in ("zonage.services", "cls.services", "instruction.selectors", "registres.services.indicateurs"):
        install(monkeypatch, module)
    recalcul = Recalcul.objects.create(periode="2026-S1", demande_par=siege_agent)
    done = recalcul_executer(recalcul_id=recalcul.pk, region_code="24")
    assert done.status == RecalculStatus.DONE
    assert done.resultats["P3_MSP"] == "3\u00a0valeurs calculées"
    assert done.resultats["P1_POP_ZIP"].startswith("source non disponible")
    stored = Valeur.objects.filter(indicateur__code="P3_MSP").order_by("perimetre__code")
    assert [(v.perimetre.code, v.valeur, v.provenance) for v in stored] == [
        ("24", 70, Provenance.CALCUL),
        ("37", 12, Provenance.CALCUL),
        ("45", 9, Provenance.CALCUL),
    ]
    assert Valeur.objects.exclude(indicateur__code="P3_MSP").count() == 0
    # Idempotent: a recomputation already run is not run again.
    assert recalcul_executer(recalcul_id=recalcul.pk, region_code="24") is None


def test_recompute_task_runs_after_commit(monkeypatch, perimetres, django_capture_on_commit_callbacks):
    install(monkeypatch, "cpts.services", msp_en_fonctionnement=by_territory({"region": 1, "37": 1, "45": 1}))
    with django_capture_on_commit_callbacks(execute=True):
        recalcul = recalcul_demander(periode=S1)
    recalcul.refresh_from_db()
    assert recalcul.status == RecalculStatus.DONE
    assert Valeur.objects.filter(indicateur__code="P3_MSP", periode="2026-S1").count() == 3


def test_nightly_recompute_is_scheduled_and_queues_the_current_semester(territory, django_capture_on_commit_callbacks):
    from django.utils import timezone
    from django_celery_beat.models import PeriodicTask

    from config.celery import app
    from indicateurs.tasks import recalculer_semestre_en_cours

    task = PeriodicTask.objects.get(task="indicateurs.tasks.recalculer_semestre_en_cours")
    assert task.enabled
    assert task.task in app.tasks
    with django_capture_on_commit_callbacks(execute=True):
        pk = recalculer_semestre_en_cours()
    recalcul = Recalcul.objects.get(pk=pk)
    assert recalcul.periode == str(Semestre.containing(timezone.localdate()))
    assert recalcul.status == RecalculStatus.DONE
