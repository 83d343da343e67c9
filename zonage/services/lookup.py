"""Which zone applies where and when.

A TVS classement covers a commune through the TVS version the arrêté names (`version_tvs`, else the commune's
current TVS), so the lookup answers what the arrêté said even after a newer TVS list is imported.
"""

import datetime

from django.db.models import Prefetch, Q, Subquery
from django.utils import timezone

from territoires.models import CommuneTvs
from territoires.services import tvs_of_commune
from zonage.models import Aide, ArreteZonage, Classement


def _today() -> datetime.date:
    return timezone.localdate()


def arrete_en_vigueur(*, profession, region, on: datetime.date | None = None) -> ArreteZonage | None:
    """The arrêté of a profession (object or code) in force in a region on a date (the latest effect date wins)."""
    by_profession = {"profession__code": profession} if isinstance(profession, str) else {"profession": profession}
    return (
        ArreteZonage.objects.en_vigueur(on=on or _today())
        .filter(region=region, **by_profession)
        .order_by("-date_effet", "-pk")
        .first()
    )


def _covering(commune, arretes) -> Q:
    """The classement rows of these arrêtés that cover the commune, directly or through its TVS of each version.

    Two queries: the arrêtés' versions, and the commune's TVS in those versions (none when no version is named)."""
    arretes = list(arretes.values_list("pk", "version_tvs"))
    tvs_by_version = tvs_of_commune(commune, {version for _, version in arretes})
    by_tvs: dict[int | None, list[int]] = {}
    for pk, version in arretes:
        tvs_id = tvs_by_version.get(version) if version else commune.tvs_id
        by_tvs.setdefault(tvs_id, []).append(pk)
    covering = Q(commune_id=commune.pk, arrete_id__in=[pk for pk, _ in arretes])
    for tvs_id, pks in by_tvs.items():
        if tvs_id is not None:
            covering |= Q(tvs_id=tvs_id, arrete_id__in=pks)
    return covering


def classements_en_vigueur(commune, *, on: datetime.date | None = None):
    """Classement rows covering a commune in arrêtés in force on `on`, with the aids in force that day.

    Four queries once evaluated: the arrêtés, the commune's TVS per version, the rows (with arrêté, profession and
    zone) and the aids of their zones."""
    on = on or _today()
    arretes = ArreteZonage.objects.en_vigueur(on=on).filter(region_id=commune.departement.region_id)
    aides = Aide.objects.en_vigueur(on=on).order_by("ordre", "code")
    return (
        Classement.objects.filter(_covering(commune, arretes))
        .select_related("arrete__profession", "zone")
        .prefetch_related(Prefetch("zone__aides", queryset=aides))
        .order_by("arrete__profession__ordre", "-arrete__date_effet", "-arrete_id")
    )


def classements_couvrant(commune, arretes: list[tuple[int, str]]):
    """The classement rows of these arrêtés (`(pk, version_tvs)`, read beforehand) that cover the commune, with
    arrêté, profession and zone, in one query: the same rule as `_covering`, the commune's TVS of each named version
    being a subquery instead of a query of its own. Same order as `classements_en_vigueur`; no aids attached."""
    pks = [pk for pk, _ in arretes]
    covering = Q(commune_id=commune.pk, arrete_id__in=pks)
    by_version: dict[str, list[int]] = {}
    for pk, version in arretes:
        by_version.setdefault(version or "", []).append(pk)
    for version, version_pks in by_version.items():
        if not version:
            if commune.tvs_id is not None:
                covering |= Q(tvs_id=commune.tvs_id, arrete_id__in=version_pks)
            continue
        tvs = CommuneTvs.objects.filter(commune_id=commune.pk, version=version).order_by().values("tvs_id")[:1]
        covering |= Q(tvs_id=Subquery(tvs), arrete_id__in=version_pks)
    return (
        Classement.objects.filter(covering)
        .select_related("arrete__profession", "zone")
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
    """Every published classement of a commune (directly or through its TVS of each version), oldest first."""
    arretes = ArreteZonage.objects.publics().filter(region_id=commune.departement.region_id)
    return (
        Classement.objects.filter(_covering(commune, arretes))
        .select_related("arrete__profession", "zone")
        .order_by("arrete__profession__ordre", "arrete__date_effet")
    )
