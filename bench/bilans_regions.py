"""`make bench`: the semester bilan of every region at once, produced by a real Celery worker (issue 16 §3–4).

On the bench database (DATABASE_URL, built by `make bench-data`) and its broker (CELERY_BROKER_URL, Redis), one
bilan is requested per region (as the bilans page does: `bilan_request`, queued after commit), a worker is started
(`celery -A config worker`, 2 processes as `make worker`), and the script waits until every bilan is ready or
failed, sampling the resident memory of the worker's processes. Prints, and appends to bench/results/latest.md:
the total wall time, each region's production time and page count, and the peak RSS of one worker process (the
goal: ≤ 500 MB for the largest region). Asserts nothing. The progress of each bilan is the one the bilan's page
shows (`progress`, polled by htmx).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.francais import decimal  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
RESULTS = ROOT / "bench" / "results" / "latest.md"
RSS_GOAL_MB = 500


def _children(pid: int) -> list[int]:
    """The process and all its descendants (read from /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [pid], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench/bilans_regions.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--semestre", default="", help="default: the last semester ended before today")
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes (as `make worker`)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before giving up")
    options = parser.parse_args(argv)
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
        print("bench/bilans_regions.py : CELERY_BROKER_URL (Redis) requis, mesure omise.")
        return 0
    media = tempfile.mkdtemp(prefix="bench-bilans-")
    os.environ["MEDIA_ROOT"] = media

    import django

    django.setup()
    from django.utils import timezone

    from acces_soins.enums import OrigineBilan
    from acces_soins.models import BilanSemestriel
    from acces_soins.periods import Perimetre, Semestre
    from acces_soins.services.bilans import bilan_request
    from territoires.models import Region

    today = timezone.localdate()
    semestre = Semestre.parse(options.semestre) if options.semestre else Semestre.last_ended_before(today)
    regions = list(Region.objects.order_by("code").values_list("code", "nom"))
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency", str(options.concurrency),
         "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "MEDIA_ROOT": media},
    )  # fmt: skip
    peak_process, peak_total = 0.0, 0.0
    try:
        time.sleep(3)  # the worker is up and listening before the requests
        started = time.perf_counter()
        ids = [
            bilan_request(perimetre=Perimetre.region(code), semestre=semestre, origine=OrigineBilan.COMMANDE).pk
            for code, _ in regions
        ]
        bilans = BilanSemestriel.objects.filter(pk__in=ids)
        while time.perf_counter() - started < options.timeout:
            sizes = [_rss_mb(pid) for pid in _children(worker.pid)]
            peak_process, peak_total = max(peak_process, *sizes, 0.0), max(peak_total, sum(sizes))
            if all(bilan.is_finished for bilan in bilans.all()):
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    names = dict(regions)
    rows = [
        "",
        f"## Bilans semestriels de toutes les régions ({len(regions)}) par le worker Celery "
        f"({options.concurrency} processus)",
        "",
        f"Semestre {semestre}, demandés ensemble ; durée totale {decimal(elapsed)} s ; mémoire résidente maximale d'un "
        f"processus du worker {peak_process:.0f} Mo (objectif ≤ {RSS_GOAL_MB} Mo : "
        f"{'atteint' if peak_process <= RSS_GOAL_MB else '**non atteint**'}), de l'ensemble du worker "
        f"{peak_total:.0f} Mo.",
        "",
        "| Région | Statut | Pages | Production (s) |",
        "|---|---|---:|---:|",
    ]
    for bilan in bilans.order_by("perimetre_code"):
        done = bilan.finished_at and bilan.started_at
        duration = (bilan.finished_at - bilan.started_at).total_seconds() if done else 0
        rows.append(
            f"| {names.get(bilan.perimetre_code, bilan.perimetre_code)} | {bilan.get_statut_display()} "
            f"| {bilan.page_count or '—'} | {decimal(duration)} |"
        )
    text = "\n".join(rows) + "\n"
    print(text)
    if RESULTS.exists():
        with RESULTS.open("a", encoding="utf-8") as results:
            results.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
