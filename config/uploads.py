"""Domain-free upload checks: one form field validates size and content, never the file name.

The declared type and the extension are ignored: the content is recognised by its magic bytes
(`filetype`), then parsed (pypdf, zipfile members, Pillow). Accepted files are stored under a
uuid4 name in the private default storage (MEDIA_ROOT, never served by a URL); the original name
and the SHA-256 stay in the database (see `private_upload_path` and `UploadedFileInfo`).
"""

import hashlib
import uuid
import warnings
import zipfile
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    content_type: str


KINDS = {
    kind.code: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf"),
        FileKind("docx", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        FileKind("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        FileKind("odt", "ODT", "application/vnd.oasis.opendocument.text"),
        FileKind("ods", "ODS", "application/vnd.oasis.opendocument.spreadsheet"),
        FileKind("png", "PNG", "image/png"),
        FileKind("jpeg", "JPEG", "image/jpeg"),
    )
}
DOCUMENT_KINDS = tuple(KINDS)
PDF_ONLY = ("pdf",)

_ZIP_MEMBERS = {  # office formats are zip archives: recognise them by their mandatory members
    "docx": ("[Content_Types].xml", "word/document.xml"),
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
}
_OPENDOCUMENT_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


@dataclass(frozen=True)
class UploadedFileInfo:
    kind: FileKind
    size: int
    sha256: str


def private_upload_path(instance, filename: str) -> str:
    """Store every upload under a random name: the original name never reaches the disk."""
    return f"prive/{instance._meta.app_label}/{uuid.uuid4().hex}"


def max_upload_size() -> int:
    return settings.UPLOAD_MAX_SIZE


def _read_head(upload, length: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _detect_zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return _OPENDOCUMENT_MIMETYPES.get(archive.read("mimetype").strip())
            for code, members in _ZIP_MEMBERS.items():
                if all(member in names for member in members):
                    return code
            return None
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)


def _detect(upload) -> str | None:
    guess = filetype.guess(_read_head(upload))
    if guess is None:
        return None
    if guess.extension == "pdf":
        return "pdf"
    if guess.extension == "png":
        return "png"
    if guess.extension == "jpg":
        return "jpeg"
    if guess.mime in ("application/zip", *(kind.content_type for kind in KINDS.values())):
        return _detect_zip_kind(upload)
    return None


def _parse(upload, code: str) -> bool:
    """Open the file with a real parser: a renamed or truncated file fails here."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if code == "pdf":
                from pypdf import PdfReader

                reader = PdfReader(upload)
                return len(reader.pages) > 0
            if code in ("png", "jpeg"):
                from PIL import Image

                with Image.open(upload) as image:
                    image.verify()
                return True
            with zipfile.ZipFile(upload) as archive:
                return archive.testzip() is None
    except Exception:  # noqa: BLE001 - any parser failure means an unreadable file
        return False
    finally:
        upload.seek(0)


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_upload(upload, kinds: tuple[str, ...] = DOCUMENT_KINDS) -> UploadedFileInfo:
    """Validate one uploaded file; raise a French ValidationError or return what was found."""
    limit = max_upload_size()
    if upload.size > limit:
        raise ValidationError(
            "Le fichier « %(name)s » dépasse la taille maximale autorisée (%(limit)s).",
            code="too_large",
            params={"name": upload.name, "limit": filesizeformat(limit)},
        )
    if upload.size == 0:
        raise ValidationError("Le fichier « %(name)s » est vide.", code="empty", params={"name": upload.name})
    allowed = ", ".join(KINDS[code].label for code in kinds)
    code = _detect(upload)
    if code is None or code not in kinds:
        raise ValidationError(
            "Le contenu du fichier « %(name)s » n'est pas d'un type accepté (%(allowed)s).",
            code="bad_type",
            params={"name": upload.name, "allowed": allowed},
        )
    if not _parse(upload, code):
        raise ValidationError(
            "Le fichier « %(name)s » est illisible ou endommagé (%(kind)s invalide).",
            code="corrupt",
            params={"name": upload.name, "kind": KINDS[code].label},
        )
    return UploadedFileInfo(kind=KINDS[code], size=upload.size, sha256=_sha256(upload))


EXTENSIONS = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "odt": (".odt",),
    "ods": (".ods",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
}


def kind_label(content_type: str) -> str:
    """« PDF » for application/pdf (the type of a stored piece, in lists)."""
    return next((kind.label for kind in KINDS.values() if kind.content_type == content_type), content_type)


class ValidatedFileField(forms.FileField):
    """A file field checked by content, drawn as the DSFR upload component (`templates/forms/field_upload.html`).

    The browser checks the size and the type before sending (static/js/formulaires.js reads the `data-*`
    attributes); this check, on the server, is the one that counts. The cleaned file carries `.upload_info`
    (UploadedFileInfo).
    """

    widget = forms.FileInput

    def __init__(self, *, kinds: tuple[str, ...] = DOCUMENT_KINDS, **kwargs):
        self.kinds = kinds
        kwargs.setdefault(
            "help_text",
            f"Formats acceptés : {', '.join(KINDS[code].label for code in kinds)}. "
            f"Taille maximale : {filesizeformat(max_upload_size())}.",
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["class"] = "fr-upload"
        attrs["accept"] = ",".join(
            [KINDS[code].content_type for code in self.kinds] + [ext for code in self.kinds for ext in EXTENSIONS[code]]
        )
        attrs["data-taille-max"] = str(max_upload_size())
        attrs["data-taille-max-texte"] = filesizeformat(max_upload_size())
        attrs["data-formats"] = ", ".join(KINDS[code].label for code in self.kinds)
        return attrs

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and hasattr(upload, "size") and not hasattr(upload, "upload_info"):
            upload.upload_info = check_upload(upload, self.kinds)
        return upload
