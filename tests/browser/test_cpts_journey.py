"""Porteur files a CPTS lettre d'intention → délégation validates → porteur files the projet de santé →
délégation validates → staff records the ACI → mission deadlines appear. axe-core on every page of the journey."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from config.typography import fr_date
from cpts.models import Cpts
from cpts.services.regles import add_months
from tests.browser.conftest import assert_accessible
from tests.comptes.factories import PASSWORD
from tests.cpts.conftest import ensure_reference_data
from tests.instruction.factories import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, email):
    page.context.clear_cookies()
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")


def test_cpts_lettre_to_aci_and_mission_deadlines(page, tmp_path, settings, cpts_porteur, dd_agent, siege_agent):
    ensure_reference_data()
    settings.MEDIA_ROOT = tmp_path / "media"
    pdf = tmp_path / "lettre-signee.pdf"
    pdf.write_bytes(pdf_bytes())

    # 1. The porteur drafts and files the letter.
    _login(page, "cpts@test.fr")
    expect(page.get_by_role("heading", name="Mes dépôts")).to_be_visible()
    assert_accessible(page, context="on the porteur home page")
    page.get_by_role("link", name=re.compile("Déposer ou suivre une lettre d'intention")).click()
    page.get_by_label("Nom de la future CPTS").fill("CPTS du Lochois")
    page.get_by_role("button", name="Rédiger une lettre d'intention").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CPTS du Lochois")
    assert_accessible(page, context="on the lettre d'intention draft")
    page.get_by_label("CC Loches Sud Touraine").check(force=True)
    page.get_by_label("Premier diagnostic du territoire").fill("Quatre médecins sur dix ont plus de 60 ans.")
    page.get_by_label("Accès aux soins (médecin traitant, soins non programmés)").check(force=True)
    page.get_by_label("Prévention").check(force=True)
    page.get_by_label("Calendrier prévisionnel").fill("Projet de santé en 2027.")
    page.locator("#id_contact_nom").fill("Inès Porteuse")
    page.locator("#id_contact_email").fill("ines@example.fr")
    page.get_by_label("Lettre d'intention signée (PDF)").set_input_files(str(pdf))
    page.get_by_role("button", name="Déposer la lettre d'intention").click()
    expect(page.get_by_text("Votre lettre d'intention est déposée")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CPTS-")
    assert_accessible(page, context="on the filed lettre")
    detail_url = page.url

    # 2. The délégation instructs and validates it (shared machinery).
    _login(page, "dd37@test.ars.fr")
    page.goto("/cpts/instruction/")
    assert_accessible(page, context="on the CPTS instruction list")
    page.get_by_role("link", name=re.compile("CPTS-")).first.click()
    assert page.url == detail_url
    page.get_by_label("Décision").select_option(label="Mettre en instruction")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Le dossier est désormais « En instruction »")).to_be_visible()
    page.get_by_label("Décision").select_option(label="Accepter")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Le dossier est désormais « Acceptée »")).to_be_visible()
    assert_accessible(page, context="on the accepted lettre")
    page.get_by_role("link", name="CPTS du Lochois").click()
    expect(page.locator("p.fr-badge").first).to_have_text("Lettre d'intention validée")
    cpts_url = page.url

    # 3. The porteur files the projet de santé online; the délégation validates it.
    _login(page, "cpts@test.fr")
    page.goto(cpts_url)
    page.get_by_role("button", name="Rédiger le projet de santé").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Projet de santé — CPTS du Lochois")
    assert_accessible(page, context="on the projet de santé draft")
    page.get_by_label("Synthèse du diagnostic territorial").fill("Quatre médecins sur dix ont plus de 60 ans.")
    page.get_by_label("Actions prévues pour chaque mission").fill("Soins non programmés, parcours diabète.")
    page.get_by_label("Organisation et gouvernance").fill("Association, bureau de six professionnels.")
    page.get_by_label("Calendrier de mise en œuvre").fill("Missions socle dans l'année de l'ACI.")
    page.get_by_label("Projet de santé (PDF)").set_input_files(str(pdf))
    page.get_by_role("button", name="Déposer le projet de santé").click()
    expect(page.get_by_text("Votre projet de santé est déposé")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("PS-CPTS-")
    assert_accessible(page, context="on the filed projet de santé")
    projet_url = page.url
    page.goto(cpts_url)
    expect(page.locator("p.fr-badge").first).to_have_text("Projet de santé déposé")

    _login(page, "dd37@test.ars.fr")
    page.goto("/cpts/instruction/")
    page.get_by_role("link", name=re.compile("PS-CPTS-")).click()
    assert page.url == projet_url
    page.get_by_label("Décision").select_option(label="Mettre en instruction")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Le dossier est désormais « En instruction »")).to_be_visible()
    page.get_by_label("Décision").select_option(label="Accepter")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Le dossier est désormais « Acceptée »")).to_be_visible()
    assert_accessible(page, context="on the accepted projet de santé")
    page.goto(cpts_url)
    expect(page.locator("p.fr-badge").first).to_have_text("Projet de santé validé")
    assert_accessible(page, context="on the CPTS with its validated projet de santé")

    # 4. Staff records the ACI signature.
    _login(page, "siege@test.ars.fr")
    page.goto("/cpts/")
    assert_accessible(page, context="on the CPTS register")
    page.get_by_role("link", name="CPTS du Lochois").click()
    today = timezone.localdate()
    page.get_by_label("Date de signature de l'ACI").fill(today.isoformat())
    page.get_by_label("Qualité et pertinence des soins").check(force=True)
    page.get_by_role("button", name="Enregistrer la signature de l'ACI").click()
    expect(page.get_by_text("les échéances des missions sont calculées")).to_be_visible()

    # 5. Mission deadlines appear: 6/18 months for accès aux soins, 12/24 for prévention.
    missions = page.get_by_role("table", name="Missions de la CPTS et leurs échéances")
    acces = missions.get_by_role("row").filter(has_text="Accès aux soins")
    expect(acces).to_contain_text(fr_date(add_months(today, 6)))
    expect(acces).to_contain_text(fr_date(add_months(today, 18)))
    prevention = missions.get_by_role("row").filter(has_text="Prévention")
    expect(prevention).to_contain_text(fr_date(add_months(today, 24)))
    expect(missions.get_by_role("row")).to_have_count(6)  # header + 4 socle + qualité
    expect(page.get_by_role("heading", name=re.compile("Relevé de financement"))).to_be_visible()
    assert_accessible(page, context="on the signed CPTS with its missions")
    assert Cpts.objects.get().etape == "aci_signe"

    page.goto("/cpts/carte/")
    expect(page.locator("#carte-statut")).to_contain_text(re.compile("éléments? affichés? sur la carte"))
    assert_accessible(page, context="on the CPTS map")
