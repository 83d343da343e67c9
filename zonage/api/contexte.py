"""What the public commune endpoint's answers share across a région, read once per région, day and version of the
zonage data (zonage.api.cache), then kept in the process: the arrêtés in force, the aids in force with the zones
that open them and their figures from the référentiel, the overlay classifications imported.

A commune's first answer then costs two queries (the commune with its overlays in force, and its classement rows)
instead of eight. A change of the zonage, référentiel or territoires data moves the version, hence the key; bulk
writes send no signal, so an entry also expires after the answers' own lifetime (`cache.TIMEOUT`).
"""

import datetime
import functools
import time
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from referentiel.services import Parametres
from territoires.models import CommuneOverlay
from territoires.services import Overlays
from zonage.api.cache import TIMEOUT
from zonage.enums import Eligibilite
from zonage.models import Aide, ArreteZonage
from zonage.services.aides import OVERLAYS_CFE, montants_des_aides


@dataclass(frozen=True)
class Contexte:
    arretes: list[tuple[int, str]]  # (pk, version_tvs) of the région's arrêtés in force
    aides_par_zone: dict[int, list[Aide]]  # zone category id → its aids in force, by (ordre, code)
    aides_commune: list[Aide]  # the aids opened by a criterion on the commune (EXO-CFE)
    regles: Parametres
    importes: frozenset[str]  # the overlay classifications imported at all


_entries: dict[tuple, tuple[float, Contexte]] = {}


def contexte(region, *, on: datetime.date, version: str | None) -> Contexte:
    """The région's shared data for the answers of day `on` under this version of the zonage data (five queries
    the first time in this process, none after)."""
    if not version:  # no shared cache to hold a version (a dummy backend): nothing to key an entry on
        return _read(region, on=on)
    key = (version, on, region.pk)
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and now - entry[0] < TIMEOUT:
        return entry[1]
    for stale in [k for k, (at, _) in _entries.items() if k[0] != version or now - at >= TIMEOUT]:
        del _entries[stale]
    found = _read(region, on=on)
    _entries[key] = (now, found)
    return found


def _read(region, *, on: datetime.date) -> Contexte:
    arretes = list(ArreteZonage.objects.en_vigueur(on=on).filter(region_id=region.pk).values_list("pk", "version_tvs"))
    aides = list(Aide.objects.en_vigueur(on=on).order_by("ordre", "code"))
    by_pk = {aide.pk: aide for aide in aides}
    aides_par_zone: dict[int, list[Aide]] = {}
    links = Aide.zones.through.objects.filter(aide_id__in=by_pk).values_list("zonecategorie_id", "aide_id")
    for zone_id, aide_id in links:
        aides_par_zone.setdefault(zone_id, []).append(by_pk[aide_id])
    order = {aide.pk: index for index, aide in enumerate(aides)}
    for zone_aides in aides_par_zone.values():
        zone_aides.sort(key=lambda aide: order[aide.pk])
    regles = montants_des_aides(aides, region=region, on=on)
    importes = frozenset(CommuneOverlay.objects.order_by().values_list("kind", flat=True).distinct())
    return Contexte(
        arretes=arretes,
        aides_par_zone=aides_par_zone,
        aides_commune=[aide for aide in aides if aide.eligibilite == Eligibilite.COMMUNE],
        regles=regles,
        importes=importes,
    )


@functools.lru_cache(maxsize=4)
def overlay_annotations(on: datetime.date) -> dict:
    """Annotations of a commune queryset: for each classification the commune's own aids depend on (ZRR, FRR),
    whether the commune is in it on `on` (`overlay_<kind>`), read with the commune. Built once per day (a queryset
    resolves its own copy of an expression)."""
    return {
        f"overlay_{kind}": Exists(CommuneOverlay.objects.filter(commune=OuterRef("pk"), kind=kind).en_vigueur(on=on))
        for kind in OVERLAYS_CFE
    }


def overlays(commune, contexte_: Contexte) -> Overlays:
    """The `Overlays` of a commune read with `overlay_annotations`."""
    en_vigueur = frozenset(str(kind) for kind in OVERLAYS_CFE if getattr(commune, f"overlay_{kind}"))
    return Overlays(en_vigueur, contexte_.importes)
