"""Domain-free upload checks: one form field validates size and content, never the file name.

The declared type and the extension are ignored: the content is recognised by its magic bytes
(`filetype`), then parsed (pypdf, zipfile members, Pillow). Accepted files are stored under a
uuid4 name in the private default storage (MEDIA_ROOT, never served by a URL); the original name
(cleaned by `safe_upload_name`) and the SHA-256 stay in the database (see `private_upload_path` and
`UploadedFileInfo`).

Hostile files are refused with a French message: oversize (cut while the request is read, by
`UploadLimitHandler`, before anything is stored or parsed), a content that is not what it claims, a
polyglot (a PDF that is also a ZIP archive or carries HTML), a PDF with JavaScript, launch actions or
embedded files, an encrypted PDF, several files sent for one field.
"""

import hashlib
import re
import unicodedata
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
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


def max_request_upload_size() -> int:
    return settings.UPLOAD_MAX_REQUEST_SIZE


# --- While the request is read ------------------------------------------------------------------------------


class RefusedUpload(UploadedFile):
    """What the form sees of a file cut by `UploadLimitHandler`: its name and size, no content."""

    def __init__(self, name: str, content_type: str, size: int, reason: str):
        super().__init__(BytesIO(b""), name, content_type, size)
        self.refused = reason


class UploadLimitHandler(FileUploadHandler):
    """First of `FILE_UPLOAD_HANDLERS`: stop keeping a file once it passes `UPLOAD_MAX_SIZE` (or once the
    files of the request pass `UPLOAD_MAX_REQUEST_SIZE`).

    The rest of the body is still read, chunk by chunk, and dropped: a 100 MB upload costs one chunk of
    memory and at most the limit on disk, then the form answers in French (`check_upload`).
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.request_total = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file_size, self.refused = 0, ""

    def receive_data_chunk(self, raw_data, start):
        self.file_size += len(raw_data)
        self.request_total += len(raw_data)
        if not self.refused and self.file_size > max_upload_size():
            self.refused = "too_large"
        elif not self.refused and self.request_total > max_request_upload_size():
            self.refused = "request_too_large"
        return None if self.refused else raw_data

    def file_complete(self, file_size):
        if not self.refused:
            return None  # the next handler (memory or temporary file) holds the file
        for handler in getattr(self.request, "upload_handlers", ()):  # drop what they kept up to the limit
            partial = getattr(handler, "file", None)
            if handler is not self and hasattr(partial, "close"):
                partial.close()
        return RefusedUpload(self.file_name, self.content_type, self.file_size, self.refused)


class TooManyFiles:
    """Several files sent under the name of a one-file field."""

    def __init__(self, count: int):
        self.count = count


class SingleFileInput(forms.FileInput):
    """A file input that reports several files sent for one field instead of keeping the last one."""

    def value_from_datadict(self, data, files, name):
        uploads = [upload for upload in files.getlist(name) if upload] if hasattr(files, "getlist") else []
        if len(uploads) > 1:
            return TooManyFiles(len(uploads))
        return uploads[0] if uploads else files.get(name)


def safe_upload_name(name, default: str = "fichier") -> str:
    """The name shown and offered back for download: no folder, no control or invisible formatting character
    (NUL, RTL override, zero-width…), no leading dot, at most 200 characters with its extension kept."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    kept = []
    for char in name:
        category = unicodedata.category(char)
        if category.startswith("C") or category in ("Zl", "Zp"):
            continue
        kept.append(" " if category == "Zs" else char)
    name = re.sub(r" {2,}", " ", "".join(kept)).strip(" .")
    if not name:
        return default
    if len(name) > 200:
        suffix = PurePath(name).suffix[:20]
        name = name[: 200 - len(suffix)] + suffix
    return name


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


def _parse(upload, code: str):
    """Open the file with a real parser: a renamed or truncated file fails here (None). A PDF's reader is
    returned for the checks of its content."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if code == "pdf":
                from pypdf import PdfReader

                reader = PdfReader(upload)
                if reader.is_encrypted:
                    return reader
                return reader if len(reader.pages) > 0 else None
            if code in ("png", "jpeg"):
                from PIL import Image

                with Image.open(upload) as image:
                    image.verify()
                return True
            with zipfile.ZipFile(upload) as archive:
                return archive.testzip() is None or None
    except Exception:  # noqa: BLE001 - any parser failure means an unreadable file
        return None
    finally:
        upload.seek(0)


# Markup a browser would run if it ever read the file as HTML (a polyglot): never in a genuine PDF or image,
# whose text lives in compressed streams or in strings that cannot hold « < » unescaped.
_HTML_MARKUP = re.compile(rb"<\s*(?:script|html|body|iframe|svg|object|embed|img|meta|!doctype)\b", re.IGNORECASE)
_SCAN_CHUNK = 1024 * 1024


def _carries_html(upload) -> bool:
    upload.seek(0)
    tail = b""
    try:
        while chunk := upload.read(_SCAN_CHUNK):
            if _HTML_MARKUP.search(tail + chunk):
                return True
            tail = chunk[-32:]
        return False
    finally:
        upload.seek(0)


def _is_polyglot(upload, code: str, head: bytes) -> bool:
    """A file that is valid as two formats: a PDF or an image that is also a ZIP archive or carries HTML,
    an office archive that a PDF reader would also open."""
    if code in ("pdf", "png", "jpeg"):
        try:
            if zipfile.is_zipfile(upload):
                return True
        finally:
            upload.seek(0)
        return _carries_html(upload)
    return b"%PDF-" in head[:1024]


# What a PDF may not carry: code run when it is opened, actions launching programs, files hidden inside.
_PDF_SCRIPT_KEYS = {"/JS", "/JavaScript"}
_PDF_SCRIPT_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute"}
_PDF_FILE_KEYS = {"/EmbeddedFiles", "/EmbeddedFile", "/EF"}
_PDF_MAX_OBJECTS = 500_000


def pdf_active_content(reader) -> set[str]:
    """« javascript » and/or « fichiers » when the PDF's objects (every object reachable from its trailer,
    names decoded by pypdf, compressed object streams included) hold scripts, launch actions or embedded
    files; « complexe » when there are too many objects to look at."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found, seen, stack, budget = set(), set(), [reader.trailer], _PDF_MAX_OBJECTS
    while stack:
        budget -= 1
        if budget < 0:
            return found | {"complexe"}
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            try:
                item = item.get_object()
            except Exception:  # noqa: BLE001 - a dangling reference is not content
                continue
        if isinstance(item, DictionaryObject):
            keys = set(item.keys())
            action = str(item.get("/S", ""))
            if keys & _PDF_SCRIPT_KEYS or action in _PDF_SCRIPT_ACTIONS:
                found.add("javascript")
            if keys & _PDF_FILE_KEYS or str(item.get("/Subtype", "")) == "/FileAttachment":
                found.add("fichiers")
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return found


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _refuse(message: str, code: str, **params):
    raise ValidationError(message, code=code, params=params)


def _check_pdf(upload, reader) -> None:
    name = upload.name
    if reader.is_encrypted:
        _refuse(
            "Le fichier « %(name)s » est protégé par un mot de passe ou chiffré : déposez une version non protégée.",
            "encrypted",
            name=name,
        )
    active = pdf_active_content(reader)
    if "complexe" in active:
        _refuse("Le fichier « %(name)s » est trop complexe pour être vérifié (PDF invalide).", "corrupt", name=name)
    if "javascript" in active:
        _refuse(
            "Le fichier « %(name)s » contient du code JavaScript ou des actions automatiques : enregistrez-le de "
            "nouveau en PDF simple (« Imprimer en PDF »), puis déposez-le.",
            "pdf_javascript",
            name=name,
        )
    if "fichiers" in active:
        _refuse(
            "Le fichier « %(name)s » contient des fichiers joints à l'intérieur du PDF : déposez chaque document "
            "séparément.",
            "pdf_embedded_files",
            name=name,
        )


def check_upload(upload, kinds: tuple[str, ...] = DOCUMENT_KINDS) -> UploadedFileInfo:
    """Validate one uploaded file; raise a French ValidationError or return what was found.

    The size is checked first, on what the request declared: a file cut while the request was read
    (`RefusedUpload`) is never read."""
    limit = max_upload_size()
    refused = getattr(upload, "refused", "")
    if refused == "request_too_large":
        _refuse(
            "Le fichier « %(name)s » n'a pas été reçu : les fichiers envoyés ensemble dépassent %(limit)s. "
            "Envoyez-les un par un.",
            "request_too_large",
            name=upload.name,
            limit=filesizeformat(max_request_upload_size()),
        )
    if refused or upload.size > limit:
        _refuse(
            "Le fichier « %(name)s » dépasse la taille maximale autorisée (%(limit)s).",
            "too_large",
            name=upload.name,
            limit=filesizeformat(limit),
        )
    if upload.size == 0:
        _refuse("Le fichier « %(name)s » est vide.", "empty", name=upload.name)
    allowed = ", ".join(KINDS[code].label for code in kinds)
    code = _detect(upload)
    if code is None or code not in kinds:
        _refuse(
            "Le contenu du fichier « %(name)s » n'est pas d'un type accepté (%(allowed)s).",
            "bad_type",
            name=upload.name,
            allowed=allowed,
        )
    if _is_polyglot(upload, code, _read_head(upload)):
        _refuse(
            "Le fichier « %(name)s » mêle plusieurs formats (%(kind)s et archive ou page web) : il est refusé par "
            "précaution. Enregistrez-le de nouveau depuis le logiciel d'origine.",
            "polyglot",
            name=upload.name,
            kind=KINDS[code].label,
        )
    parsed = _parse(upload, code)
    if parsed is None:
        _refuse(
            "Le fichier « %(name)s » est illisible ou endommagé (%(kind)s invalide).",
            "corrupt",
            name=upload.name,
            kind=KINDS[code].label,
        )
    if code == "pdf":
        _check_pdf(upload, parsed)
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


def _one_file(data):
    if isinstance(data, TooManyFiles):
        raise ValidationError(
            "Un seul fichier à la fois pour ce champ : %(count)s fichiers ont été envoyés, aucun n'est enregistré.",
            code="too_many_files",
            params={"count": data.count},
        )
    if data and getattr(data, "name", None):
        data.name = safe_upload_name(data.name)
    return data


class ValidatedFileField(forms.FileField):
    """A file field checked by content, drawn as the DSFR upload component (`templates/forms/field_upload.html`).

    The browser checks the size and the type before sending (static/js/formulaires.js reads the `data-*`
    attributes); this check, on the server, is the one that counts. The cleaned file carries `.upload_info`
    (UploadedFileInfo) and a cleaned name (`safe_upload_name`).
    """

    widget = SingleFileInput

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
        upload = super().clean(_one_file(data), initial)
        if upload and hasattr(upload, "size") and not hasattr(upload, "upload_info"):
            upload.upload_info = check_upload(upload, self.kinds)
        return upload


class ImportFileField(forms.FileField):
    """A table to import (CSV or XLSX), checked before the importer reads it: size (`max_size`), one file, a
    real XLSX workbook, or a CSV that is text (no binary content, no NUL byte). The importer then checks the
    encoding, the columns and each row, and says what is wrong in French."""

    widget = SingleFileInput

    def __init__(self, *, max_size: int, **kwargs):
        self.max_size = max_size
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["class"] = "fr-upload"
        attrs["accept"] = f".csv,text/csv,.xlsx,{KINDS['xlsx'].content_type}"
        attrs["data-taille-max"] = str(self.max_size)
        attrs["data-taille-max-texte"] = filesizeformat(self.max_size)
        attrs["data-formats"] = "CSV, XLSX"
        return attrs

    def clean(self, data, initial=None):
        upload = super().clean(_one_file(data), initial)
        if not upload or not hasattr(upload, "size"):
            return upload
        name = upload.name
        if getattr(upload, "refused", "") or upload.size > self.max_size:
            _refuse(
                "Le fichier « %(name)s » dépasse %(limit)s.",
                "too_large",
                name=name,
                limit=filesizeformat(self.max_size),
            )
        if upload.size == 0:
            _refuse("Le fichier « %(name)s » est vide.", "empty", name=name)
        if name.lower().endswith(".xlsx"):
            if _detect(upload) != "xlsx" or _parse(upload, "xlsx") is None:
                _refuse("Le fichier « %(name)s » n'est pas un classeur XLSX lisible.", "bad_type", name=name)
        elif name.lower().endswith(".csv"):
            head = _read_head(upload, 65536)
            if filetype.guess(head) is not None or b"\x00" in head:
                _refuse(
                    "Le fichier « %(name)s » n'est pas un fichier texte CSV (contenu binaire, ou encodage UTF-16 : "
                    "enregistrez-le en « CSV UTF-8 »).",
                    "bad_type",
                    name=name,
                )
        else:
            _refuse("Le fichier « %(name)s » doit être un fichier .csv ou .xlsx.", "bad_extension", name=name)
        return upload
