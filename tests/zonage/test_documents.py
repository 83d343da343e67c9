import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.uploads import check_upload
from tests.comptes.factories import UserFactory
from tests.instruction.factories import EXECUTABLE, pdf_bytes, pdf_upload
from tests.zonage.factories import ArreteFactory, classer
from zonage.enums import ArreteStatut, DocumentType
from zonage.models import ArreteDocument
from zonage.services import arrete_document_add

pytestmark = pytest.mark.django_db

READERS = {"siege_agent", "dd_agent"}  # dd45_agent is an ARS agent too: see expected_read
MANAGERS = {"siege_agent"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def arrete(zonage_territory):
    arrete = ArreteFactory()
    classer(arrete, zonage_territory["tvs_a"], "ZIP", apl="2.0")
    return arrete


def add_document(arrete, *, type=DocumentType.AVIS_CRSA, titre="Avis de la CRSA", name="avis.pdf", by=None):
    upload = pdf_upload(name)
    upload.upload_info = check_upload(upload)
    return arrete_document_add(arrete=arrete, upload=upload, type=type, titre=titre, by=by or UserFactory())


def is_ars(name: str) -> bool:
    return name in ("siege_agent", "dd_agent", "dd45_agent")


def upload_url(arrete):
    return reverse("zonage:document_upload", args=[arrete.public_id])


def post_document(client, arrete, *, payload=None, name="arrete-signe.pdf", type="arrete_signe", titre="Arrêté signé"):
    fichier = SimpleUploadedFile(name, pdf_bytes() if payload is None else payload, content_type="application/pdf")
    return client.post(upload_url(arrete), {"type": type, "titre": titre, "fichier": fichier})


def download(client, document):
    response = client.get(reverse("zonage:document_download", args=[document.public_id]))
    # Reading the whole stream makes the test client close the file; an explicit response.close() would
    # fire request_finished, which closes the database connection (CONN_MAX_AGE=0) for the rest of the test.
    content = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, content


# Upload --------------------------------------------------------------------------------------------------------------


def test_manager_uploads_a_pdf(client, siege_agent, arrete):
    client.force_login(siege_agent)
    history_before = arrete.history.count()
    response = post_document(client, arrete)
    assert response.status_code == 302
    assert response["Location"].endswith("#documents")
    document = ArreteDocument.objects.get(arrete=arrete)
    assert document.type == DocumentType.ARRETE_SIGNE
    assert document.nom_original == "arrete-signe.pdf"
    assert document.type_contenu == "application/pdf"
    assert document.taille == len(pdf_bytes())
    assert len(document.sha256) == 64
    assert document.depose_par == siege_agent
    assert "arrete-signe" not in document.fichier.name  # stored under a random name
    assert document.fichier.name.startswith("prive/zonage/")
    assert document.history.get().history_user == siege_agent
    assert arrete.history.count() == history_before  # the arrêté itself is untouched
    _, content = download(client, document)
    assert content == pdf_bytes()


@pytest.mark.parametrize(
    ("payload", "limit", "message"),
    [
        (EXECUTABLE, 10 * 1024 * 1024, "n&#x27;est pas d&#x27;un type accepté"),
        (pdf_bytes(), 200, "dépasse la taille maximale autorisée (200"),
        (pdf_bytes() + b"0" * (10 * 1024 * 1024), 10 * 1024 * 1024, "dépasse la taille maximale autorisée (10"),
    ],
    ids=["renamed-executable", "oversize", "over-10-mb"],
)
def test_rejected_upload_keeps_title_and_leaves_arrete_untouched(
    client, siege_agent, arrete, settings, payload, limit, message
):
    settings.UPLOAD_MAX_SIZE = limit
    client.force_login(siege_agent)
    before = (arrete.history.count(), arrete.statut, arrete.titre)
    response = post_document(client, arrete, payload=payload, name="avis.pdf", titre="Avis CRSA du 3 mars")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "« avis.pdf »" in html
    assert 'value="Avis CRSA du 3 mars"' in html
    assert not ArreteDocument.objects.exists()
    arrete.refresh_from_db()
    assert (arrete.history.count(), arrete.statut, arrete.titre) == before
    assert not (settings.MEDIA_ROOT / "prive").exists()


def test_signed_act_must_be_a_pdf(client, siege_agent, arrete):
    from tests.instruction.factories import png_bytes

    client.force_login(siege_agent)
    response = post_document(client, arrete, payload=png_bytes(), name="scan.png")
    assert response.status_code == 400
    assert "L&#x27;arrêté signé se dépose au format PDF." in response.content.decode()
    assert post_document(client, arrete, payload=png_bytes(), name="scan.png", type="annexe").status_code == 302


def test_upload_per_persona(persona, arrete):
    name, client = persona
    response = post_document(client, arrete)
    if name in MANAGERS:
        assert response.status_code == 302
        assert ArreteDocument.objects.count() == 1
        return
    assert response.status_code == (403 if is_ars(name) else 404)
    assert not ArreteDocument.objects.exists()


def test_upload_is_post_only(client, siege_agent, arrete):
    client.force_login(siege_agent)
    assert client.get(upload_url(arrete)).status_code == 405


def test_anonymous_upload_and_delete_are_sent_to_login(client, arrete):
    document = add_document(arrete)
    for url in (upload_url(arrete), reverse("zonage:document_delete", args=[document.public_id])):
        response = client.post(url)
        assert response.status_code == 302
        assert "/comptes/connexion/" in response["Location"]
    assert ArreteDocument.objects.count() == 1


# Delete --------------------------------------------------------------------------------------------------------------


def test_delete_per_persona(persona, arrete, django_capture_on_commit_callbacks):
    name, client = persona
    document = add_document(arrete)
    path = document.fichier.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("zonage:document_delete", args=[document.public_id]))
    if name in MANAGERS:
        assert response.status_code == 302
        assert not ArreteDocument.objects.exists()
        assert ArreteDocument.history.filter(history_type="-").get().sha256 == document.sha256
        import os

        assert not os.path.exists(path)
        return
    assert response.status_code == (403 if is_ars(name) else 404)
    assert ArreteDocument.objects.count() == 1


def test_delete_is_post_only(client, siege_agent, arrete):
    document = add_document(arrete)
    client.force_login(siege_agent)
    assert client.get(reverse("zonage:document_delete", args=[document.public_id])).status_code == 405
    assert ArreteDocument.objects.count() == 1


# Download ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("type", [DocumentType.ARRETE_SIGNE, DocumentType.AVIS_CRSA])
def test_download_of_a_draft_per_persona(persona, arrete, type):
    name, client = persona
    document = add_document(arrete, type=type)
    response, content = download(client, document)
    if is_ars(name):
        assert response.status_code == 200
        assert content == pdf_bytes()
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="avis.pdf"'
    else:
        assert response.status_code == 404


def test_anonymous_download_of_a_private_document_is_sent_to_login(client, arrete):
    document = add_document(arrete, type=DocumentType.ARRETE_SIGNE)  # the arrêté is still a draft
    response, _ = download(client, document)
    assert response.status_code == 302
    assert "/comptes/connexion/" in response["Location"]


@pytest.mark.parametrize(
    ("statut", "type", "public"),
    [
        (ArreteStatut.PUBLIE, DocumentType.ARRETE_SIGNE, True),
        (ArreteStatut.REMPLACE, DocumentType.ARRETE_SIGNE, True),
        (ArreteStatut.ABROGE, DocumentType.ARRETE_SIGNE, True),
        (ArreteStatut.PROJET, DocumentType.ARRETE_SIGNE, False),
        (ArreteStatut.CONCERTATION, DocumentType.ARRETE_SIGNE, False),
        (ArreteStatut.PUBLIE, DocumentType.ANNEXE, False),
        (ArreteStatut.PUBLIE, DocumentType.AVIS_CRSA, False),
        (ArreteStatut.PUBLIE, DocumentType.CONCERTATION_URPS, False),
        (ArreteStatut.PUBLIE, DocumentType.AUTRE, False),
    ],
)
def test_public_download_rule(client, outsider, arrete, statut, type, public):
    arrete.statut = statut
    arrete.save()
    document = add_document(arrete, type=type)
    anonymous, content = download(client, document)
    assert anonymous.status_code == (200 if public else 302)
    assert content == (pdf_bytes() if public else b"")
    client.force_login(outsider)
    assert download(client, document)[0].status_code == (200 if public else 404)


def test_unknown_document_is_404(client, siege_agent):
    import uuid

    client.force_login(siege_agent)
    response = client.get(reverse("zonage:document_download", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_no_public_media_url_serves_the_file(client, siege_agent, arrete):
    arrete.statut = ArreteStatut.PUBLIE
    arrete.save()
    document = add_document(arrete, type=DocumentType.ARRETE_SIGNE)
    from django.conf import settings

    assert client.get(settings.MEDIA_URL + document.fichier.name).status_code in (302, 404)
    client.force_login(siege_agent)
    assert client.get(settings.MEDIA_URL + document.fichier.name).status_code == 404


# Pages ---------------------------------------------------------------------------------------------------------------


def test_commune_page_links_only_public_signed_acts(client, two_versions):
    v1, v2 = two_versions
    signed_v2 = add_document(v2, type=DocumentType.ARRETE_SIGNE, titre="Arrêté signé 2026")
    signed_v1 = add_document(v1, type=DocumentType.ARRETE_SIGNE, titre="Arrêté signé 2018")
    avis = add_document(v2, type=DocumentType.AVIS_CRSA, titre="Avis CRSA confidentiel")
    draft = ArreteFactory(profession=v2.profession, region=v2.region)
    draft_signed = add_document(draft, type=DocumentType.ARRETE_SIGNE, titre="Projet signé")
    html = client.get(reverse("zonage:commune", args=["37072"])).content.decode()
    for document in (signed_v2, signed_v1):
        assert reverse("zonage:document_download", args=[document.public_id]) in html
        assert document.titre in html
    for document in (avis, draft_signed):
        assert str(document.public_id) not in html
        assert document.titre not in html


def test_detail_page_lists_documents_and_form_for_manager_only(client, siege_agent, dd_agent, arrete):
    document = add_document(arrete, titre="Concertation URPS médecins", type=DocumentType.CONCERTATION_URPS)
    client.force_login(dd_agent)
    html = client.get(reverse("zonage:arrete_detail", args=[arrete.public_id])).content.decode()
    assert "Concertation URPS médecins" in html
    assert reverse("zonage:document_download", args=[document.public_id]) in html
    assert upload_url(arrete) not in html
    assert reverse("zonage:document_delete", args=[document.public_id]) not in html
    client.force_login(siege_agent)
    html = client.get(reverse("zonage:arrete_detail", args=[arrete.public_id])).content.decode()
    assert upload_url(arrete) in html
    assert reverse("zonage:document_delete", args=[document.public_id]) in html


def test_detail_query_count_is_constant_with_documents(client, siege_agent, arrete):
    author = UserFactory()
    for _ in range(2):
        add_document(arrete, by=UserFactory())
    client.force_login(siege_agent)
    url = reverse("zonage:arrete_detail", args=[arrete.public_id])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(18):
        add_document(arrete, by=author)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
