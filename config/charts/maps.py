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


class _Projection:
    """Equirectangular projection around the mean latitude of the geometries (fine at regional scale)."""

    def __init__(self, geometries: dict[str, dict], width: int):
        import math

        points = [point for geometry in geometries.values() for ring in _rings(geometry) for point in ring]
        self.empty = not points
        if self.empty:
            self.width, self.height = width, 0
            return
        self.min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
        min_lat, self.max_lat = min(p[1] for p in points), max(p[1] for p in points)
        self.kx = math.cos(math.radians((min_lat + self.max_lat) / 2))
        self.scale = width / max((max_lon - self.min_lon) * self.kx, 1e-9)
        self.width, self.height = width, round((self.max_lat - min_lat) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.min_lon) * self.kx * self.scale, (self.max_lat - lat) * self.scale


def _segment_distance(point, start, end) -> float:
    """Distance from `point` to the segment [start, end]."""
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    if not length:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def _douglas_peucker(points: list, tolerance: float) -> list:
    """The vertices of an open polyline kept by Douglas–Peucker: every dropped vertex lies within `tolerance` of
    the simplified line. Iterative (a commune's contour has thousands of vertices)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            current = _segment_distance(points[index], points[first], points[last])
            if current > distance:
                farthest, distance = index, current
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: list, tolerance: float) -> list:
    """A closed ring (projected points, the last one may repeat the first) simplified by Douglas–Peucker within
    `tolerance` pixels; never less than a triangle, so that the smallest territory keeps a visible shape."""
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    if len(points) <= 3:
        return points
    start = points[0]
    # Split the ring at the vertex farthest from its first one: two open polylines to simplify.
    split = max(range(len(points)), key=lambda i: (points[i][0] - start[0]) ** 2 + (points[i][1] - start[1]) ** 2)
    kept = (
        _douglas_peucker(points[: split + 1], tolerance)[:-1]
        + _douglas_peucker(points[split:] + [start], tolerance)[:-1]
    )
    if len(kept) < 3:  # a territory smaller than the tolerance: its two extremes and the vertex farthest from them
        third = max(points, key=lambda point: _segment_distance(point, start, points[split]))
        kept = [start, points[split], third] if third not in (start, points[split]) else points[:3]
    return kept


def _path(projection: _Projection, geometry: dict, tolerance: float, simplify: float = 0) -> str:
    parts = []
    for ring in _rings(geometry):
        if simplify:
            kept = simplify_ring([projection(lon, lat) for lon, lat, *_ in ring], simplify)
        else:
            kept, last = [], None
            for lon, lat, *_ in ring:
                x, y = projection(lon, lat)
                if last is None or abs(x - last[0]) + abs(y - last[1]) >= tolerance:
                    kept.append((x, y))
                    last = (x, y)
        if len(kept) >= 3:
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
    return "".join(parts)


def project_paths(geometries: dict[str, dict], *, width: int = 480, tolerance: float = 0.8, simplify: float = 0):
    """Project GeoJSON (WGS 84) geometries to SVG path data fitting `width` pixels.

    Equirectangular projection around the mean latitude (fine at regional scale); points closer than
    `tolerance` pixels to the previous kept point are dropped, or, with `simplify` (pixels), each ring is simplified
    by Douglas–Peucker within that distance and keeps at least a triangle (print: every territory drawn, with as
    few points as the printed size needs). Returns ({code: path_d}, (width, height)).
    """
    paths, _, size = project(geometries, width=width, tolerance=tolerance, simplify=simplify)
    return paths, size


def project(
    geometries: dict[str, dict],
    *,
    points: dict[str, tuple[float, float]] | None = None,
    width: int = 480,
    tolerance: float = 0.8,
    simplify: float = 0,
):
    """Like `project_paths`, and also project points ({key: (lon, lat)}) with the same transform; points outside the
    geometries' extent are kept (the caller decides). Returns (paths, projected points, (width, height))."""
    projection = _Projection(geometries, width)
    if projection.empty:
        return {}, {}, (width, 0)
    paths = {code: _path(projection, geometry, tolerance, simplify) for code, geometry in geometries.items()}
    projected = {key: projection(lon, lat) for key, (lon, lat) in (points or {}).items()}
    return paths, projected, (projection.width, projection.height)


def centroid(geometry: dict) -> tuple[float, float] | None:
    """Mean of the vertices of the largest outer ring: good enough to place a marker in a commune."""
    rings = []
    if geometry.get("type") == "Polygon":
        rings = (geometry.get("coordinates") or [])[:1]
    elif geometry.get("type") == "MultiPolygon":
        rings = [polygon[0] for polygon in geometry.get("coordinates") or [] if polygon]
    ring = max(rings, key=len, default=[])
    if not ring:
        return None
    return sum(point[0] for point in ring) / len(ring), sum(point[1] for point in ring) / len(ring)


def _merged(shapes: Sequence[dict]) -> list[dict]:
    """One shape per (colour, outline), in the order of their first territory; its label counts the territories."""
    groups: dict[tuple, list[dict]] = {}
    for shape in shapes:
        groups.setdefault((shape["couleur"], shape.get("contour")), []).append(shape)
    return [
        {
            "chemin": "".join(shape["chemin"] for shape in members),
            "couleur": colour,
            "contour": contour,
            "libelle": members[0]["libelle"] if len(members) == 1 else f"{len(members)} territoires",
        }
        for (colour, contour), members in groups.items()
    ]


def map_svg(
    shapes: Sequence[dict],
    *,
    width: int,
    height: int,
    title: str,
    legend: Sequence[tuple[str, str]] = (),
    font_size: float = 9,
    points: Sequence[dict] = (),
    merge: bool = False,
) -> SafeString:
    """A static map: `shapes` are {chemin, couleur, libelle} (path data from `project_paths`; an optional `contour`
    colour draws a thicker outline), `points` are {x, y, couleur, libelle} markers, with a legend of (label, colour)
    pairs under the map.

    `merge` (print): the shapes of one colour are drawn as one path of as many sub-paths, each still outlined, so
    the map looks the same with a few elements instead of one per territory (a region's 1 800 communes); every
    territory's label stays in the map's description. Pages keep one path per shape, for its tooltip."""
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
    for shape in _merged(shapes) if merge else shapes:
        stroke, stroke_width = (shape["contour"], 1.6) if shape.get("contour") else ("#ffffff", 0.6)
        parts.append(
            f'<path d="{escape(shape["chemin"])}" fill="{escape(shape["couleur"])}" stroke="{escape(stroke)}" '
            f'stroke-width="{stroke_width}" fill-rule="evenodd"><title>{escape(shape["libelle"])}</title></path>'
        )
    for point in points:
        parts.append(
            f'<circle cx="{point["x"]:.1f}" cy="{point["y"]:.1f}" r="3.5" fill="{escape(point["couleur"])}" '
            f'stroke="#ffffff" stroke-width="1"><title>{escape(point["libelle"])}</title></circle>'
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
