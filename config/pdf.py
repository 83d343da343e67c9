"""Domain-free PDF rendering with WeasyPrint, from our own templates only.

The URL fetcher serves static files (print CSS, Marianne fonts, images) from the local static
finders and refuses everything else: no network, no arbitrary local file, no media upload.
"""

import mimetypes
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_BASE = "https://static.invalid/"  # a non-resolvable origin: only our fetcher can answer it


class StaticOnlyURLFetcher(URLFetcher):
    """Answer `STATIC_BASE/<path>` from the static files; refuse any other URL."""

    def fetch(self, url, headers=None):
        if url.startswith(STATIC_BASE):
            relative = url.removeprefix(STATIC_BASE).split("?")[0].split("#")[0]
            try:
                path = finders.find(relative)
            except SuspiciousFileOperation:
                path = None
            if path and Path(path).is_file():
                content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": content_type})
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"Ressource refusée dans un PDF : {url}")


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render one of our templates (autoescaped) to PDF bytes.

    Templates refer to static files with `{{ STATIC_BASE }}path/inside/static`.
    """
    html = render_to_string(template_name, {**context, "STATIC_BASE": STATIC_BASE, "SITE_NAME": settings.SITE_NAME})
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    """HTML to PDF bytes; every resource it names (images, style sheets, fonts, attachments) goes through
    `StaticOnlyURLFetcher`: no request leaves the machine, no local file outside the static files is read."""
    output = BytesIO()
    HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyURLFetcher()).write_pdf(output)
    return output.getvalue()
