"""Demonstration TVS built by a documented, deterministic rule (no official list offline).

Rule: one TVS per EPCI (its communes inside the region); an EPCI of more than
50 000 inhabitants is split into ceil(population / 50 000) groups of consecutive INSEE
codes of roughly equal population. Each TVS is named after its most populated commune
and coded with that commune's INSEE code prefixed by "D" (for "démonstration").
Communes without an EPCI form one TVS each. The result is NOT the DREES list.
"""

import csv
import math
from pathlib import Path

from territoires.importers import TVS_COLUMNS
from territoires.models import Commune

SPLIT_ABOVE = 50_000


def _split(communes: list[Commune]) -> list[list[Commune]]:
    total = sum(commune.population or 0 for commune in communes)
    groups_count = max(1, math.ceil(total / SPLIT_ABOVE))
    if groups_count == 1:
        return [communes]
    target = total / groups_count
    groups, current, accumulated = [], [], 0
    for commune in communes:
        current.append(commune)
        accumulated += commune.population or 0
        if accumulated >= target * (len(groups) + 1) and len(groups) < groups_count - 1:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def demo_tvs_rows(region_code: str) -> list[tuple[str, str, str]]:
    communes = Commune.objects.filter(departement__region__code=region_code).order_by("code_insee")
    by_epci: dict[object, list[Commune]] = {}
    for commune in communes.only("code_insee", "nom", "population", "epci_id"):
        key = commune.epci_id or f"commune-{commune.code_insee}"
        by_epci.setdefault(key, []).append(commune)
    rows = []
    for members in by_epci.values():
        for group in _split(members):
            pole = max(group, key=lambda commune: (commune.population or 0, commune.code_insee))
            code, name = f"D{pole.code_insee}", f"TVS de {pole.nom} (démonstration)"
            rows.extend((commune.code_insee, code, name) for commune in group)
    return sorted(rows)


def write_demo_tvs_csv(region_code: str, output: Path) -> int:
    rows = demo_tvs_rows(region_code)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(TVS_COLUMNS)
        writer.writerows(rows)
    return len({row[1] for row in rows})
