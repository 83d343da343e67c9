"""Benchmark: pages/s of a regional semester bilan next to WeasyPrint on a static document of the same
page count, in one run. Prints figures, asserts nothing (`make bench`).

Uses a throwaway SQLite database with the real geography of the reference region (import_territoires),
the seeded plan, a fictitious comité de pilotage and a previous-semester bilan (for the deltas).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bench-bilan-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["LOG_LEVEL"] = "WARNING"

import django  # noqa: E402

django.setup()

import logging  # noqa: E402
from io import BytesIO  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

logging.disable(logging.INFO)
settings.MEDIA_ROOT = WORKDIR / "media"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def setup_data():
    call_command("migrate", verbosity=0)
    from io import StringIO

    call_command("import_territoires", "--region", settings.REFERENCE_REGION, stdout=StringIO())
    geo = settings.GEO_DATA_DIR / "departements-centre-val-de-loire.geojson"
    call_command("import_contours", str(geo), "--niveau", "departement", stdout=StringIO())
    settings.IS_DEMO = True
    from acces_soins.demo import create_demo_plan_follow_up

    create_demo_plan_follow_up()


def timed(function, runs=RUNS):
    durations = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - start)
    return min(durations), sorted(durations)[len(durations) // 2], result


def static_document(pages: int) -> bytes:
    """A static HTML document (same print CSS and fonts, no template, no data) of `pages` pages."""
    from weasyprint import HTML

    from config.pdf import STATIC_BASE, StaticOnlyURLFetcher

    rows = "".join(
        f"<tr><td>Ligne {i}</td><td class='num'>{i * 1234:,}</td><td>Texte statique</td></tr>" for i in range(12)
    )
    body = "".join(
        f"<section style='break-before: page'><h2>Page {n}</h2><p>{'Lorem ipsum dolor sit amet. ' * 12}</p>"
        f"<table>{rows}</table></section>"
        for n in range(pages - 1)
    )
    html = (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{STATIC_BASE}pdf/print.css'>"
        "</head><body><h1>Document statique</h1>" + body + "</body></html>"
    )

    def render():
        output = BytesIO()
        HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyURLFetcher()).write_pdf(output)
        return output.getvalue()

    return render


def main():
    from pypdf import PdfReader

    from acces_soins.enums import OrigineBilan
    from acces_soins.periods import Perimetre, Semestre
    from acces_soins.rendering import render_bilan_pdf
    from acces_soins.services.bilans import bilan_produce, bilan_request, snapshot_bilan

    start = time.perf_counter()
    setup_data()
    print(
        f"setup (migrate + real geography of region {settings.REFERENCE_REGION}): {time.perf_counter() - start:.1f} s"
    )
    region = Perimetre.region(settings.REFERENCE_REGION)
    previous = bilan_request(
        perimetre=region, semestre=Semestre.parse("2025-S2"), origine=OrigineBilan.COMMANDE, enqueue=False
    )
    bilan_produce(previous.pk)

    def produce():
        bilan = bilan_request(
            perimetre=region, semestre=Semestre.parse("2026-S1"), origine=OrigineBilan.COMMANDE, enqueue=False
        )
        bilan_produce(bilan.pk)
        bilan.refresh_from_db()
        return bilan

    best, median, bilan = timed(produce)
    pages = bilan.page_count
    snapshot = bilan.snapshot
    snap_best, _, _ = timed(lambda: snapshot_bilan(region, Semestre.parse("2026-S1")))
    render_best, render_median, pdf = timed(lambda: render_bilan_pdf(snapshot))
    static_render = static_document(pages)
    static_best, static_median, static_pdf = timed(static_render)
    static_pages = len(PdfReader(BytesIO(static_pdf)).pages)

    print(
        f"regional bilan: {pages} pages, {len(pdf) / 1024:.0f} KiB, {len(snapshot['sections'])} sections, {RUNS} runs"
    )
    print(
        f"  full production (claim + snapshot + render + store): best {best:.2f} s, median {median:.2f} s"
        f" -> {pages / best:.2f} pages/s"
    )
    print(f"  snapshot only: best {snap_best * 1000:.0f} ms")
    print(
        f"  render from snapshot only: best {render_best:.2f} s, median {render_median:.2f} s"
        f" -> {pages / render_best:.2f} pages/s"
    )
    print(f"static document, same print CSS and fonts: {static_pages} pages")
    print(
        f"  WeasyPrint: best {static_best:.2f} s, median {static_median:.2f} s"
        f" -> {static_pages / static_best:.2f} pages/s"
    )
    ratio = (pages / render_best) / (static_pages / static_best)
    print(f"ratio bilan render / static: {ratio:.2f}")
    results = ROOT / "bench" / "results" / "latest.md"
    if results.exists():  # after bench/run.py's table, in the same run
        with results.open("a", encoding="utf-8") as out:
            out.write(
                "\n## Bilan semestriel régional (PDF)\n\n"
                "| Mesure | Pages | Meilleur (s) | Pages/s | Ratio | Objectif ≥ 80 % |\n|---|---:|---:|---:|---:|---|\n"
                f"| WeasyPrint seul, HTML statique | {static_pages} | {static_best:.2f} "
                f"| {static_pages / static_best:.2f} | 100 % | — |\n"
                f"| Rendu du bilan depuis son instantané | {pages} | {render_best:.2f} | {pages / render_best:.2f} "
                f"| {ratio:.0%} | {'atteint' if ratio >= 0.8 else '**non atteint**'} |\n"
                f"| Production complète (instantané + rendu + stockage) | {pages} | {best:.2f} | {pages / best:.2f} "
                f"| {(pages / best) / (static_pages / static_best):.0%} | — |\n"
                f"\nInstantané seul : {snap_best * 1000:.0f} ms ; {len(snapshot['sections'])} sections, "
                f"{len(pdf) / 1024:.0f} Kio ; base SQLite, géographie réelle de la région "
                f"{settings.REFERENCE_REGION}.\n"
            )


if __name__ == "__main__":
    main()
