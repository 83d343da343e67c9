"""The recomputation through the real broker: task serialised to Redis and run by a worker."""

import sys
from types import SimpleNamespace

import pytest

from indicateurs.enums import RecalculStatus
from indicateurs.models import Recalcul, Valeur
from indicateurs.perimetres import perimetres_territoriaux
from indicateurs.tasks import recalculer_indicateurs
from tests.celery_worker import celery_worker  # noqa: F401 - fixture

pytestmark = pytest.mark.worker


def test_recompute_runs_on_a_real_worker(celery_worker, catalogue, territory, monkeypatch):  # noqa: F811
    monkeypatch.setitem(sys.modules, "cpts.services", SimpleNamespace(msp_en_fonctionnement=lambda **kwargs: 7))
    for module in ("zonage.services", "cls.services", "instruction.selectors", "registres.services.indicateurs"):
        monkeypatch.setitem(sys.modules, module, SimpleNamespace())
    perimetres_territoriaux("24")
    recalcul = Recalcul.objects.create(periode="2026-S1")
    assert recalculer_indicateurs.delay(recalcul.pk).get(timeout=30) == RecalculStatus.DONE
    recalcul.refresh_from_db()
    assert recalcul.resultats["P3_MSP"] == "3\u00a0valeurs calculées"
    assert set(Valeur.objects.values_list("valeur", flat=True)) == {7}
    # A message delivered twice does nothing the second time.
    assert recalculer_indicateurs.delay(recalcul.pk).get(timeout=30) is None
