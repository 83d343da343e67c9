"""Hostile files on every upload of the portal (issue 17 §3): each gets a French error, nothing is stored
half-way, a draft keeps what was typed and uploaded before.

The uploads are found by introspection: every form class of the project is imported, and each file field must
be one of the two content-checked fields of `config/uploads.py`; each form with a file field must have an
endpoint in `UPLOAD_ENDPOINTS` below (a new upload form fails `test_every_upload_form_has_an_endpoint`)."""

import html
import importlib
import json
import pkgutil
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.uploads import PDF_ONLY, ImportFileField, ValidatedFileField, check_upload, safe_upload_name
from instruction.kinds import get_kind
from instruction.models import Piece
from tests.instruction.factories import pdf_bytes
from tests.reliability.conftest import DRAFT_BUILDERS, kinds_with_pages, stored_files
from tests.reliability.payloads import HOSTILE_FILES, HOSTILE_NAMES

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("config", "territoires", "comptes", "referentiel", "instruction", "financements", "cls", "zonage")
PROJECT_APPS += ("cpts", "indicateurs", "acces_soins")


def project_forms() -> list[type]:
    """Every form class defined in the project's apps (each `forms` module, at any depth)."""
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if module.name.rsplit(".", 1)[-1] == "forms":
                importlib.import_module(module.name)
    found, stack = set(), [forms.BaseForm]
    while stack:
        for subclass in stack.pop().__subclasses__():
            stack.append(subclass)
            if subclass.__module__.split(".")[0] in PROJECT_APPS:
                found.add(subclass)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__qualname__}")


def file_fields(form_class) -> dict[str, forms.Field]:
    return {name: field for name, field in form_class.base_fields.items() if isinstance(field, forms.FileField)}


def label(form_class) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


# --- The registry of upload endpoints ----------------------------------------------------------------------------


@dataclass
class Upload:
    """One upload form as served: its logged-in client, URL, other POST data, file field, and what it stores."""

    client: Any
    url: str
    field: str
    data: dict
    stored: Any  # () -> int: records of the uploaded files
    typed: tuple[str, str, Any] | None = None  # (POST field, value, () -> stored value): kept when the file fails


def _draft(request, client, code: str, field: str, *, immediate: bool) -> Upload:
    user, content = request.getfixturevalue("draft_of")(code)
    client.force_login(user)
    dossier = content.dossier
    stored = lambda: Piece.objects.filter(dossier=dossier).count()  # noqa: E731
    if immediate:  # the upload component's request, before the form is sent
        return Upload(client, get_kind(code).url("edit", dossier), field, {"action": "televerser"}, stored)
    text_field = next(
        name
        for name, form_field in get_kind(code).form_class.base_fields.items()
        if type(form_field) is forms.CharField and not isinstance(form_field.widget, forms.HiddenInput)
    )

    def typed_value():
        content.refresh_from_db()
        return getattr(content, text_field)

    typed = (text_field, "Saisie conservée malgré le fichier refusé", typed_value)
    return Upload(client, get_kind(code).url("edit", dossier), field, {"action": ""}, stored, typed)


def _message(request, client) -> Upload:
    from instruction.models import Message

    user, content = request.getfixturevalue("draft_of")("cls")
    from instruction.services import dossier_submit

    dossier_submit(dossier=content.dossier, by=user)
    client.force_login(user)
    url = reverse("instruction:message", args=[content.dossier.public_id])
    stored = lambda: Message.objects.count() + Piece.objects.filter(categorie="message").count()  # noqa: E731
    return Upload(client, url, "piece", {"body": "Voici la pièce demandée."}, stored)


def _contrat(request):
    from cls.models import ContratLocalSante
    from instruction.enums import Etat
    from instruction.services import dossier_submit, dossier_transition

    user, content = request.getfixturevalue("draft_of")("cls")
    dd_agent = request.getfixturevalue("dd_agent")
    dossier_submit(dossier=content.dossier, by=user)
    dossier_transition(dossier=content.dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=content.dossier, to_etat=Etat.ACCEPTEE, by=dd_agent)
    return dd_agent, ContratLocalSante.objects.get()


def _contrat_document(request, client) -> Upload:
    from cls.models import ContratDocument

    agent, contrat = _contrat(request)
    client.force_login(agent)
    url = reverse("cls:contrat_action", args=[contrat.public_id, "document"])
    return Upload(client, url, "document-document", {"document-type": "autre"}, ContratDocument.objects.count)


def _contrat_avenant(request, client) -> Upload:
    from cls.models import ContratDocument

    agent, contrat = _contrat(request)
    client.force_login(agent)
    url = reverse("cls:contrat_action", args=[contrat.public_id, "avenant"])
    data = {"avenant-date": "2026-03-01", "avenant-objet": "Ajout d'une fiche action"}
    stored = lambda: ContratDocument.objects.count() + contrat.avenants.count()  # noqa: E731
    return Upload(client, url, "avenant-document", data, stored)


def _zonage_document(request, client) -> Upload:
    from tests.zonage.conftest import ensure_reference_data
    from tests.zonage.factories import ArreteFactory
    from zonage.models import ArreteDocument

    ensure_reference_data()
    request.getfixturevalue("zonage_territory")
    arrete = ArreteFactory()
    client.force_login(request.getfixturevalue("siege_agent"))
    url = reverse("zonage:document_upload", args=[arrete.public_id])
    data = {"type": "avis_crsa", "titre": "Avis de la CRSA"}
    return Upload(client, url, "fichier", data, ArreteDocument.objects.count)


def _comite_document(request, client) -> Upload:
    from acces_soins.models import ComiteDePilotage, DocumentComite

    client.force_login(request.getfixturevalue("siege_agent"))
    data = {"semestre": "2026-S1", "date": "2026-06-16", "participants": "DG ARS", "ordre_du_jour": "Point"}
    stored = lambda: ComiteDePilotage.objects.count() + DocumentComite.objects.count()  # noqa: E731
    return Upload(client, reverse("acces_soins:comite_create"), "document", data, stored)


# (endpoint, the form classes it serves, builder(request, client) -> Upload)
UPLOAD_ENDPOINTS = {
    **{
        f"brouillon-{code}-{field}-{mode}": (
            (get_kind(code).form_class,),
            lambda request, client, code=code, field=field, immediate=(mode == "immediat"): _draft(
                request, client, code, field, immediate=immediate
            ),
        )
        for code in DRAFT_BUILDERS
        for field in get_kind(code).form_class.UPLOADS
        for mode in ("immediat", "formulaire")
    },
    "message": (("instruction.forms.MessageForm",), _message),
    "cls-document": (("cls.forms.DocumentForm",), _contrat_document),
    "cls-avenant": (("cls.forms.AvenantForm",), _contrat_avenant),
    "zonage-document": (("zonage.forms.DocumentForm",), _zonage_document),
    "comite-document": (("acces_soins.forms.ComiteForm",), _comite_document),
}
# The imports (CSV/XLSX) have their own hostile inputs: tests/reliability/test_hostile_imports.py.
IMPORT_FORMS = {"zonage.forms.AnnexeImportForm", "indicateurs.forms.ImportForm"}


def _covered_forms() -> set[str]:
    return {
        form if isinstance(form, str) else label(form) for forms_, _ in UPLOAD_ENDPOINTS.values() for form in forms_
    }


def test_every_kind_has_a_draft_builder():
    assert kinds_with_pages() == sorted(DRAFT_BUILDERS)


def test_every_file_field_of_every_form_is_checked_by_content():
    classes = project_forms()
    assert len(classes) > 50
    unchecked = [
        f"{label(form)}.{name}"
        for form in classes
        for name, field in file_fields(form).items()
        if not isinstance(field, ValidatedFileField | ImportFileField)
    ]
    assert unchecked == []


def test_every_upload_form_has_an_endpoint():
    with_files = {label(form) for form in project_forms() if file_fields(form)}
    assert with_files == _covered_forms() | IMPORT_FORMS


def _field(endpoint: str) -> forms.Field:
    form = UPLOAD_ENDPOINTS[endpoint][0][0]
    if isinstance(form, str):
        module, name = form.rsplit(".", 1)
        form = getattr(importlib.import_module(module), name)
    return (
        next(iter(file_fields(form).values()))
        if len(file_fields(form)) == 1
        else file_fields(form)[endpoint.split("-")[2]]
    )


def _errors(response) -> str:
    if response["Content-Type"].startswith("application/json"):
        return " ".join(json.loads(response.content)["errors"])
    return html.unescape(response.content.decode())


def _post(upload: Upload, files, extra=None):
    data = {**upload.data, **(extra or {}), upload.field: files}
    return upload.client.post(upload.url, data, follow=True)


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_check_upload_refuses_each_hostile_file(case):
    name, content, message = HOSTILE_FILES[case]
    with pytest.raises(forms.ValidationError) as raised:
        check_upload(SimpleUploadedFile(name, content), PDF_ONLY)
    assert message in raised.value.messages[0]


def test_the_masked_javascript_is_really_masked():
    assert b"/J#61vaScript" in HOSTILE_FILES["pdf-javascript-masque"][1]


@pytest.mark.parametrize("endpoint", sorted(UPLOAD_ENDPOINTS))
def test_hostile_files_on_every_upload_endpoint(endpoint, request, client, settings, private_media):
    upload = UPLOAD_ENDPOINTS[endpoint][1](request, client)
    before_records, before_files = upload.stored(), stored_files(private_media)
    settings.UPLOAD_MAX_SIZE = 64 * 1024  # small, so that « over the limit » stays cheap; 100 MB is tested below
    oversize = ("trop-gros.pdf", pdf_bytes() + b"%" * (65 * 1024), "dépasse la taille maximale autorisée (64")
    cases = {**HOSTILE_FILES, "trop-gros": oversize}
    if "png" in _field(endpoint).kinds:  # a picture is welcome there, whatever its name
        del cases["image-sous-nom-pdf"]
    for case, (name, content, message) in cases.items():
        typed = {upload.typed[0]: f"{upload.typed[1]} ({case})"} if upload.typed else {}
        response = _post(upload, SimpleUploadedFile(name, content, "application/pdf"), typed)
        assert response.status_code in (200, 400), (case, response.status_code)
        assert message in _errors(response), case
        assert (upload.stored(), stored_files(private_media)) == (before_records, before_files), case
        if upload.typed:
            assert upload.typed[2]() == typed[upload.typed[0]], case  # the draft keeps what was typed
    many = [SimpleUploadedFile(f"piece-{n}.pdf", pdf_bytes(), "application/pdf") for n in range(50)]
    response = _post(upload, many)
    assert "Un seul fichier à la fois pour ce champ : 50 fichiers ont été envoyés" in _errors(response)
    assert (upload.stored(), stored_files(private_media)) == (before_records, before_files)


@pytest.mark.parametrize("case", sorted(HOSTILE_NAMES))
def test_hostile_names_are_cleaned_stored_under_a_random_name_and_offered_back_safely(
    case, client, draft_of, private_media
):
    name, kept = HOSTILE_NAMES[case]
    assert safe_upload_name(name) == kept
    user, lettre = draft_of("cls")
    client.force_login(user)
    url = get_kind("cls").url("edit", lettre.dossier)
    response = client.post(url, {"action": "televerser", "annexe": SimpleUploadedFile(name, pdf_bytes())})
    assert response.status_code == 200, response.content
    piece = Piece.objects.filter(dossier=lettre.dossier, categorie="annexe").get()
    assert piece.original_name == kept
    assert "\u202e" not in piece.original_name
    assert "\x00" not in piece.original_name
    assert piece.file.name.startswith("prive/instruction/")
    assert ".." not in piece.file.name
    assert all(part.startswith("prive") for part in stored_files(private_media))
    download = client.get(reverse("instruction:piece", args=[piece.public_id]))
    disposition = download["Content-Disposition"]
    b"".join(download.streaming_content)
    assert disposition.startswith("attachment;")
    assert "/" not in disposition.split("filename", 1)[1]


def test_multipart_parser_cleans_names_too(client, draft_of):
    """The real request path: Django's parser already drops folders and invisible characters; our field
    cleans again whatever a client sent."""
    user, lettre = draft_of("cls")
    client.force_login(user)
    url = get_kind("cls").url("edit", lettre.dossier)
    client.post(url, {"action": "televerser", "annexe": SimpleUploadedFile("../../..\\x\u202etxt.pdf", pdf_bytes())})
    assert Piece.objects.get(dossier=lettre.dossier, categorie="annexe").original_name == "xtxt.pdf"


# --- 100 MB streamed, never held in memory ------------------------------------------------------------------------


class _StreamedBody:
    """A multipart body of `size` bytes for one file, generated while the server reads it."""

    def __init__(self, fields: dict, field: str, name: str, size: int, boundary: str):
        head = "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
            for key, value in fields.items()
        )
        head += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        self.parts = [head.encode(), b"%PDF-1.7\n"]
        self.filler = size - len(self.parts[1])
        self.tail = f"\r\n--{boundary}--\r\n".encode()
        self.length = len(self.parts[0]) + size + len(self.tail)
        self.buffer, self.sent = b"", 0

    def _more(self) -> bytes:
        if self.parts:
            return self.parts.pop(0)
        if self.filler > 0:
            chunk = min(self.filler, 1024 * 1024)
            self.filler -= chunk
            return b"0" * chunk
        tail, self.tail = self.tail, b""
        return tail

    def read(self, size=-1):
        while size < 0 or len(self.buffer) < size:
            more = self._more()
            if not more:
                break
            self.buffer += more
        if size < 0:
            size = len(self.buffer)
        chunk, self.buffer = self.buffer[:size], self.buffer[size:]
        self.sent += len(chunk)
        return chunk

    def readline(self, size=-1):
        return self.read(size if size > 0 else 65536)


def test_a_100_mb_upload_is_streamed_and_dropped_without_filling_memory(client, draft_of, private_media):
    """The real WSGI handler reads a 100 MB multipart body produced on the fly: the upload limit handler drops
    the file past 10 MB, the memory peak stays far below the file, and the draft answers in French."""
    import tracemalloc

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    user, lettre = draft_of("cls")
    client.force_login(user)
    url = get_kind("cls").url("edit", lettre.dossier)
    client.get(url)  # the CSRF cookie
    size, boundary = 100 * 1024 * 1024, "frontiere-de-test"
    body = _StreamedBody({"action": "televerser"}, "annexe", "enorme.pdf", size, boundary)
    cookies = "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": url,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(body.length),
        "HTTP_COOKIE": cookies,
        "wsgi.input": body,
        "wsgi.url_scheme": "http",
        "wsgi.errors": __import__("sys").stderr,
    }
    statuses = []
    handler = WSGIHandler()
    handler.load_middleware()
    environ["HTTP_X_CSRFTOKEN"] = client.cookies[settings.CSRF_COOKIE_NAME].value
    # As Django's test client does: the test's connection (and its transaction) stays open across the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    tracemalloc.start()
    try:
        result = handler(environ, lambda status, headers: statuses.append(status))
        answer = b"".join(result)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert body.sent == body.length  # the whole body was read (and dropped), the connection stays usable
    assert statuses[0].startswith("400"), answer[:500]
    errors = " ".join(json.loads(answer)["errors"])
    assert "Le fichier « enorme.pdf » dépasse la taille maximale autorisée (10,0" in errors
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"  # one 100 MB file never sits in memory
    assert not Piece.objects.filter(dossier=lettre.dossier, categorie="annexe").exists()
    assert all(path.startswith("prive") for path in stored_files(private_media))
    lettre.refresh_from_db()
    assert lettre.contact_nom  # the draft is untouched


def test_upload_settings_keep_files_out_of_memory():
    assert settings.FILE_UPLOAD_HANDLERS[0] == "config.uploads.UploadLimitHandler"
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024  # larger files go to a temporary file
    assert settings.UPLOAD_MAX_REQUEST_SIZE < 3 * settings.UPLOAD_MAX_SIZE


def test_a_valid_pdf_still_passes(client, draft_of):
    user, lettre = draft_of("cls")
    client.force_login(user)
    response = client.post(
        get_kind("cls").url("edit", lettre.dossier),
        {"action": "televerser", "annexe": SimpleUploadedFile("budget.pdf", pdf_bytes(2))},
    )
    assert response.status_code == 200
    assert Piece.objects.filter(dossier=lettre.dossier, categorie="annexe").count() == 1
