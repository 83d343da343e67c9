"""Benchmark: one update of the zonage scenario simulator (a TVS moved to another zone, the row and the counters
sent back to htmx) at regional scale, as the siège agent. Goal of issue #19: ≤ 200 ms. Prints figures, asserts
nothing (`make bench`).

Uses a throwaway SQLite database with the real geography of the reference region (import_territoires), its
demonstration TVS and the demonstration arrêtés (fictitious, as in `make demo`): the simulator starts from the
doctors' arrêté in force, every TVS of the region in its table.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import standalone  # noqa: E402

WORKDIR = standalone.bootstrap("simulateur")

from django.conf import settings  # noqa: E402

UPDATES = int(os.environ.get("BENCH_SIMULATEUR_UPDATES", "40"))
GOAL_MS = 200


def setup_data() -> None:
    standalone.import_geography()
    standalone.demo_zonage(WORKDIR)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    start = time.perf_counter()
    setup_data()
    print(f"setup (geography, TVS and demo arrêtés of region {settings.REFERENCE_REGION}): ", end="")
    print(f"{time.perf_counter() - start:.1f} s")

    from django.test import Client
    from django.urls import reverse

    from comptes.models import User
    from zonage.enums import Granularite
    from zonage.models import ArreteZonage
    from zonage.services.scenarios import scenario_create

    siege = User.objects.get(email="siege@demo.ars.fr")
    base = (
        ArreteZonage.objects.filter(region__code=settings.REFERENCE_REGION, profession__granularite=Granularite.TVS)
        .exclude(classements__tvs=None)
        .order_by("-date_effet")
        .first()
    )
    if base is None:
        print("no demonstration arrêté by TVS: nothing to measure")
        return
    scenario = scenario_create(base=base, nom="Banc de mesure", by=siege)
    rows = list(scenario.classements.values_list("tvs_id", "zone__code"))
    zones = list(base.profession.zones.order_by("ordre").values_list("code", flat=True))
    client = Client()
    client.force_login(siege)
    client.get(reverse("zonage:scenario_detail", args=[scenario.public_id]))  # warm caches, as a user's first view

    durations = []
    for index in range(UPDATES):
        tvs_id, zone = rows[index % len(rows)]
        target = zones[(zones.index(zone) + 1 + index // len(rows)) % len(zones)]
        url = reverse("zonage:scenario_tvs", args=[scenario.public_id, tvs_id])
        begin = time.perf_counter()
        response = client.post(url, {"zone": target}, HTTP_HX_REQUEST="true")
        durations.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, response.status_code
    p50, p95 = statistics.median(durations), percentile(durations, 0.95)
    print(f"simulator: {len(rows)} TVS, {UPDATES} updates, p50 {p50:.0f} ms, p95 {p95:.0f} ms (goal ≤ {GOAL_MS} ms)")
    standalone.append_results(
        "\n## Simulateur de zonage : une mise à jour (htmx)\n\n"
        "| TVS du scénario | Mises à jour | p50 (ms) | p95 (ms) | Objectif p95 ≤ 200 ms |\n"
        "|---:|---:|---:|---:|---|\n"
        f"| {len(rows)} | {UPDATES} | {p50:.0f} | {p95:.0f} "
        f"| {'atteint' if p95 <= GOAL_MS else '**non atteint**'} |\n"
        "\nUne TVS change de zone, la ligne et les compteurs reviennent (client de test Django, sans "
        "réseau) ; base SQLite, géographie réelle et TVS de démonstration de la région "
        f"{settings.REFERENCE_REGION}, arrêtés FICTIFS de la démonstration.\n"
    )


if __name__ == "__main__":
    main()
