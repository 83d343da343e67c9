"""Static SVG maps projected from GeoJSON contours (WGS 84), for pages and PDFs."""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

GREY = "#666666"


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def project_paths(geometries: dict[str, dict], *, width: int = 480, tolerance: float = 0.8):
    """Project GeoJSON (WGS 84) geometries to SVG path data fitting `width` pixels.

    Equirectangular projection around the mean latitude (fine at regional scale); points closer than
    `tolerance` pixels to the previous kept point are dropped. Returns ({code: path_d}, (width, height)).
    """
    import math

    points = [point for geometry in geometries.values() for ring in _rings(geometry) for point in ring]
    if not points:
        return {}, (width, 0)
    min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
    min_lat, max_lat = min(p[1] for p in points), max(p[1] for p in points)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = width / max((max_lon - min_lon) * kx, 1e-9)
    height = round((max_lat - min_lat) * scale)
    paths = {}
    for code, geometry in geometries.items():
        parts = []
        for ring in _rings(geometry):
            kept, last = [], None
            for lon, lat, *_ in ring:
                x, y = (lon - min_lon) * kx * scale, (max_lat - lat) * scale
                if last is None or abs(x - last[0]) + abs(y - last[1]) >= tolerance:
                    kept.append((x, y))
                    last = (x, y)
            if len(kept) >= 3:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
        paths[code] = "".join(parts)
    return paths, (width, height)


def map_svg(
    shapes: Sequence[dict],
    *,
    width: int,
    height: int,
    title: str,
    legend: Sequence[tuple[str, str]] = (),
    font_size: float = 9,
) -> SafeString:
    """A static map: `shapes` are {chemin, couleur, libelle} (path data from `project_paths`), with a legend
    of (label, colour) pairs under the map."""
    if not shapes:
        return mark_safe("")
    legend_height = (font_size + 6) * len(legend) + 4 if legend else 0
    total = height + legend_height + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="{width}" height="{total}" '
        f'viewBox="0 0 {width} {total}" font-family="Marianne, DejaVu Sans, sans-serif" font-size="{font_size}">',
        f"<title>{escape(title)}</title>",
        "<desc>" + escape(" ; ".join(shape["libelle"] for shape in shapes)) + "</desc>",
    ]
    for shape in shapes:
        parts.append(
            f'<path d="{escape(shape["chemin"])}" fill="{escape(shape["couleur"])}" stroke="#ffffff" '
            f'stroke-width="0.6" fill-rule="evenodd"><title>{escape(shape["libelle"])}</title></path>'
        )
    for index, (label, color) in enumerate(legend):
        y = height + 8 + index * (font_size + 6)
        parts.append(
            f'<rect x="0" y="{y}" width="{font_size}" height="{font_size}" fill="{escape(color)}" stroke="#929292" '
            'stroke-width="0.5"/>'
        )
        parts.append(f'<text x="{font_size + 4}" y="{y + font_size - 1}" fill="#161616">{escape(label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
