"""Real broker + real worker: bilans produced by a Celery worker through Redis, exactly once."""

import time

import pytest
from django.utils import timezone

from acces_soins import rendering
from acces_soins.enums import StatutBilan
from acces_soins.models import BilanSemestriel
from acces_soins.periods import Perimetre, Semestre
from acces_soins.services.bilans import bilan_claim, bilan_request
from acces_soins.tasks import produce_bilan
from config.typography import fr_number
from tests.acces_soins.factories import ensure_plan_seed
from tests.acces_soins.helpers import normalized, pdf_text, read_file
from tests.celery_worker import celery_worker  # noqa: F401 - fixture

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def wait_finished(bilan_id: int, timeout: float = 90) -> BilanSemestriel:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        bilan = BilanSemestriel.objects.get(pk=bilan_id)
        if bilan.statut in (StatutBilan.PRET, StatutBilan.ECHEC):
            return bilan
        time.sleep(0.2)
    pytest.fail(f"bilan {bilan_id} not finished after {timeout} s: {bilan.statut} {bilan.progress} %")


def pdf_files(settings):
    folder = settings.MEDIA_ROOT / "acces_soins" / "bilans"
    return list(folder.iterdir()) if folder.exists() else []


def test_requested_bilan_is_produced_by_the_worker(celery_worker, territory, siege_agent, expert, mailoutbox):  # noqa: F811
    ensure_plan_seed()  # a transactional test before this one may have flushed the seeded plan
    bilan = bilan_request(
        perimetre=Perimetre.parse("region:24"), semestre=Semestre.parse("2026-S1"), requested_by=siege_agent
    )
    done = wait_finished(bilan.pk)
    assert done.statut == StatutBilan.PRET, done.erreur
    text = pdf_text(read_file(done))
    assert "page 1 /" in text
    figures = {f["code"]: f["valeur"] for f in done.snapshot["chiffres_cles"]}
    for code in ("population", "communes", "mesures_realisees", "mesures_en_cours"):
        assert normalized(fr_number(figures[code])) in normalized(text), code  # U+202F is extracted as a space
    deadline = time.monotonic() + 20
    while len(mailoutbox) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sorted(m.to[0] for m in mailoutbox) == ["comite@test.fr", "siege@test.ars.fr"]


def test_two_deliveries_of_the_same_id_produce_one_pdf(celery_worker, territory, settings):  # noqa: F811
    bilan = bilan_request(
        perimetre=Perimetre.parse("departement:37"), semestre=Semestre.parse("2026-S1"), enqueue=False
    )
    first, second = produce_bilan.delay(bilan.pk), produce_bilan.delay(bilan.pk)
    results = {first.get(timeout=90), second.get(timeout=90)}
    done = BilanSemestriel.objects.get(pk=bilan.pk)
    assert results == {done.sha256, ""}
    assert done.attempt == 1
    assert len(pdf_files(settings)) == 1


def test_worker_lost_after_claiming_is_taken_over_once_its_lease_expires(celery_worker, territory, settings):  # noqa: F811
    bilan = bilan_request(
        perimetre=Perimetre.parse("departement:45"), semestre=Semestre.parse("2026-S1"), enqueue=False
    )
    # A first worker claimed the bilan, then died: its lease runs out in 2 seconds.
    assert bilan_claim(bilan.pk) == 1
    BilanSemestriel.objects.filter(pk=bilan.pk).update(lease_expires_at=timezone.now() + timezone.timedelta(seconds=2))
    # The broker redelivers the message: the task waits for the lease, then takes over.
    result = produce_bilan.delay(bilan.pk)
    assert result.get(timeout=90)
    done = BilanSemestriel.objects.get(pk=bilan.pk)
    assert (done.statut, done.attempt) == (StatutBilan.PRET, 2)
    assert len(pdf_files(settings)) == 1


def test_transient_failure_after_claiming_is_retried_and_completes(celery_worker, territory, monkeypatch):  # noqa: F811
    bilan = bilan_request(
        perimetre=Perimetre.parse("departement:37"), semestre=Semestre.parse("2026-S1"), enqueue=False
    )
    original, calls = rendering.render_bilan_pdf, []

    def flaky(snapshot):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("connexion perdue")
        return original(snapshot)

    monkeypatch.setattr(rendering, "render_bilan_pdf", flaky)
    produce_bilan.delay(bilan.pk)
    done = wait_finished(bilan.pk)
    assert (done.statut, done.attempt, len(calls)) == (StatutBilan.PRET, 2, 2)
