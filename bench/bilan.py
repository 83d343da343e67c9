"""Benchmark: pages/s of a regional semester bilan next to raw WeasyPrint on a static HTML document of the same page
count, tables and SVG charts (issue 16 §3), in one run, with the profile that explains the ratio. Prints figures,
appends them to bench/results/latest.md, asserts nothing (`make bench`).

Uses a throwaway SQLite database (bench/standalone.py) with the real geography of the reference region and its
contours, its demonstration TVS and zonage arrêtés (the zonage section and its map of every commune, as in
`make demo`), the seeded plan with a
fictitious comité de pilotage, and a previous-semester bilan (for the deltas).

Rows measured, interleaved run by run so that the shared machine's noise hits them alike:
- the bilan rendered from its snapshot (`render_bilan_pdf`: context, charts, template, WeasyPrint);
- the bilan's own HTML frozen to a file, raw WeasyPrint (no shared fonts or style sheets): isolates the Python and
  template cost from the layout cost;
- the reference: raw WeasyPrint on a generic static document of the bilan's shape (bench/pdf_reference.py);
- the same reference through the portal's own PDF pipeline (`config.pdf.html_to_pdf`: shared fonts and parsed style
  sheets, paced garbage collector): the like-for-like ratio, what the bilan's content and structure cost once the
  pipeline's gains are given to both.
"""

import os
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import standalone  # noqa: E402

WORKDIR = standalone.bootstrap("bilan")

from django.conf import settings  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
GOAL = 0.8


def setup_data() -> None:
    standalone.import_geography(contours=True)
    standalone.demo_zonage(WORKDIR)
    standalone.demo_plan()


def timed(function, runs=RUNS):
    durations = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - start)
    return min(durations), sorted(durations)[len(durations) // 2], result


def raw_weasyprint(html: str) -> bytes:
    """Plain WeasyPrint: a new font configuration, the style sheets fetched and parsed, as any caller would."""
    from weasyprint import HTML

    from config.pdf import STATIC_BASE, StaticOnlyURLFetcher

    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyURLFetcher()).write_pdf()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def interleaved(renders: dict, runs=RUNS) -> dict:
    """{name: (best, median)} of each render, the renders taking turns within each run."""
    durations = {name: [] for name in renders}
    for _ in range(runs):
        for name, render in renders.items():
            start = time.perf_counter()
            render()
            durations[name].append(time.perf_counter() - start)
    return {name: (min(values), sorted(values)[len(values) // 2]) for name, values in durations.items()}


def section_costs(snapshot: dict) -> list[tuple[str, float, int, int]]:
    """Per section: (title, marginal render seconds, HTML kB, SVG path points), heaviest first. The marginal cost is
    the bilan with that section alone minus the bilan with no section (best of two)."""
    from django.template.loader import render_to_string

    from acces_soins.rendering import bilan_context, render_bilan_pdf
    from bench.pdf_reference import measure

    def alone(sections):
        return {**snapshot, "sections": sections}

    base, _, _ = timed(lambda: render_bilan_pdf(alone([])), runs=2)
    rows = []
    for section in snapshot["sections"]:
        if not section["disponible"]:
            continue
        best, _, _ = timed(lambda section=section: render_bilan_pdf(alone([section])), runs=2)
        html = render_to_string(
            "acces_soins/bilans/sections/" + section["nom"] + ".html",
            {**bilan_context(alone([section])), "data": section["donnees"]},
        )
        shape = measure(html)
        rows.append((section["titre"], best - base, len(html) // 1024, sum(sum(svg.paths) for svg in shape.svgs)))
    return sorted(rows, key=lambda row: -row[1])


def main():
    from acces_soins.enums import OrigineBilan
    from acces_soins.periods import Perimetre, Semestre
    from acces_soins.rendering import bilan_context, render_bilan_pdf
    from acces_soins.services.bilans import bilan_produce, bilan_request, snapshot_bilan
    from bench.pdf_profile import PHASES, timed_phases
    from bench.pdf_reference import matching_reference, measure
    from config.pdf import DEMO_MARK, STATIC_BASE, html_to_pdf

    start = time.perf_counter()
    setup_data()
    print(f"setup (real geography, demo zonage and plan of region {settings.REFERENCE_REGION}): ", end="")
    print(f"{time.perf_counter() - start:.1f} s")
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
    pages, snapshot = bilan.page_count, bilan.snapshot
    snap_best, _, _ = timed(lambda: snapshot_bilan(region, Semestre.parse("2026-S1")))

    from django.template.loader import render_to_string

    context = {"demo": True, **bilan_context(snapshot), "STATIC_BASE": STATIC_BASE}
    frozen = render_to_string(
        "acces_soins/bilans/pdf.html", {**context, "SITE_NAME": settings.SITE_NAME, "DEMO_MARK": DEMO_MARK}
    )
    (WORKDIR / "bilan.html").write_text(frozen, encoding="utf-8")
    shape = measure(frozen)
    reference, reference_pages = matching_reference(shape, pages, raw_weasyprint)
    (WORKDIR / "reference.html").write_text(reference, encoding="utf-8")
    pdf = render_bilan_pdf(snapshot)
    frozen_pages = page_count(raw_weasyprint(frozen))
    times = interleaved(
        {
            "bilan": lambda: render_bilan_pdf(snapshot),
            "frozen": lambda: raw_weasyprint(frozen),
            "reference": lambda: raw_weasyprint(reference),
            "pipeline": lambda: html_to_pdf(reference),
        }
    )
    profile = timed_phases(
        {
            "bilan": lambda: render_bilan_pdf(snapshot),
            "frozen": lambda: html_to_pdf(frozen),
            "reference": lambda: raw_weasyprint(reference),
        },
        RUNS,
    )
    sections = section_costs(snapshot)

    rate = {name: count / times[name][0] for name, count in (("bilan", pages), ("frozen", frozen_pages))}
    rate["reference"] = reference_pages / times["reference"][0]
    rate["pipeline"] = reference_pages / times["pipeline"][0]
    ratio = rate["bilan"] / rate["reference"]
    print(
        f"regional bilan: {pages} pages, {len(pdf) / 1024:.0f} KiB, {len(snapshot['sections'])} sections, {RUNS} runs"
    )
    print(f"  shape: {shape.summary()}")
    print(f"  full production (claim + snapshot + render + store): best {best:.2f} s, median {median:.2f} s")
    print(f"  snapshot only: best {snap_best * 1000:.0f} ms")
    labels = {
        "bilan": "bilan rendered from its snapshot",
        "frozen": "bilan's HTML frozen, raw WeasyPrint",
        "reference": "reference (same shape, static), raw WeasyPrint",
        "pipeline": "reference through the portal's PDF pipeline",
    }
    counts = {"bilan": pages, "frozen": frozen_pages, "reference": reference_pages, "pipeline": reference_pages}
    for name, label in labels.items():
        count = counts[name]
        print(
            f"  {label}: {count} pages, best {times[name][0]:.2f} s, median {times[name][1]:.2f} s"
            f" -> {rate[name]:.2f} pages/s ({rate[name] / rate['reference']:.0%})"
        )
    print(f"ratio bilan render / reference: {ratio:.2f} (goal ≥ {GOAL:.2f})")
    print(f"like for like, bilan / reference through the same pipeline: {rate['bilan'] / rate['pipeline']:.2f}")
    print("profile (best of runs, s): phase | bilan | frozen HTML | reference")
    for phase, label in PHASES.items():
        values = " | ".join(f"{profile[name].get(phase, 0):.2f}" for name in profile)
        print(f"  {label} | {values}")
    print("heaviest sections (marginal s, HTML kB, SVG path points):")
    for title, seconds, kilobytes, points in sections[:5]:
        print(f"  {title}: {seconds:.2f} s, {kilobytes} kB, {points} points")

    standalone.append_results(_markdown(locals()))


def _markdown(v: dict) -> str:
    from bench.francais import decimal, entier, pourcentage
    from bench.pdf_profile import PHASES

    rate, times, profile = v["rate"], v["times"], v["profile"]
    counts = {"bilan": v["pages"], "frozen": v["frozen_pages"], "reference": v["reference_pages"]}
    counts["pipeline"] = v["reference_pages"]
    labels = {
        "reference": "Référence : WeasyPrint seul, HTML statique de même forme",
        "pipeline": "Même référence rendue par la chaîne PDF du portail (polices, feuilles, ramasse-miettes)",
        "frozen": "HTML du bilan figé dans un fichier, WeasyPrint seul",
        "bilan": "Rendu du bilan depuis son instantané",
    }

    def median_share(name):
        return (counts[name] / times[name][1]) / (counts["reference"] / times["reference"][1])

    lines = [
        "\n## Bilan semestriel régional (PDF)\n",
        f"{RUNS} passages, à tour de rôle. Ratio : pages/s rapportées à celles de la référence, au meilleur des "
        "passages (l'objectif) et aux médianes.",
        "",
        "| Mesure | Pages | Meilleur (s) | Médiane (s) | Pages/s | Ratio | Ratio des médianes "
        f"| Objectif ≥ {pourcentage(GOAL)} |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, label in labels.items():
        share = rate[name] / rate["reference"]
        goal = ("atteint" if share >= GOAL else "**non atteint**") if name == "bilan" else "—"
        lines.append(
            f"| {label} | {counts[name]} | {decimal(times[name][0], 2)} | {decimal(times[name][1], 2)} "
            f"| {decimal(rate[name], 2)} | {pourcentage(share)} | {pourcentage(median_share(name))} | {goal} |"
        )
    full = v["pages"] / v["best"]
    lines.append(
        f"| Production complète (instantané + rendu + stockage) | {v['pages']} | {decimal(v['best'], 2)} "
        f"| {decimal(v['median'], 2)} | {decimal(full, 2)} | {pourcentage(full / rate['reference'])} | — | — |"
    )
    lines += [
        "",
        f"À chaîne égale (la référence rendue elle aussi par `config.pdf.html_to_pdf`), le bilan fait "
        f"{pourcentage(rate['bilan'] / rate['pipeline'])} de la référence : c'est ce que coûtent son contenu et sa "
        "structure propres, une fois les gains de la chaîne (polices et feuilles de style partagées, ramasse-miettes "
        "cadencé) accordés aux deux.",
        "",
        f"Forme commune (mesurée sur le HTML du bilan, reproduite en lorem ipsum et polygones synthétiques) : "
        f"{v['shape'].summary()} ; mêmes feuilles d'impression (print.css, demo.css) et polices Marianne. "
        f"Instantané seul : {v['snap_best'] * 1000:.0f} ms ; base SQLite, géographie réelle de la région "
        f"{settings.REFERENCE_REGION}, zonage et plan de démonstration (FICTIFS).",
        "",
        "### Profil (meilleur des passages, secondes)",
        "",
        "| Phase | Bilan (chaîne du portail) | HTML figé (chaîne du portail) | Référence (WeasyPrint seul) |",
        "|---|---:|---:|---:|",
    ]
    for phase, label in PHASES.items():
        lines.append(f"| {label} | " + " | ".join(decimal(profile[name].get(phase, 0), 2) for name in profile) + " |")
    lines.append("| Total | " + " | ".join(decimal(profile[name]["total"], 2) for name in profile) + " |")
    lines += [
        "",
        "Sections les plus lourdes (coût marginal : le bilan avec cette seule section moins le bilan sans section) :",
        "",
        "| Section | Coût (s) | HTML (ko) | Points des tracés SVG |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {title} | {decimal(seconds, 2)} | {kb} | {entier(points)} |"
        for title, seconds, kb, points in v["sections"][:5]
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
