"""The national-scale FICTITIOUS data set for the benchmarks (`make bench-data`, `python -m bench.dataset`).

Real geography (all of France, or one region), invented programmes on top: organisations and accounts of every
ARS, collectivités, CLS with their fiches actions, CPTS with their filings and missions, MSP and centres de santé,
zonage arrêtés, indicator values, the funding ledger, the reference region's plan in use. Every generated row is
marked fictitious (`is_fictif`/`fictif`, « (fictif) » in names, e-mails at @bench.invalid) and an `ImportRun` of
kind `bench-dataset` records what was built. Deterministic: the same seed on an empty database writes the same
rows (the generator is seeded, ids are chosen here, timestamps come from a fixed reference instant).
"""

import time
from dataclasses import dataclass, field
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from bench.dataset.config import REFERENCE_REGION, SCALES, Config, tiny
from bench.dataset.context import Context
from territoires.regions import derive_regions

MARKER = "bench-dataset"
CONTOURS = [
    ("region-centre-val-de-loire.geojson", "region"),
    ("departements-centre-val-de-loire.geojson", "departement"),
    ("communes-centre-val-de-loire.simplified.geojson", "commune"),
]

__all__ = ["MARKER", "SCALES", "Build", "Config", "build", "tiny"]


@dataclass
class Build:
    config: Config
    seed: int
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    context: Context | None = None

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def build(config: Config, *, seed: int = 1, geography: bool = True, contours: bool = True, log=None) -> Build:
    """Build the data set on the current (empty) database, in one transaction."""
    from bench.dataset.cls import create_cls
    from bench.dataset.cpts import create_cpts, create_structures
    from bench.dataset.dossiers import Dossiers
    from bench.dataset.geo import import_geography
    from bench.dataset.indicateurs import create_indicateurs
    from bench.dataset.ledger import create_ledger
    from bench.dataset.people import People, create_people
    from bench.dataset.plan import create_plan
    from bench.dataset.zonage import create_zonage
    from territoires.models import ImportRun

    result = Build(config, seed)
    log = log or (lambda message: None)

    def step(name, function, *args):
        started = time.perf_counter()
        value = function(*args)
        result.timings[name] = time.perf_counter() - started
        log(f"  {name:<28} {result.timings[name]:7.1f} s")
        return value

    with transaction.atomic():
        if geography:
            step("geography (real, + TVS)", import_geography, config.geography)
        if contours and (config.regions is None or REFERENCE_REGION in config.regions):
            step("contours (reference region)", _contours)
        ctx = Context(config, seed)
        result.context = ctx
        step("read geography", ctx.load_geography)
        step("accounts", create_people, ctx)
        porteurs, dossiers, programmes = People(ctx), Dossiers(ctx), []
        cls_batch = step("CLS (collect)", create_cls, ctx, dossiers, programmes)
        cpts_batch = step("CPTS (collect)", create_cpts, ctx, porteurs, dossiers, programmes)
        structures = step("MSP, centres, ESP (collect)", create_structures, ctx, porteurs)
        step("porteurs", porteurs.write)
        step("dossiers", dossiers.write)
        for name, batch in (("CLS", cls_batch), ("CPTS", cpts_batch), ("MSP, centres, ESP", structures)):
            step(name, batch.write, ctx.writer)
        step("zonage", lambda: create_zonage(ctx).write(ctx.writer))
        step("indicators", lambda: create_indicateurs(ctx, programmes).write(ctx.writer))
        step("ledger", lambda: create_ledger(ctx).write(ctx.writer))
        step("plan and feuilles de route", lambda: create_plan(ctx).write(ctx.writer))
        step("derived regions", derive_regions)
        ctx.writer.reset_sequences()
        result.counts = dict(sorted(ctx.writer.counts.items()))
        ImportRun.objects.create(
            kind=MARKER,
            source=f"Données FICTIVES générées (bench/dataset, graine {seed}) sur la géographie réelle",
            scope=config.name,
            counts={"seed": seed, "rows": result.rows, **result.counts},
        )
    if connection.vendor == "postgresql":
        step("ANALYZE", _analyze)
    return result


def _contours() -> None:
    for filename, level in CONTOURS:
        call_command("import_contours", str(settings.GEO_DATA_DIR / filename), "--niveau", level, stdout=StringIO())


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
