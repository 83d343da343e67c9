"""Collectivité files a lettre d'intention with a PDF → délégation requests a complement →
collectivité answers → délégation accepts → the CLS exists at « cadrage »."""

import re

import pytest
from playwright.sync_api import expect

from cls.models import ContratLocalSante, Thematique
from cls.reference import seed
from instruction.enums import Etat
from instruction.models import Dossier
from tests.browser.conftest import assert_accessible
from tests.comptes.factories import PASSWORD
from tests.instruction.factories import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """An earlier transactional test flushes the tables, migration data included: seed them again."""
    seed(Thematique)


def login(page, email):
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")


def logout(page):
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()


def decide(page, decision, reason=""):
    page.get_by_label("Décision").select_option(label=decision)
    if reason:
        page.get_by_label("Motif").fill(reason)
    page.get_by_role("button", name="Enregistrer la décision").click()


def test_cls_journey(page, porteur_manager, dd_agent, tmp_path):
    letter = tmp_path / "lettre-intention-signee.pdf"
    letter.write_bytes(pdf_bytes())

    # 1. The collectivité files its letter
    login(page, "collectivite@test.fr")
    page.get_by_role("link", name="Voir ou rédiger une lettre d'intention").click()
    page.get_by_role("button", name="Rédiger une lettre d'intention").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lettre d'intention de contrat local de santé")
    page.get_by_label("Ajouter un EPCI ou une commune").fill("loches")
    page.locator("label", has_text=re.compile(r"CC Loches Sud Touraine \(EPCI")).click()  # DSFR styles the label
    expect(page.locator("input[name=epcis]")).to_be_checked()
    expect(page.locator("#apercu")).to_contain_text("6 300 habitants")
    page.locator("#id_contact_nom").fill("Camille Martin")
    page.locator("#id_contact_email").fill("camille.martin@example.fr")
    page.locator("#id_elu_nom").fill("Dominique Bernard")
    page.locator("#id_motivations").fill("Fédérer les acteurs locaux autour de la santé.")
    page.locator("label", has_text="Prévention et promotion de la santé").click()
    page.locator("#id_lettre_signee").set_input_files(str(letter))
    assert_accessible(page, context="on the filing form")
    page.get_by_role("button", name="Déposer la lettre d'intention").click()
    # filing renders the receipt PDF (WeasyPrint): allow more than the default 5 s on a busy machine
    expect(page.get_by_text("Votre lettre d'intention est déposée")).to_be_visible(timeout=30_000)
    dossier = Dossier.objects.get()
    assert dossier.etat == Etat.DEPOSEE
    expect(page.get_by_role("heading", level=1)).to_contain_text(dossier.reference)
    assert_accessible(page, context="on the filed letter (collectivité)")
    logout(page)

    # 2. The délégation opens it and requests a complement
    login(page, "dd37@test.ars.fr")
    page.goto("/cls/instruction/?vue=a_traiter")
    assert_accessible(page, context="on the instruction list")
    page.get_by_role("link", name=dossier.reference).click()
    decide(page, "Mettre en instruction")
    expect(page.get_by_text("désormais « En instruction »")).to_be_visible()
    decide(page, "Demander un complément", "Merci de préciser le calendrier prévisionnel.")
    expect(page.get_by_text("désormais « Complément demandé »")).to_be_visible()
    assert_accessible(page, context="on the dossier page (délégation)")
    logout(page)

    # 3. The collectivité answers
    login(page, "collectivite@test.fr")
    page.goto(f"/cls/lettres/{dossier.public_id}/")
    expect(page.get_by_text("La délégation vous demande un complément")).to_be_visible()
    page.get_by_label("Votre message").fill("Calendrier : diagnostic en 2027, signature en 2028.")
    page.get_by_role("button", name="Envoyer ma réponse à la délégation").click()
    expect(page.get_by_text("Votre réponse a été transmise à la délégation.")).to_be_visible()
    logout(page)

    # 4. The délégation accepts: the CLS opens at « cadrage »
    login(page, "dd37@test.ars.fr")
    page.goto(f"/cls/lettres/{dossier.public_id}/")
    expect(page.get_by_text("Calendrier : diagnostic en 2027")).to_be_visible()
    decide(page, "Accepter")
    expect(page.get_by_text("Le contrat local de santé est ouvert")).to_be_visible()
    contrat = ContratLocalSante.objects.get()
    assert contrat.etape == "cadrage"
    page.get_by_role("link", name=contrat.nom).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(contrat.nom)
    assert_accessible(page, context="on the contract page")
