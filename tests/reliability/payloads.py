"""Hostile inputs shared by the reliability tests: files that lie about their content, text that breaks
naive code, markup that must never run."""

import io
import zipfile

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from tests.instruction.factories import EXECUTABLE, pdf_bytes, png_bytes


def _written(writer: PdfWriter) -> bytes:
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _blank_writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def pdf_with_javascript() -> bytes:
    """A document-level script (/Names /JavaScript), as Acrobat writes it."""
    writer = _blank_writer()
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('bonjour');")}
    )
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("ouverture"), action])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
    return _written(writer)


def pdf_with_open_action() -> bytes:
    """A script run at opening (/OpenAction /S /JavaScript), no /Names entry."""
    writer = _blank_writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    return _written(writer)


def pdf_with_obfuscated_javascript() -> bytes:
    """The same action with its names written in #xx escapes (« /J#61vaScript »): only a parser sees it."""
    raw = pdf_with_open_action()
    return raw.replace(b"/S /JavaScript", b"/S /J#61vaScript")


def pdf_with_embedded_file() -> bytes:
    writer = _blank_writer()
    writer.add_attachment("facture.exe", EXECUTABLE)
    return _written(writer)


def encrypted_pdf() -> bytes:
    writer = _blank_writer()
    writer.encrypt(user_password="secret", owner_password="secret-proprietaire")
    return _written(writer)


def pdf_html_polyglot() -> bytes:
    """A valid PDF whose bytes also hold a page a browser would run."""
    return pdf_bytes() + b"\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def html_pdf_polyglot() -> bytes:
    """HTML first, the PDF after (PDF readers look for %PDF in the first kilobyte)."""
    return b"<!DOCTYPE html><script>alert(1)</script>\n" + pdf_bytes()


def pdf_zip_polyglot() -> bytes:
    """A valid PDF that is also a valid ZIP archive (its central directory at the end)."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("payload.exe", EXECUTABLE)
    return pdf_bytes() + archive.getvalue()


# (file name, content, the French message the check gives): every hostile file of issue 17 §3.
HOSTILE_FILES = {
    "mauvais-nombre-magique": ("lettre.pdf", EXECUTABLE, "pas d'un type accepté"),
    "image-sous-nom-pdf": ("lettre.pdf", png_bytes(), "pas d'un type accepté (PDF)"),
    "pdf-tronque": ("lettre.pdf", pdf_bytes()[:200], "illisible ou endommagé"),
    "polyglotte-pdf-html": ("lettre.pdf", pdf_html_polyglot(), "mêle plusieurs formats"),
    "polyglotte-html-pdf": ("lettre.pdf", html_pdf_polyglot(), "pas d'un type accepté"),
    "polyglotte-pdf-zip": ("lettre.pdf", pdf_zip_polyglot(), "mêle plusieurs formats"),
    "pdf-javascript": ("lettre.pdf", pdf_with_javascript(), "contient du code JavaScript"),
    "pdf-openaction": ("lettre.pdf", pdf_with_open_action(), "contient du code JavaScript"),
    "pdf-javascript-masque": ("lettre.pdf", pdf_with_obfuscated_javascript(), "contient du code JavaScript"),
    "pdf-fichier-joint": ("lettre.pdf", pdf_with_embedded_file(), "contient des fichiers joints"),
    "pdf-chiffre": ("lettre.pdf", encrypted_pdf(), "protégé par un mot de passe"),
    "vide": ("lettre.pdf", b"", "vide"),
}

# Names that try to leave the upload folder or to disguise an extension, and what is kept of them.
HOSTILE_NAMES = {
    "traversee": ("../../x.pdf", "x.pdf"),
    "traversee-windows": ("..\\..\\windows\\x.pdf", "x.pdf"),
    "rtl-override": ("facture\u202efdp.exe", "facturefdp.exe"),
    "nul": ("lettre\x00.exe.pdf", "lettre.exe.pdf"),
    "invisibles": ("\u200blettre\u200d\u2066.pdf", "lettre.pdf"),
    "points": ("...", "fichier"),
}

XSS_PAYLOADS = ("<script>alert('xss')</script>", '"><img src=x onerror=alert(1)>')

# Text a user may type, or a script may send, in any free-text field.
LONG_TEXT = "é" * 100_000
EMOJI_AND_RTL = "Santé 🩺👩‍⚕️ \u200fمرحبا\u200e — \u202bعربي\u202c fin"
