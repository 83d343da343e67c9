import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from config.uploads import PDF_ONLY, ValidatedFileField, check_upload
from tests.instruction.factories import CORRUPT_PDF, EXECUTABLE, docx_bytes, odt_bytes, pdf_bytes, png_bytes


@pytest.mark.parametrize(
    ("name", "payload", "kind"),
    [
        ("lettre.pdf", pdf_bytes(), "pdf"),
        ("photo.png", png_bytes(), "png"),
        ("note.docx", docx_bytes(), "docx"),
        ("note.odt", odt_bytes(), "odt"),
        ("sans-extension", pdf_bytes(), "pdf"),  # the name does not matter, the content does
    ],
)
def test_accepted_by_content(name, payload, kind):
    info = check_upload(SimpleUploadedFile(name, payload))
    assert info.kind.code == kind
    assert len(info.sha256) == 64


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (EXECUTABLE, "n'est pas d'un type accepté"),
        (CORRUPT_PDF, "illisible ou endommagé"),
        (b"PK\x03\x04not really a zip", "n'est pas d'un type accepté"),
        (b"", "vide"),
    ],
)
def test_rejected_by_content(payload, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(SimpleUploadedFile("lettre.pdf", payload, content_type="application/pdf"))


def test_oversize_is_rejected(settings):
    settings.UPLOAD_MAX_SIZE = 100
    with pytest.raises(ValidationError, match="dépasse la taille maximale"):
        check_upload(SimpleUploadedFile("lettre.pdf", pdf_bytes()))


def test_pdf_only_field_refuses_an_image():
    field = ValidatedFileField(kinds=PDF_ONLY)
    with pytest.raises(ValidationError, match="PDF"):
        field.clean(SimpleUploadedFile("lettre.pdf", png_bytes()))
