"""Which communes touch: computed from the imported commune contours, stored in `CommuneVoisine`.

Rule (documented in the README): two communes are neighbours when their contours share at least one vertex, after
rounding coordinates to 1e-4 degree (about 10 m, the precision of the simplified IGN file of `data/geo/`, which
mapshaper simplified keeping shared borders identical). A commune without a contour has no neighbour. EPCI (and any
grouping of communes) are neighbours when one of their communes touches one of the other's.
"""

from collections import defaultdict

from django.db import transaction

from territoires.enums import ContourLevel
from territoires.models import Commune, CommuneVoisine, Contour

PRECISION = 4  # decimals of a degree kept when comparing vertices


def _rings(geometry: dict):
    polygons = (
        [geometry.get("coordinates") or []] if geometry.get("type") == "Polygon" else geometry.get("coordinates") or []
    )
    for polygon in polygons:
        yield from polygon


def pairs_from_contours(contours: dict[str, dict]) -> set[tuple[str, str]]:
    """{(code_a, code_b)} with code_a < code_b, for every two contours sharing a rounded vertex."""
    by_vertex: dict[tuple[float, float], set[str]] = defaultdict(set)
    for code, geometry in contours.items():
        for ring in _rings(geometry):
            for lon, lat, *_ in ring:
                by_vertex[(round(lon, PRECISION), round(lat, PRECISION))].add(code)
    pairs = set()
    for codes in by_vertex.values():
        if len(codes) > 1:
            ordered = sorted(codes)
            pairs.update((a, b) for index, a in enumerate(ordered) for b in ordered[index + 1 :])
    return pairs


@transaction.atomic
def voisinages_recompute() -> int:
    """Replace every stored neighbourhood by the one the current commune contours give; return the pair count."""
    contours = dict(Contour.objects.filter(level=ContourLevel.COMMUNE).values_list("code", "geometry"))
    ids = dict(Commune.objects.filter(code_insee__in=list(contours)).values_list("code_insee", "id"))
    pairs = [(ids[a], ids[b]) for a, b in pairs_from_contours(contours) if a in ids and b in ids]
    CommuneVoisine.objects.all().delete()
    CommuneVoisine.objects.bulk_create(
        [CommuneVoisine(commune_id=a, voisine_id=b) for a, b in pairs]
        + [CommuneVoisine(commune_id=b, voisine_id=a) for a, b in pairs],
        batch_size=2000,
    )
    return len(pairs)
