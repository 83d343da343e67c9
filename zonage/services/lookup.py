"""Which zone applies where and when."""

import datetime

from django.db.models import Prefetch, Q
from django.utils import timezone

from zonage.models import Aide, ArreteZonage, Classement


def _today() -> datetime.date:
    return timezone.localdate()


def arrete_en_vigueur(*, profession, region, on: datetime.date | None = None) -> ArreteZonage | None:
    """The arrêté of a profession in force in a region on a date (the latest effect date wins)."""
    return (
        ArreteZonage.objects.en_vigueur(on=on or _today())
        .filter(profession=profession, region=region)
        .order_by("-date_effet", "-pk")
        .first()
    )


def classements_en_vigueur(commune, *, on: datetime.date | None = None):
    """Classement rows covering a commune (directly or through its TVS) in arrêtés in force on `on`.

    Two queries once evaluated: the rows (with arrêté, profession and zone) and the aids of their zones.
    """
    on = on or _today()
    territory = Q(commune_id=commune.pk)
    if commune.tvs_id:
        territory |= Q(tvs_id=commune.tvs_id)
    arretes = ArreteZonage.objects.en_vigueur(on=on).filter(region_id=commune.departement.region_id)
    return (
        Classement.objects.filter(territory, arrete__in=arretes)
        .select_related("arrete__profession", "zone")
        .prefetch_related(Prefetch("zone__aides", queryset=Aide.objects.order_by("ordre", "code")))
        .order_by("arrete__profession__ordre", "-arrete__date_effet", "-arrete_id")
    )


def _latest_per_profession(rows):
    seen, result = set(), []
    for row in rows:
        if row.arrete.profession_id not in seen:
            seen.add(row.arrete.profession_id)
            result.append(row)
    return result


def zones_en_vigueur(commune, *, on: datetime.date | None = None) -> list[tuple]:
    """[(profession, zone, arrêté)] in force for a commune on a date, one per profession."""
    rows = _latest_per_profession(classements_en_vigueur(commune, on=on))
    return [(row.arrete.profession, row.zone, row.arrete) for row in rows]


def commune_timeline(commune):
    """Every published classement of a commune (directly or through its TVS), oldest first."""
    territory = Q(commune_id=commune.pk)
    if commune.tvs_id:
        territory |= Q(tvs_id=commune.tvs_id)
    return (
        Classement.objects.filter(territory, arrete__in=ArreteZonage.objects.publics())
        .select_related("arrete__profession", "zone")
        .order_by("arrete__profession__ordre", "arrete__date_effet")
    )
