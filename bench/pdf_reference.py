"""The reference of the bilan PDF benchmark: raw WeasyPrint on a static HTML document of the same page count, tables
and SVG charts (issue 16 §3), built generically.

`measure(html)` reads the shape of any HTML document: its tables (rows × columns, mean cell text), its SVG images
(size, number of rects, texts and titles, the point count of each path), its running text. `reference_html(shape,
sections)` writes a document of that shape from nothing but lorem ipsum and synthetic polygons, with the shared print
style sheets (`pdf/print.css`: page, fonts, counters; `pdf/demo.css`: the demonstration mark on every page) and no
template, no data, no Python chart code of the portal. `matching_reference(shape, pages)` adjusts the page breaks until
WeasyPrint prints exactly `pages` pages. The reference therefore stays a reference: what the bilan adds over it is its
own cost (template, charts, structure), whatever the bilan holds.
"""

import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO

LOREM = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore "
    "magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo "
)
PATH_POINT = re.compile(r"-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?")


@dataclass
class Table:
    rows: int = 0
    columns: int = 0
    cell_chars: int = 0


@dataclass
class Svg:
    size: tuple[float, float] = (0, 0)  # width, height (px)
    rects: int = 0
    texts: int = 0
    titles: int = 0
    paths: list[int] = field(default_factory=list)  # points of each path
    polygons: list[int] = field(default_factory=list)  # sub-paths (polygons) of each path
    text_chars: int = 0  # titles, description and labels

    @property
    def elements(self) -> int:
        return self.rects + self.texts + self.titles + len(self.paths)


@dataclass
class Shape:
    tables: list[Table] = field(default_factory=list)
    svgs: list[Svg] = field(default_factory=list)
    text_chars: int = 0  # running text outside tables and SVG images
    blocks: int = 0  # paragraphs, list items, headings

    def summary(self) -> str:
        from bench.francais import entier

        rows = sum(table.rows for table in self.tables)
        points = sum(sum(svg.paths) for svg in self.svgs)
        elements = sum(svg.elements for svg in self.svgs)
        return (
            f"{len(self.tables)} tableaux ({rows} lignes), {len(self.svgs)} SVG ({elements} éléments, "
            f"{sum(len(svg.paths) for svg in self.svgs)} tracés, {entier(sum(sum(svg.polygons) for svg in self.svgs))} "
            f"polygones, {entier(points)} points), "
            f"{entier(self.text_chars)} caractères de texte courant"
        )


class _Reader(HTMLParser):
    BLOCKS = {"p", "li", "h1", "h2", "h3", "dt", "dd", "caption", "figcaption"}

    def __init__(self):
        super().__init__()
        self.shape = Shape()
        self.table: Table | None = None
        self.svg: Svg | None = None
        self.in_cell = False
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "svg" and self.svg is None:
            self.svg = Svg((float(attrs.get("width") or 0), float(attrs.get("height") or 0)))
        elif self.svg is not None:
            if tag == "rect":
                self.svg.rects += 1
            elif tag == "text":
                self.svg.texts += 1
            elif tag == "title":
                self.svg.titles += 1
            elif tag == "path":
                self.svg.paths.append(len(PATH_POINT.findall(attrs.get("d") or "")))
                self.svg.polygons.append(max((attrs.get("d") or "").count("M"), 1))
        elif tag == "table":
            self.table = Table()
        elif tag == "tr" and self.table is not None:
            self.table.rows += 1
            self.table.columns = 0
        elif tag in ("td", "th") and self.table is not None:
            self.table.columns += int(attrs.get("colspan") or 1)
            self.in_cell = True
        elif tag in self.BLOCKS:
            self.shape.blocks += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "svg" and self.svg is not None:
            self.shape.svgs.append(self.svg)
            self.svg = None
        elif tag == "table" and self.table is not None:
            self.shape.tables.append(self.table)
            self.table = None
        elif tag in ("td", "th"):
            self.in_cell = False

    def handle_data(self, data):
        chars = len(" ".join(data.split()))
        if self.svg is not None:
            self.svg.text_chars += chars
        if self.in_head or self.svg is not None or not chars:
            return
        if self.table is not None and self.in_cell:
            self.table.cell_chars += chars
        elif self.table is None:
            self.shape.text_chars += chars


def measure(html: str) -> Shape:
    reader = _Reader()
    reader.feed(html)
    return reader.shape


def _lorem(chars: int, offset: int = 0) -> str:
    text = LOREM * (chars // len(LOREM) + 2)
    start = offset % len(LOREM)
    return text[start : start + max(chars, 1)].strip() or "lorem"


def _polygon(points: int, cx: float, cy: float, radius: float, seed: int) -> str:
    """A closed star-like polygon of `points` vertices (a commune or département contour of that many points)."""
    vertices = []
    for index in range(max(points, 3)):
        angle = 2 * math.pi * index / max(points, 3)
        wobble = 0.75 + 0.25 * math.sin(index * 7.3 + seed)
        vertices.append(f"{cx + radius * wobble * math.cos(angle):.1f},{cy + radius * wobble * math.sin(angle):.1f}")
    return "M" + "L".join(vertices) + "Z"


def _svg(svg: Svg, index: int) -> str:
    width, height = svg.size[0] or 360, svg.size[1] or 200
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" font-family="Marianne, DejaVu Sans, sans-serif" font-size="9">',
        f"<title>Figure {index}</title><desc>{_lorem(max(svg.text_chars - 20 * svg.texts, 80), index)}</desc>",
    ]
    titles = max(svg.titles - 1 - len(svg.paths), 0)
    polygons = sum(svg.polygons)
    columns = max(1, math.ceil(math.sqrt(polygons or 1)))
    cell = min(width, height) / columns if polygons else 0
    placed = 0
    for number, (points, count) in enumerate(zip(svg.paths, svg.polygons, strict=True)):
        # `count` polygons sharing the path's `points`, on a grid as a map's territories are.
        subpaths = []
        for part in range(count):
            x, y = ((placed + part) % columns + 0.5) * cell, ((placed + part) // columns + 0.5) * cell
            share = points // count + (1 if part < points % count else 0)
            subpaths.append(_polygon(share, x, y, cell * 0.55, placed + part))
        placed += count
        parts.append(
            f'<path d="{"".join(subpaths)}" fill="#6a8eff" stroke="#ffffff" '
            f'stroke-width="0.6" fill-rule="evenodd"><title>Forme {number}</title></path>'
        )
    for number in range(svg.rects):
        y = (number * 14) % max(height - 12, 14)
        parts.append(
            f'<rect x="0" y="{y}" width="{(number * 37) % int(width * 0.8) + 10}" height="10" fill="#000091"/>'
        )
    for number in range(svg.texts):
        y = (number * 14) % max(height - 12, 14) + 9
        parts.append(f'<text x="{width * 0.6:g}" y="{y}" fill="#161616">{_lorem(18, number)}</text>')
    parts += [f"<title>Titre {number}</title>" for number in range(titles)]
    parts.append("</svg>")
    return "".join(parts)


def _table(table: Table, index: int) -> str:
    columns = max(table.columns, 1)
    cell = max(table.cell_chars // max(table.rows * columns, 1), 1)
    head = "".join(f"<th>{_lorem(min(cell, 14), c)}</th>" for c in range(columns))
    body = "".join(
        "<tr>" + "".join(f"<td>{_lorem(cell, r * columns + c)}</td>" for c in range(columns)) + "</tr>"
        for r in range(max(table.rows - 1, 0))
    )
    return f"<table><caption>Tableau {index}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def reference_html(shape: Shape, sections: int, static_base: str) -> str:
    """A static document of `shape`, its blocks spread over `sections` sections each starting a new page."""
    blocks = max(shape.blocks, 1)
    paragraph = max(shape.text_chars // blocks, 1)
    items = [f"<p>{_lorem(paragraph, n)}</p>" for n in range(blocks)]
    # Tables and figures spread evenly in the running text, as a report does; then cut into `sections` sections.
    inserts = [_table(table, n) for n, table in enumerate(shape.tables)]
    inserts += [f"<figure>{_svg(svg, n)}</figure>" for n, svg in enumerate(shape.svgs)]
    for number, insert in enumerate(inserts):
        items.insert(round((number + 1) * len(items) / (len(inserts) + 1)), insert)
    sections = max(sections, 1)
    per = math.ceil(len(items) / sections)
    body = "".join(
        f"<section style='break-before: page'><h2>Section {n}</h2>{''.join(items[n * per : (n + 1) * per])}</section>"
        for n in range(sections)
        if items[n * per : (n + 1) * per]
    )
    return (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Document de référence</title>"
        f'<link rel="stylesheet" href="{static_base}pdf/print.css">'
        f'<link rel="stylesheet" href="{static_base}pdf/demo.css">'
        "</head><body><p class='pdf-demo-mark'>Données fictives — démonstration</p>"
        f"<h1>Document de référence</h1>{body}</body></html>"
    )


def matching_reference(shape: Shape, pages: int, render) -> tuple[str, int]:
    """The reference HTML whose PDF (`render(html) -> bytes`) has `pages` pages, or the closest one found."""
    from pypdf import PdfReader

    sections, best = max(pages - 2, 1), None
    for _ in range(8):
        html = reference_html(shape, sections, _static_base())
        got = len(PdfReader(BytesIO(render(html))).pages)
        if best is None or abs(got - pages) < abs(best[1] - pages):
            best = (html, got)
        if got == pages:
            break
        sections = max(1, sections + (pages - got))
    return best


def _static_base() -> str:
    from config.pdf import STATIC_BASE

    return STATIC_BASE
