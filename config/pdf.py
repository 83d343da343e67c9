"""Domain-free PDF rendering with WeasyPrint, from our own templates only.

The URL fetcher serves static files (print CSS, Marianne fonts, images) from the local static
finders and refuses everything else: no network, no arbitrary local file, no media upload.

Every PDF extends `pdf/base.html`, which prints on its first page the République française
bloc-marque (the Marianne and the devise of the DSFR shipped with django-dsfr) beside the name of
the ARS (`operateur`, from the organisation data: `comptes.selectors.ars_nom`), and, when the portal
runs on demonstration data (`settings.IS_DEMO`, the flag of the web banner), « Données fictives —
démonstration » at the top of every page (`static/pdf/demo.css`).
"""

import gc
import mimetypes
import re
import threading
from contextlib import contextmanager
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_BASE = "https://static.invalid/"  # a non-resolvable origin: only our fetcher can answer it
DSFR_LOGO_CSS = "dsfr/dist/component/logo/logo.min.css"
DSFR_LOGO_PREFIX = "dsfr-logo/"
DEMO_MARK = "Données fictives — démonstration"


@cache
def dsfr_logo_images() -> dict[str, bytes]:
    """The bloc-marque images of the DSFR shipped with django-dsfr, as SVG files: `marianne.svg` (the
    `.fr-logo::before` Marianne) and `devise.svg` (the `.fr-logo::after` « Liberté Égalité Fraternité »).

    The DSFR only ships them inlined in its logo stylesheet, whose `calc()` positions WeasyPrint cannot
    read; they are decoded from it here, so a DSFR upgrade brings its bloc-marque to the PDFs too.
    """
    css = Path(finders.find(DSFR_LOGO_CSS)).read_text(encoding="utf-8")
    images = {}
    for pseudo, name in (("before", "marianne.svg"), ("after", "devise.svg")):
        match = re.search(
            rf'\.fr-logo:{pseudo}\{{background-image:url\("data:image/svg\+xml;charset=utf8,([^"]+)"\)', css
        )
        if match is None:
            raise ValueError(f"Bloc-marque introuvable dans {DSFR_LOGO_CSS} ({pseudo})")
        images[name] = unquote(match.group(1)).encode()
    return images


@lru_cache(maxsize=64)
def _static_bytes(path: str) -> bytes:
    """A static file's bytes, read once per process (the Marianne fonts and the print CSS of every PDF)."""
    return Path(path).read_bytes()


# WeasyPrint's cache of decoded images (the bloc-marque, static pictures), shared by the PDFs of a process: only
# static files reach it (see StaticOnlyURLFetcher), so it stays small.
IMAGE_CACHE: dict = {}


class StaticOnlyURLFetcher(URLFetcher):
    """Answer `STATIC_BASE/<path>` from the static files; refuse any other URL."""

    def fetch(self, url, headers=None):
        if url.startswith(STATIC_BASE):
            relative = url.removeprefix(STATIC_BASE).split("?")[0].split("#")[0]
            if relative.startswith(DSFR_LOGO_PREFIX) and relative.removeprefix(DSFR_LOGO_PREFIX) in dsfr_logo_images():
                content = dsfr_logo_images()[relative.removeprefix(DSFR_LOGO_PREFIX)]
                return URLFetcherResponse(url, content, {"Content-Type": "image/svg+xml"})
            try:
                path = finders.find(relative)
            except SuspiciousFileOperation:
                path = None
            if path and Path(path).is_file():
                content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, _static_bytes(path), {"Content-Type": content_type})
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"Ressource refusée dans un PDF : {url}")


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render one of our templates (autoescaped) to PDF bytes.

    `context["operateur"]` names the ARS that issues the document (« Agence régionale de santé
    Centre-Val de Loire »): required, every PDF carries it under the bloc-marque. `context["demo"]`
    defaults to `settings.IS_DEMO`. Templates refer to static files with `{{ STATIC_BASE }}path`.
    """
    if not context.get("operateur"):
        raise ValueError("Un PDF nomme l'ARS qui l'émet : passez `operateur` (comptes.selectors.ars_nom).")
    context = {
        "demo": settings.IS_DEMO,
        **context,
        "STATIC_BASE": STATIC_BASE,
        "SITE_NAME": settings.SITE_NAME,
        "DEMO_MARK": DEMO_MARK,
    }
    return html_to_pdf(render_to_string(template_name, context))


# A static style sheet linked from a PDF template's head (`<link rel="stylesheet" href="{{ STATIC_BASE }}pdf/…">`).
LINKED_STYLESHEET = re.compile(r'<link rel="stylesheet" href="' + re.escape(STATIC_BASE) + r'([^"?#]+)">')


class _PrintResources(threading.local):
    """What every PDF of a process (of a thread) shares: one WeasyPrint font configuration, holding the Marianne
    @font-face fonts decoded once, and the print style sheets parsed once against it. WeasyPrint would otherwise
    fetch, parse and index every style sheet and decode and install every font again for each document."""

    def __init__(self):
        self.font_config = FontConfiguration()
        self.counter_style = CounterStyle()
        self.stylesheets: dict[str, CSS] = {}

    def stylesheet(self, path: str) -> CSS:
        if path not in self.stylesheets:
            self.stylesheets[path] = CSS(
                url=STATIC_BASE + path,
                url_fetcher=StaticOnlyURLFetcher(),
                font_config=self.font_config,
                counter_style=self.counter_style,
            )
        return self.stylesheets[path]


PRINT_RESOURCES = _PrintResources()


class _CollectorPacing:
    """The cyclic garbage collector during a rendering: its young generation collected every `YOUNG_THRESHOLD`
    container allocations instead of every 700, then once at the end.

    A bilan's rendering allocates about 160 000 containers (boxes, styles, layout copies) and leaves about 94 000 in
    reference cycles. At the default pace the collector runs some 250 times per bilan, including full collections of
    the whole process, which cost 15 to 25 % of the rendering; each young collection also promotes the half-built
    document to the older generations, where it outlives the rendering until the next full collection. Paced, the
    young generation is collected once or twice during the rendering, and the end collection (about 20 ms) frees the
    document's garbage at once: faster, and a lower peak of memory than the default (bench/bilan.py).

    Thresholds are process-wide: the first rendering of a process raises them and the last one to finish restores
    them, so that concurrent renderings in threads leave them as they found them."""

    YOUNG_THRESHOLD = 100_000

    def __init__(self):
        self.lock = threading.Lock()
        self.renderings = 0
        self.saved: tuple[int, ...] = ()

    @contextmanager
    def __call__(self):
        with self.lock:
            if self.renderings == 0:
                self.saved = gc.get_threshold()
                gc.set_threshold(max(self.YOUNG_THRESHOLD, self.saved[0]), *self.saved[1:])
            self.renderings += 1
        try:
            yield
        finally:
            with self.lock:
                self.renderings -= 1
                if self.renderings == 0:
                    gc.set_threshold(*self.saved)
            gc.collect(1)


collector_paced = _CollectorPacing()


def html_to_pdf(html: str) -> bytes:
    """HTML to PDF bytes; every resource it names (images, style sheets, fonts, attachments) goes through
    `StaticOnlyURLFetcher`: no request leaves the machine, no local file outside the static files is read.

    The static style sheets linked from the document are applied in their order from the parsed copies of
    `PRINT_RESOURCES` (as user style sheets: the document has no author style sheet left, so the cascade is the
    same), with the font configuration they were parsed against. The garbage collector is paced for the rendering
    (`collector_paced`)."""
    resources = PRINT_RESOURCES
    stylesheets = [resources.stylesheet(path) for path in LINKED_STYLESHEET.findall(html)]
    output = BytesIO()
    with collector_paced():
        HTML(
            string=LINKED_STYLESHEET.sub("", html), base_url=STATIC_BASE, url_fetcher=StaticOnlyURLFetcher()
        ).write_pdf(
            output,
            stylesheets=stylesheets,
            font_config=resources.font_config,
            counter_style=resources.counter_style,
            cache=IMAGE_CACHE,
        )
    return output.getvalue()
