import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from cls.models import LettreIntention, Thematique
from instruction.enums import CategoriePiece, Etat
from tests.instruction.factories import CORRUPT_PDF, EXECUTABLE, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_url(client, porteur_manager):
    client.force_login(porteur_manager)
    response = client.post(reverse("cls:lettre_create"))
    assert response.status_code == 302
    return response.url


def _payload(territory, **extra):
    return {
        "epcis": [territory["epci37"].pk],
        "contact_nom": "Camille Martin",
        "contact_email": "camille@example.fr",
        "elu_nom": "Dominique Bernard",
        "elu_fonction": "Vice-président",
        "motivations": "Fédérer les acteurs.",
        "thematiques": [Thematique.objects.get(code="prevention").pk],
        "demande_ingenierie": "on",
        "etp_souhaites": "1",
        "action": "enregistrer",
        **extra,
    }


def test_reader_cannot_file(client, porteur_reader):
    client.force_login(porteur_reader)
    assert client.post(reverse("cls:lettre_create")).status_code == 403
    assert client.get(reverse("cls:territoire_recherche"), {"q": "loches"}).status_code == 403


def test_draft_saved_at_each_step(client, draft_url, territory):
    response = client.post(draft_url, {"contact_nom": "Camille", "action": "enregistrer"})
    assert response.status_code == 302
    lettre = LettreIntention.objects.get()
    assert lettre.contact_nom == "Camille"
    assert lettre.dossier.etat == Etat.BROUILLON


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (EXECUTABLE, "type accepté"),
        (CORRUPT_PDF, "illisible ou endommagé"),
        (None, "dépasse la taille maximale"),
    ],
)
def test_rejected_upload_keeps_the_draft_and_earlier_files(client, draft_url, territory, settings, payload, error):
    # a first, valid upload is stored on the draft at once
    client.post(draft_url, {"annexe": SimpleUploadedFile("annexe.pdf", pdf_bytes()), "action": "enregistrer"})
    if payload is None:
        settings.UPLOAD_MAX_SIZE = 200
        payload = pdf_bytes()
    response = client.post(
        draft_url,
        _payload(territory, lettre_signee=SimpleUploadedFile("lettre.pdf", payload, "application/pdf")),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content
    assert 'value="Camille Martin"' in content  # typed values stay in the form
    assert "annexe.pdf" in content  # the earlier upload is still listed
    lettre = LettreIntention.objects.get()
    assert lettre.contact_nom == "Camille Martin"  # valid fields were saved anyway
    assert list(lettre.dossier.pieces.values_list("original_name", flat=True)) == ["annexe.pdf"]


def test_submit_requires_completeness_then_files_with_receipt(
    client, draft_url, territory, porteur_manager, dd_agent, mailoutbox, django_capture_on_commit_callbacks
):
    response = client.post(draft_url, {"contact_nom": "Camille", "action": "deposer"})
    assert response.status_code == 200
    assert "Joignez la lettre" in response.content.decode()
    assert LettreIntention.objects.get().dossier.etat == Etat.BROUILLON
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            draft_url,
            _payload(territory, action="deposer", lettre_signee=SimpleUploadedFile("lettre.pdf", pdf_bytes())),
        )
    dossier = LettreIntention.objects.get().dossier
    assert response.status_code == 302, response.content.decode()[:3000]
    assert dossier.etat == Etat.DEPOSEE
    receipt = dossier.pieces.get(categorie=CategoriePiece.ACCUSE)
    download = client.get(reverse("instruction:piece", args=[receipt.public_id]))
    assert download.status_code == 200
    text = PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages[0].extract_text()
    assert dossier.reference in text
    assert "Loches" in text or "CC Loches Sud Touraine" in text
    lettre_piece = dossier.pieces.get(categorie=CategoriePiece.PRINCIPALE)
    assert lettre_piece.sha256 in text.replace("\n", "")
    assert {porteur_manager.email, dd_agent.email} <= set(mailoutbox[-1].to)
    download.close()  # last: closing a FileResponse fires request_finished, which closes the DB connection


def test_autocomplete_and_live_population(client, porteur_manager, territory, siege_agent):
    client.force_login(porteur_manager)
    response = client.get(reverse("cls:territoire_recherche"), {"q": "loches"})
    assert "CC Loches Sud Touraine" in response.content.decode()
    assert "Loches (37" in response.content.decode()
    response = client.get(reverse("cls:territoire_apercu"), {"communes": [territory["loches"].pk]})
    content = response.content.decode()
    assert "6300habitants" in re.sub(r"\s", "", content)
    # Centre-Val de Loire publishes no threshold: Bretagne's is a reference, never a warning
    assert "Pas de règle régionale publiée" in content
    assert "n&#x27;atteint pas le seuil" not in content


def test_territory_ids_are_never_localized(client, porteur_manager, territory):
    """With USE_THOUSAND_SEPARATOR a pk of 12345 must still be submitted as "12345"."""
    from tests.territoires.factories import EpciFactory

    EpciFactory(id=12345, siren="200012345", nom="CC de la Grande Loche")
    client.force_login(porteur_manager)
    content = client.get(reverse("cls:territoire_recherche"), {"q": "grande loche"}).content.decode()
    assert 'value="12345"' in content
