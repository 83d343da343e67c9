"""PDF SSRF (issue 17 §3): markup that names a network address or a local file, rendered into a PDF, makes no
request and reads no file. A local listener counts every connection it receives."""

import contextlib
import io
import socket
import threading
import time
import urllib.request

import pytest
from pypdf import PdfReader

from config.pdf import html_to_pdf
from tests.acces_soins.helpers import normalized, pdf_text

pytestmark = pytest.mark.django_db


class Listener:
    """A TCP server on a free loopback port that counts the connections it accepts (and answers nothing)."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            connection.close()

    def stop(self):
        self.running = False
        self.thread.join(timeout=2)
        self.socket.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.stop()


def hostile_markup(port: int) -> str:
    url = f"http://127.0.0.1:{port}"
    return f"""
        <style>@import url("{url}/import.css"); body {{ background: url("file:///etc/passwd"); }}
        @font-face {{ font-family: x; src: url("{url}/font.woff2"); }}</style>
        <link rel="stylesheet" href="{url}/style.css">
        <img src="{url}/image.png"> <img src="file:///etc/passwd"> <img src="/etc/passwd">
        <img src="https://static.invalid/../../../../etc/passwd"> <img src="https://static.invalid/..%2f..%2fetc%2fpasswd">
        <object data="file:///etc/passwd"></object> <iframe src="{url}/frame"></iframe>
        <a rel="attachment" href="file:///etc/passwd">pièce</a> <a rel="attachment" href="{url}/joint">joint</a>
        <svg><image href="{url}/svg.png"/></svg>
        <p>Texte du dossier</p>
    """


def test_the_listener_does_count(listener):
    """The control: a real request to the listener is counted (so a 0 below means something)."""
    with contextlib.suppress(OSError):  # the listener closes without answering
        urllib.request.urlopen(f"http://127.0.0.1:{listener.port}/", timeout=1)  # noqa: S310 - loopback
    deadline = time.monotonic() + 2
    while listener.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listener.connections == 1


def test_raw_markup_in_a_pdf_makes_no_request_and_reads_no_file(listener):
    pdf = html_to_pdf(f"<html><body>{hostile_markup(listener.port)}</body></html>")
    text = pdf_text(pdf)
    assert "Texte du dossier" in text
    assert "root:" not in text
    assert not PdfReader(io.BytesIO(pdf)).attachments
    assert b"root:x:0:0" not in pdf
    assert listener.connections == 0


def test_a_dossier_field_with_markup_is_printed_as_text_in_the_receipt(listener, draft_of):
    from instruction.enums import CategoriePiece
    from instruction.models import Piece
    from instruction.services import dossier_submit

    user, lettre = draft_of("cls")
    payload = f'<img src="http://127.0.0.1:{listener.port}/"> file:///etc/passwd'
    lettre.elu_nom, lettre.elu_fonction = payload, '<link rel="attachment" href="file:///etc/passwd">'
    lettre.save()
    dossier_submit(dossier=lettre.dossier, by=user)
    receipt = Piece.objects.get(dossier=lettre.dossier, categorie=CategoriePiece.ACCUSE)
    with receipt.file.open("rb") as handle:
        pdf = handle.read()
    text = normalized(pdf_text(pdf))
    assert f'<img src="http://127.0.0.1:{listener.port}/"> file:///etc/passwd' in text  # printed, not fetched
    assert "root:" not in text
    assert not PdfReader(io.BytesIO(pdf)).attachments
    assert listener.connections == 0


def test_a_comite_decision_with_markup_is_printed_as_text_in_the_bilan(listener, territory):
    from acces_soins.enums import StatutBilan
    from acces_soins.models import Mesure
    from acces_soins.periods import Perimetre, Semestre
    from acces_soins.services.bilans import bilan_produce, bilan_request
    from tests.acces_soins.factories import ComiteFactory, DecisionFactory, ensure_plan_seed
    from tests.acces_soins.helpers import read_file

    ensure_plan_seed()
    texte = f'Étendre <img src="http://127.0.0.1:{listener.port}/x.png"> <a rel="attachment" href="file:///etc/passwd">'
    DecisionFactory(comite=ComiteFactory(), numero=1, texte=texte, mesures=[Mesure.objects.first()])
    bilan = bilan_request(perimetre=Perimetre.parse("region:24"), semestre=Semestre.parse("2026-S1"), enqueue=False)
    bilan_produce(bilan.pk)
    bilan.refresh_from_db()
    assert bilan.statut == StatutBilan.PRET, bilan.erreur
    pdf = read_file(bilan)
    assert f'<img src="http://127.0.0.1:{listener.port}/x.png">' in normalized(pdf_text(pdf))
    assert not PdfReader(io.BytesIO(pdf)).attachments
    assert listener.connections == 0
    threading.Event().wait(0.3)  # a late fetch would still be counted
    assert listener.connections == 0
