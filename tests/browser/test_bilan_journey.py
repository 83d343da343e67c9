"""Staff requests a semester bilan, follows its progress, and a comité member downloads it.

Celery is eager here (no worker): the request produces the bilan right after its transaction commits,
so the page shows « Prêt » at once. The live htmx progress is exercised on a bilan that a (simulated)
worker moves forward while the page polls.
"""

import re

import pytest
from playwright.sync_api import expect

from acces_soins.enums import StatutBilan
from acces_soins.models import BilanSemestriel
from tests.acces_soins.factories import BilanFactory
from tests.acces_soins.helpers import pdf_text
from tests.browser.conftest import assert_accessible
from tests.comptes.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def log_in(page, email):
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")


def test_staff_requests_a_bilan_and_comite_member_downloads_it(page, siege_agent, expert):
    log_in(page, "siege@test.ars.fr")
    navigation = page.get_by_role("navigation", name="Menu principal")
    navigation.get_by_role("button", name="Plan et bilans").click()
    navigation.get_by_role("link", name="Bilans semestriels").click()
    expect(page).to_have_title(re.compile("Bilans semestriels"))
    assert_accessible(page, context="on the bilan list (staff)")

    page.locator("#demande_perimetre").select_option("region:24")
    page.get_by_role("textbox", name=re.compile("^Semestre")).fill("2026-S1")
    page.get_by_role("button", name="Demander le bilan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bilan 2026-S1 — Région Centre-Val de Loire")
    expect(page.locator("#bilan-statut")).to_contain_text("Prêt", timeout=60_000)
    expect(page.get_by_role("link", name=re.compile("Télécharger le bilan"))).to_be_visible()
    assert_accessible(page, context="on the bilan page (staff)")
    page.get_by_role("button", name="Se déconnecter").click()

    log_in(page, "comite@test.fr")
    page.goto("/bilans/")
    expect(page.get_by_role("button", name="Demander le bilan")).to_have_count(0)
    page.get_by_role("link", name=re.compile("2026-S1")).first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Télécharger le bilan")).click()
    download = download_info.value
    assert download.suggested_filename == "bilan-2026-S1-region-24-v1.pdf"
    with open(download.path(), "rb") as handle:
        assert "page 1 /" in pdf_text(handle.read())
    page.get_by_role("link", name="Consulter l'instantané des données").click()
    expect(page.get_by_role("heading", name="Chiffres clés")).to_be_visible()
    assert_accessible(page, context="on the snapshot page (comité)")


def test_progress_is_polled_until_ready(page, siege_agent, territory):
    bilan = BilanFactory(statut=StatutBilan.EN_COURS, progress=40)
    log_in(page, "siege@test.ars.fr")
    page.goto(f"/bilans/{bilan.public_id}/")
    expect(page.locator("#bilan-statut")).to_contain_text("En cours — 40 %")
    assert_accessible(page, context="on a bilan in production")
    # The worker moves on; the page follows through htmx polling, without reloading.
    BilanSemestriel.objects.filter(pk=bilan.pk).update(progress=80)
    expect(page.locator("#bilan-statut")).to_contain_text("80 %", timeout=10_000)
    BilanSemestriel.objects.filter(pk=bilan.pk).update(
        statut=StatutBilan.ECHEC, erreur="La production du bilan a échoué : essai."
    )
    expect(page.locator("#bilan-statut")).to_contain_text("Échec", timeout=10_000)
    expect(page.locator("#bilan-statut")).to_contain_text("La production du bilan a échoué : essai.")
