"""Where a PDF's time goes: `phases()` times the steps of one rendering, Django's and WeasyPrint's, by wrapping the
functions WeasyPrint's `Document` calls in turn (bench only; the wrappers are removed on exit)."""

import time
from collections import defaultdict
from contextlib import contextmanager

PHASES = {
    "template": "Gabarit Django (HTML)",
    "parse": "WeasyPrint : analyse du HTML",
    "styles": "WeasyPrint : feuilles de style et cascade CSS (polices @font-face)",
    "boxes": "WeasyPrint : arbre des boîtes",
    "layout": "WeasyPrint : mise en page",
    "pdf": "WeasyPrint : dessin et écriture du PDF",
    "other": "Le reste (contexte Python, graphiques SVG, appels)",
}


@contextmanager
def phases():
    """Yield a dict {phase: seconds} filled by the renderings run inside the block."""
    import weasyprint
    from weasyprint import document

    import config.pdf

    totals = defaultdict(float)
    patched = []

    def wrap(owner, name, phase):
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                totals[phase] += time.perf_counter() - start

        patched.append((owner, name, original))
        setattr(owner, name, timed)

    def wrap_generator(owner, name, phase):
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            iterator = original(*args, **kwargs)
            while True:
                start = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    return
                finally:
                    totals[phase] += time.perf_counter() - start
                yield item

        patched.append((owner, name, original))
        setattr(owner, name, timed)

    wrap(config.pdf, "render_to_string", "template")
    wrap(weasyprint.HTML, "__init__", "parse")
    wrap(document, "get_all_computed_styles", "styles")
    wrap(document, "build_formatting_structure", "boxes")
    wrap_generator(document, "layout_document", "layout")
    wrap(document.Document, "write_pdf", "pdf")
    try:
        yield totals
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)


def timed_phases(renders: dict, runs: int) -> dict[str, dict[str, float]]:
    """{name: {phase: seconds}} of each render (`renders`: {name: render()}), taking turns within each run so that
    the shared machine's load spikes hit them alike; each phase keeps its minimum over the runs."""
    best: dict[str, dict[str, float]] = {name: {} for name in renders}
    for _ in range(runs):
        for name, render in renders.items():
            start = time.perf_counter()
            with phases() as totals:
                render()
            totals["total"] = time.perf_counter() - start
            totals["other"] = max(totals["total"] - sum(v for k, v in totals.items() if k != "total"), 0.0)
            for phase, seconds in totals.items():
                best[name][phase] = min(best[name].get(phase, seconds), seconds)
    return best
