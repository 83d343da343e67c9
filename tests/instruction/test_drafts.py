"""The draft form of every kind: what filing requires is marked, autosave (htmx), immediate upload of a
piece (the upload component's request), the list of pieces."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cls.models import LettreIntention
from instruction.enums import Etat
from instruction.kinds import get_kind
from tests.cls.factories import complete_lettre as cls_lettre
from tests.cpts.factories import validated_cpts
from tests.instruction.factories import EXECUTABLE, pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(collectivite, porteur_manager, territory):
    return cls_lettre(organisation=collectivite, user=porteur_manager, submit=False)


@pytest.fixture
def edit_url(client, draft, porteur_manager):
    client.force_login(porteur_manager)
    return reverse("cls:lettre_edit", args=[draft.dossier.public_id])


def _labels(html: str) -> dict[str, str]:
    """label text (whitespace folded) of each `for=` id."""
    return {
        for_id: " ".join(re.sub(r"<[^>]+>", " ", text).split())
        for for_id, text in re.findall(r'<label[^>]*for="([^"]+)"[^>]*>(.*?)</label>', html, re.S)
    }


def test_filing_requirements_are_marked_and_nothing_says_optional(client, edit_url):
    html = client.get(edit_url).content.decode()
    assert "Les champs marqués d'un astérisque" in html
    assert "sont obligatoires pour déposer" in html
    labels = _labels(html)
    assert "* (obligatoire pour déposer)" in labels["id_contact_nom"]
    assert "* (obligatoire pour déposer)" in labels["id_lettre_signee"]
    assert "obligatoire" not in labels["id_contact_telephone"]
    assert "(Optionnel)" not in html
    assert " required" not in html.replace("aria-required", "")  # a draft may be saved incomplete


@pytest.mark.parametrize("code", ["cls", "cpts", "cpts_projet"])
def test_every_required_field_of_every_kind_is_marked(
    client, code, collectivite, porteur_manager, cpts_porteur, territory
):
    kind = get_kind(code)
    if code == "cls":
        user, content = porteur_manager, cls_lettre(organisation=collectivite, user=porteur_manager, submit=False)
    else:
        from cpts.services.lettres import lettre_create
        from cpts.services.projets import projet_create

        user = cpts_porteur
        organisation = user.memberships.get().organisation
        if code == "cpts":
            content = lettre_create(organisation=organisation, nom="CPTS M", by=user)
        else:
            cpts = validated_cpts(porteur=organisation, departement=territory["dep37"], by=user, nom="CPTS P")
            content = projet_create(cpts=cpts, by=user)
    client.force_login(user)
    html = client.get(kind.url("edit", content.dossier)).content.decode()
    assert (
        html.count('<span class="fr-sr-only"> (obligatoire pour déposer)</span>')
        >= len(kind.form_class.FILING_REQUIRED) - 1
    )  # the CLS territory is one marker for EPCI and communes


def test_autosave_saves_the_valid_fields_and_says_when(client, draft, edit_url):
    response = client.post(
        edit_url,
        {"action": "autosave", "contact_nom": "Camille Autosave", "contact_email": "pas une adresse"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"Brouillon enregistré à \d{1,2}\xa0h\xa0\d{2}", html)  # « 14 h 32 » (config.typography)
    assert "sauf 1\xa0champ à corriger" in html
    draft.refresh_from_db()
    assert draft.contact_nom == "Camille Autosave"
    assert draft.contact_email == "camille.martin@example.fr"  # the invalid value is not saved
    assert draft.dossier.etat == Etat.BROUILLON


def test_autosave_never_files_nor_stores_files(client, draft, edit_url):
    response = client.post(
        edit_url,
        {"action": "autosave", "annexe": SimpleUploadedFile("annexe.pdf", pdf_bytes())},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert not draft.dossier.pieces.filter(original_name="annexe.pdf").exists()


def test_the_draft_page_carries_the_autosave_and_the_leave_warning(client, edit_url):
    html = client.get(edit_url).content.decode()
    assert "data-avertir-sortie" in html
    assert 'hx-trigger="brouillon:enregistrer"' in html
    assert f'data-televersement-url="{edit_url}"' in html
    assert "Dernier enregistrement le" in html
    assert "<script>" not in html  # strict CSP: no inline script


def test_an_upload_sent_alone_is_stored_at_once(client, draft, edit_url):
    response = client.post(
        edit_url,
        {"action": "televerser", "annexe": SimpleUploadedFile("budget.pdf", pdf_bytes(), "application/pdf")},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert "budget.pdf" in answer["pieces"]
    assert "Retirer" in answer["pieces"]
    assert answer["message"] == "Fichier « budget.pdf » enregistré dans le dossier."
    assert draft.dossier.pieces.filter(original_name="budget.pdf").exists()
    lettre = LettreIntention.objects.get()
    assert lettre.contact_nom == "Camille Martin"  # the other fields are untouched


def test_a_refused_upload_answers_the_server_errors(client, draft, edit_url):
    response = client.post(
        edit_url, {"action": "televerser", "annexe": SimpleUploadedFile("virus.pdf", EXECUTABLE, "application/pdf")}
    )
    assert response.status_code == 400
    assert "n'est pas d'un type accepté" in json.loads(response.content)["errors"][0]
    assert not draft.dossier.pieces.filter(original_name="virus.pdf").exists()


def test_each_piece_is_listed_with_its_name_size_type_and_remove_button(client, draft, edit_url):
    html = client.get(edit_url).content.decode()
    pieces = html[html.index('id="pieces-du-dossier"') :]
    assert "lettre-signee.pdf" in pieces
    assert "Pièce principale, PDF," in " ".join(pieces.split())
    assert re.search(r"\d+\s*octets", pieces)
    assert 'name="supprimer_piece"' in pieces
    piece = draft.dossier.pieces.get()
    response = client.post(edit_url, {"action": "enregistrer", "supprimer_piece": str(piece.public_id)})
    assert response.status_code == 302
    assert not draft.dossier.pieces.exists()


def test_a_failed_submission_keeps_what_was_typed_and_lists_the_errors(client, draft, edit_url):
    response = client.post(
        edit_url,
        {"action": "enregistrer", "contact_nom": "Camille", "etp_souhaites": "-1", "annexe": pdf_upload("a.pdf")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="resume-erreurs"' in html
    assert 'href="#id_etp_souhaites"' in html
    assert 'value="Camille"' in html
    assert "a.pdf" in html  # the valid upload was stored and is listed
