"""Journeys of the shared dossier machinery (issue 15): a failed submission and its error summary, autosave,
the warning before leaving unsaved changes, and the correction of a dossier during a complément (the
collectivité corrects, the délégation sees what changed). axe-core on every page; screenshots kept."""

import re

import pytest
from playwright.sync_api import expect

from cls.models import LettreIntention, Thematique
from cls.reference import seed
from instruction.enums import Etat
from instruction.services import dossier_transition
from tests.browser.conftest import assert_accessible, save_screenshot
from tests.cls.factories import complete_lettre
from tests.comptes.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """An earlier transactional test flushes the tables, migration data included: seed them again."""
    seed(Thematique)


def login(page, email):
    page.context.clear_cookies()
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")


def new_draft(page):
    page.goto("/cls/lettres/")
    page.get_by_role("button", name="Rédiger une lettre d'intention").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lettre d'intention de contrat local de santé")


def test_failed_filing_lists_what_is_missing_and_each_link_focuses_its_field(page, porteur_manager):
    login(page, "collectivite@test.fr")
    new_draft(page)
    expect(page.get_by_text("Les champs marqués d'un astérisque")).to_be_visible()
    page.locator("#id_contact_nom").fill("Camille Martin")
    page.locator("#id_contact_email").fill("pas-une-adresse")
    page.get_by_role("button", name="Enregistrer le brouillon").click()

    # 1. A field error: the summary takes the focus, the error also stands under the field.
    summary = page.locator("#resume-erreurs")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("E-mail de la personne à contacter")
    expect(page.locator("#id_contact_email")).to_have_value("pas-une-adresse")  # nothing typed is lost
    expect(page.locator("#id_contact_nom")).to_have_value("Camille Martin")
    expect(page.locator(".fr-input-group--error #id_contact_email")).to_have_count(1)
    assert_accessible(page, context="on a draft with an invalid field")
    save_screenshot(page, "dossier-resume-erreurs-champ")
    summary.get_by_role("link", name=re.compile("E-mail de la personne à contacter")).click()
    expect(page.locator("#id_contact_email")).to_be_focused()

    # 2. Filing an incomplete draft: what is missing is listed, each as a link to its field.
    page.locator("#id_contact_email").fill("camille.martin@example.fr")
    page.get_by_role("button", name="Déposer la lettre d'intention").click()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Joignez la lettre d'intention signée")
    expect(summary).to_contain_text("Choisissez au moins une priorité de santé")
    assert_accessible(page, context="on a draft that could not be filed")
    save_screenshot(page, "dossier-resume-erreurs-depot")
    summary.get_by_role("link", name=re.compile("Motivations")).click()
    expect(page.locator("#id_motivations")).to_be_focused()
    summary.get_by_role("link", name=re.compile("Priorités de santé envisagées")).click()
    expect(page.locator("#id_thematiques_0")).to_be_focused()
    lettre = LettreIntention.objects.get()
    assert lettre.contact_email == "camille.martin@example.fr"  # the valid part was saved
    assert lettre.dossier.etat == Etat.BROUILLON


def test_autosave_and_the_warning_before_leaving(page, porteur_manager):
    login(page, "collectivite@test.fr")
    new_draft(page)
    status = page.locator("#enregistrement-automatique")
    expect(status).to_contain_text("Dernier enregistrement le")

    # Leaving with unsaved changes asks first (the browser's own dialog).
    page.locator("#id_motivations").fill("Fédérer les acteurs locaux de la santé.")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    home = page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Accueil")
    home.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lettre d'intention de contrat local de santé")
    assert dialogs == ["beforeunload"]

    # The change is saved when the field loses the focus.
    page.locator("#id_elu_nom").focus()
    expect(status).to_contain_text(re.compile(r"Brouillon enregistré\s+à\s+\d{1,2}\s*h\s*\d{2}"))
    assert LettreIntention.objects.get().motivations == "Fédérer les acteurs locaux de la santé."
    assert_accessible(page, context="on a draft saved automatically")
    save_screenshot(page, "dossier-enregistrement-automatique")

    # Once saved, leaving asks nothing.
    home.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")


def test_correction_during_a_complement(page, collectivite, porteur_manager, dd_agent, territory):
    lettre = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]])
    dossier = lettre.dossier
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)

    # 1. The délégation asks for a complément and opens the contacts to corrections.
    login(page, "dd37@test.ars.fr")
    page.goto(f"/cls/lettres/{dossier.public_id}/")
    page.get_by_label("Décision").select_option(label="Demander un complément")
    page.get_by_label("Motif").fill("Le contact désigné a quitté la collectivité : indiquez le nouveau.")
    page.get_by_label("Contacts et portage politique").check(force=True)
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Le dossier est désormais « Complément demandé »")).to_be_visible()

    # 2. The collectivité sees the reason at the top, corrects the contact and answers.
    login(page, "collectivite@test.fr")
    page.goto(f"/cls/lettres/{dossier.public_id}/")
    alert = page.locator("#complement-demande")
    expect(alert).to_contain_text("Le contact désigné a quitté la collectivité")
    expect(alert).to_contain_text("Contacts et portage politique")
    assert_accessible(page, context="on the dossier with a complément (collectivité)")
    save_screenshot(page, "dossier-complement-collectivite")
    alert.get_by_role("link", name="Corriger mon dossier").click()
    expect(page.locator("#id_motivations")).to_have_count(0)  # only the opened section
    page.locator("#id_contact_nom").fill("Dominique Nouveau")
    assert_accessible(page, context="on the correction form")
    save_screenshot(page, "dossier-complement-correction")
    page.get_by_role("button", name="Enregistrer mes corrections").click()
    expect(page.get_by_text("Vos corrections sont enregistrées")).to_be_visible()
    page.get_by_label("Votre message").fill("Le nouveau contact est indiqué dans le dossier.")
    page.get_by_role("button", name="Envoyer ma réponse à la délégation").click()
    expect(page.get_by_text("Votre réponse a été transmise à la délégation.")).to_be_visible()
    dossier.refresh_from_db()
    assert dossier.etat == Etat.EN_INSTRUCTION

    # 3. The délégation sees what changed between the filed version and the corrected one.
    login(page, "dd37@test.ars.fr")
    page.goto(f"/cls/lettres/{dossier.public_id}/")
    corrections = page.locator("#corrections")
    expect(corrections.get_by_role("row", name=re.compile("Personne à contacter"))).to_contain_text(
        re.compile("Camille Martin.*Dominique Nouveau", re.S)
    )
    assert_accessible(page, context="on the corrected dossier (délégation)")
    save_screenshot(page, "dossier-complement-differences")


def test_the_upload_component_checks_before_sending_and_lists_the_piece(page, porteur_manager, tmp_path, settings):
    login(page, "collectivite@test.fr")
    new_draft(page)
    group = page.locator("[data-televersement]").filter(has=page.locator("#id_lettre_signee"))
    expect(group).to_contain_text("Formats acceptés : PDF")
    requests = []
    page.on("request", lambda request: requests.append(request.url) if request.method == "POST" else None)

    # Refused in the browser, before any request: the wrong type, then a file over the size limit.
    wrong = tmp_path / "photo.png"
    wrong.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    page.locator("#id_lettre_signee").set_input_files(str(wrong))
    expect(group).to_contain_text("n'est pas d'un type accepté (PDF)")
    expect(group).to_have_class(re.compile("fr-upload-group--error"))
    big = tmp_path / "trop-gros.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * (settings.UPLOAD_MAX_SIZE + 1))
    page.locator("#id_lettre_signee").set_input_files(str(big))
    expect(group).to_contain_text("dépasse la taille maximale autorisée")
    assert requests == []
    assert_accessible(page, context="on an upload refused by the browser")
    save_screenshot(page, "dossier-televersement-refuse")

    # Accepted: sent at once (the server checks it again), listed with its size, type and remove button.
    from tests.instruction.factories import pdf_bytes

    good = tmp_path / "lettre-signee.pdf"
    good.write_bytes(pdf_bytes())
    page.locator("#id_lettre_signee").set_input_files(str(good))
    expect(group).to_contain_text("Fichier « lettre-signee.pdf » enregistré dans le dossier.")
    pieces = page.locator("#pieces-du-dossier")
    expect(pieces).to_contain_text(re.compile(r"lettre-signee\.pdf\s+— Pièce principale, PDF, \d+"))
    expect(pieces.get_by_role("button", name="Retirer lettre-signee.pdf")).to_be_visible()
    expect(group.locator("progress")).to_be_hidden()
    assert LettreIntention.objects.get().dossier.pieces.get().original_name == "lettre-signee.pdf"
    save_screenshot(page, "dossier-televersement-accepte")
