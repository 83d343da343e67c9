import io
import re

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, with non-breaking spaces kept as such."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def normalized(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def read_file(bilan) -> bytes:
    with bilan.fichier.open("rb") as handle:
        return handle.read()


def stored_pdfs(settings) -> list:
    from pathlib import Path

    folder = Path(settings.MEDIA_ROOT) / "acces_soins" / "bilans"
    return sorted(folder.glob("*.pdf")) if folder.exists() else []
