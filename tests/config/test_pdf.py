import io
import shutil
import subprocess

import pytest
from django.template import engines
from pypdf import PdfReader

from config.pdf import DEMO_MARK, STATIC_BASE, StaticOnlyURLFetcher, dsfr_logo_images, render_pdf


def test_render_pdf_embeds_marianne_and_reads_back(tmp_path, settings):
    template = tmp_path / "essai.html"
    template.write_text(
        '{% extends "pdf/base.html" %}{% block body %}<div class="marianne-bloc">République française</div>'
        "<h1>Accusé de dépôt</h1><p>Référence {{ reference }} — coût 1 234,56 € — « œuvre »</p>{% endblock %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    engines._templates = None  # the template engines pick up the new DIRS
    pdf = render_pdf("essai.html", {"reference": "CLS-2026-0001", "operateur": "Agence régionale de santé Test"})
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "CLS-2026-0001" in text
    assert "page 1 / 1" in text
    assert "Agence régionale de santé Test" in text
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


# --- Bloc-marque and the demonstration mark (issue 14 §3, issue 15 §7) ---------------------------------

LONG_BODY = (
    '{% extends "pdf/base.html" %}{% block body %}<h1>Document long</h1>'
    "{% for i in paragraphs %}<p>Paragraphe {{ i }} : texte de remplissage pour tenir plusieurs pages.</p>{% endfor %}"
    "{% endblock %}"
)


@pytest.fixture
def long_template(tmp_path, settings):
    (tmp_path / "long.html").write_text(LONG_BODY)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    engines._templates = None
    yield "long.html"
    engines._templates = None


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_every_page_carries_the_demo_mark_when_the_portal_runs_on_demo_data(long_template, settings):
    settings.IS_DEMO = True
    pages = _pages(render_pdf(long_template, {"paragraphs": range(150), "operateur": "ARS Test"}))
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        assert DEMO_MARK in text, f"page {number} has no demo mark"


def test_no_demo_mark_outside_the_demo(long_template, settings):
    settings.IS_DEMO = False
    pages = _pages(render_pdf(long_template, {"paragraphs": range(150), "operateur": "ARS Test"}))
    assert len(pages) >= 3
    assert not any("fictives" in text for text in pages)


def test_a_caller_can_mark_a_document_built_from_demo_data(long_template, settings):
    settings.IS_DEMO = False
    pages = _pages(render_pdf(long_template, {"paragraphs": range(5), "operateur": "ARS Test", "demo": True}))
    assert all(DEMO_MARK in text for text in pages)


def test_pdftotext_reads_the_mark_on_every_page(long_template, settings, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    settings.IS_DEMO = True
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(long_template, {"paragraphs": range(150), "operateur": "ARS Test"}))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 3
    assert all(DEMO_MARK in page for page in pages)


def test_a_pdf_without_its_issuing_ars_is_refused(long_template):
    with pytest.raises(ValueError, match="operateur"):
        render_pdf(long_template, {"paragraphs": range(1)})


def test_bloc_marque_images_come_from_the_dsfr_of_django_dsfr():
    images = dsfr_logo_images()
    assert b"viewBox='0 0 44 18'" in images["marianne.svg"]  # the Marianne of .fr-logo::before
    assert b"viewBox='0 0 252 180'" in images["devise.svg"]  # « Liberté Égalité Fraternité »
    response = StaticOnlyURLFetcher().fetch(f"{STATIC_BASE}dsfr-logo/marianne.svg")
    assert response.read() == images["marianne.svg"]
    with pytest.raises(ValueError, match="Ressource refusée"):
        StaticOnlyURLFetcher().fetch(f"{STATIC_BASE}dsfr-logo/autre.svg")


def test_first_page_shows_the_bloc_marque_and_the_ars(long_template):
    first = _pages(render_pdf(long_template, {"paragraphs": range(3), "operateur": "Agence régionale de santé X"}))[0]
    assert "RÉPUBLIQUE" in first.upper()
    assert "FRANÇAISE" in first.upper()
    assert "Agence régionale de santé X" in first


# --- One font configuration and parsed print style sheets per process (issue 16 §3) ---------------------


def test_fonts_and_print_style_sheets_are_loaded_once_and_reused(long_template, settings, monkeypatch):
    from weasyprint.text.fonts import FontConfiguration

    import config.pdf

    monkeypatch.setattr(config.pdf, "PRINT_RESOURCES", config.pdf._PrintResources())
    faces = []
    original = FontConfiguration.add_font_face
    monkeypatch.setattr(
        FontConfiguration, "add_font_face", lambda self, *args: faces.append(self) or original(self, *args)
    )
    settings.IS_DEMO = True
    first = render_pdf(long_template, {"paragraphs": range(60), "operateur": "ARS Test"})
    assert len(faces) == 2  # Marianne regular and bold, from print.css
    assert set(config.pdf.PRINT_RESOURCES.stylesheets) == {"pdf/print.css", "pdf/demo.css"}
    print_css = config.pdf.PRINT_RESOURCES.stylesheets["pdf/print.css"]
    second = render_pdf(long_template, {"paragraphs": range(60), "operateur": "ARS Test"})
    assert len(faces) == 2  # nothing decoded or installed again
    assert faces[0] is config.pdf.PRINT_RESOURCES.font_config
    assert config.pdf.PRINT_RESOURCES.stylesheets["pdf/print.css"] is print_css
    # The shared sheets still style every page: Marianne embedded, the demo mark and the page counter on each page.
    for pdf in (first, second):
        reader = PdfReader(io.BytesIO(pdf))
        fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
        assert any("Marianne" in name for name in fonts)
        pages = [page.extract_text() for page in reader.pages]
        assert len(pages) >= 2
        for number, text in enumerate(pages, 1):
            assert DEMO_MARK in text
            assert f"page {number} / {len(pages)}" in text


def test_linked_static_style_sheets_are_applied_in_their_order(tmp_path, settings):
    """The document's links are taken out of its HTML and applied from the parsed copies, in the same order: a later
    sheet still wins (demo.css after the template's own sheets), and the template's sheet (remontee.css, landscape)
    still sets the page."""
    template = tmp_path / "paysage.html"
    template.write_text(
        '{% extends "pdf/base.html" %}{% block pdf_css %}'
        '<link rel="stylesheet" href="{{ STATIC_BASE }}pdf/remontee.css">{% endblock %}'
        "{% block body %}<h1>Paysage</h1>{% endblock %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    engines._templates = None
    settings.IS_DEMO = True
    page = PdfReader(io.BytesIO(render_pdf("paysage.html", {"operateur": "ARS Test"}))).pages[0]
    engines._templates = None
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape, from remontee.css
    assert DEMO_MARK in page.extract_text()


# --- The garbage collector paced for a rendering (issue 16 §3) ----------------------------------------------------


@pytest.fixture
def spied_write_pdf(monkeypatch):
    """WeasyPrint's write_pdf, recording the collector's thresholds during the rendering and leaving behind a reference
    cycle that has outlived a young collection, as WeasyPrint's boxes do; `fail=True` makes the rendering raise."""
    import gc
    import weakref

    from weasyprint import HTML

    from config.pdf import html_to_pdf

    html_to_pdf("<p>Première</p>")  # the first rendering of a process imports and sets up enough to run collections
    seen = {"fail": False}
    original = HTML.write_pdf

    class Garbage:
        pass

    def write_pdf(self, target=None, **kwargs):
        seen["threshold"] = gc.get_threshold()
        garbage = Garbage()
        garbage.cycle = garbage
        seen["garbage"] = weakref.ref(garbage)
        gc.collect(0)  # a young collection during the rendering, which moves the (still used) object to generation 1
        if seen["fail"]:
            raise ValueError("rendu impossible")
        return original(self, target, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", write_pdf)
    return seen


def test_a_rendering_paces_the_collector_then_restores_it_and_frees_its_garbage(spied_write_pdf):
    import gc

    import config.pdf

    before = gc.get_threshold()
    pdf = config.pdf.html_to_pdf("<p>Accusé de dépôt</p>")
    assert spied_write_pdf["garbage"]() is None  # collected when the rendering ends, not at some later collection
    assert spied_write_pdf["threshold"] == (max(config.pdf.collector_paced.YOUNG_THRESHOLD, before[0]), *before[1:])
    assert gc.get_threshold() == before
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().strip() == "Accusé de dépôt"


def test_a_failed_rendering_restores_the_collector_too(spied_write_pdf):
    import gc

    import config.pdf

    before = gc.get_threshold()
    spied_write_pdf["fail"] = True
    with pytest.raises(ValueError, match="rendu impossible"):
        config.pdf.html_to_pdf("<p>Accusé de dépôt</p>")
    assert gc.get_threshold() == before


def test_overlapping_renderings_restore_the_thresholds_when_the_last_one_ends():
    import gc

    import config.pdf

    pacing, before = config.pdf._CollectorPacing(), gc.get_threshold()
    first, second = pacing(), pacing()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold()[0] == max(pacing.YOUNG_THRESHOLD, before[0])  # the other rendering is still running
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before
