import io

import pytest
from django.template import engines
from pypdf import PdfReader

from config.pdf import STATIC_BASE, StaticOnlyURLFetcher, render_pdf


def test_render_pdf_embeds_marianne_and_reads_back(tmp_path, settings):
    template = tmp_path / "essai.html"
    template.write_text(
        '{% extends "pdf/base.html" %}{% block body %}<div class="marianne-bloc">République française</div>'
        "<h1>Accusé de dépôt</h1><p>Référence {{ reference }} — coût 1 234,56 € — « œuvre »</p>{% endblock %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    engines._templates = None  # the template engines pick up the new DIRS
    pdf = render_pdf("essai.html", {"reference": "CLS-2026-0001"})
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "CLS-2026-0001" in text
    assert "page 1 / 1" in text
    fonts = {
        font["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    assert any("Marianne" in str(name) for name in fonts)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "https://example.org/x.css", f"{STATIC_BASE}../settings.py"])
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ValueError, match="Ressource refusée"):
        StaticOnlyURLFetcher().fetch(url)


def test_fetcher_serves_static_files():
    response = StaticOnlyURLFetcher().fetch(f"{STATIC_BASE}pdf/print.css")
    assert b"@page" in response.read()
