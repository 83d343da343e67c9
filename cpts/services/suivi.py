"""Figures other apps call (design.md §2): coverage by signed CPTS, counts by stage, overlaps."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum

from cpts.enums import Etape, StatutMsp, TypeCentreSante
from cpts.models import CentreSante, ContratAnterieurAci, Cpts, EtapeCpts, MissionCpts, Msp
from territoires.models import Commune, Departement, Region


def _signed_on(on: datetime.date):
    return Q(date_aci__lte=on, date_fin_aci__gt=on) & (Q(date_abandon__isnull=True) | Q(date_abandon__gt=on))


def cpts_coverage(*, region: Region | None = None, departement: Departement | None = None, on: datetime.date):
    """(population, share) of the region's or département's population living in a commune of a CPTS
    whose ACI is in force on `on`. One aggregate query; share is 0.0 when the population is unknown."""
    communes = Commune.objects.all()
    if departement is not None:
        communes = communes.filter(departement=departement)
    elif region is not None:
        communes = communes.filter(departement__region=region)
    covered = Exists(Cpts.objects.filter(_signed_on(on), communes=OuterRef("pk")))
    totals = communes.aggregate(total=Sum("population"), covered=Sum("population", filter=Q(covered)))
    total, population = totals["total"] or 0, totals["covered"] or 0
    return population, (population / total if total else 0.0)


def _in_territory(queryset, *, region: Region | None = None, departement: Departement | None = None):
    if departement is not None:
        return queryset.filter(departement=departement)
    if region is not None:
        return queryset.filter(departement__region=region)
    return queryset


def msp_en_fonctionnement(
    *, region: Region | None = None, departement: Departement | None = None, on: datetime.date
) -> int:
    """Number of MSP in operation (centres de santé are their own register: `centres_de_sante_counts`).

    The register has no opening date: this is the current status, whatever `on` (accepted for the
    common signature of the figures)."""
    queryset = Msp.objects.filter(statut=StatutMsp.EN_FONCTIONNEMENT)
    return _in_territory(queryset, region=region, departement=departement).count()


def centres_de_sante_counts(
    *, region: Region | None = None, departement: Departement | None = None, on: datetime.date
) -> dict[str, int]:
    """Centres de santé open on `on` (opened on or before it, not closed by then), « dont pluri-professionnels »
    (subtype polyvalent), as the CVL plan counts them: « 53 centres de santé dont 7 pluri-professionnels en
    fonctionnement au 1er juillet 2017 ». A centre whose opening date is unknown cannot be counted at a date: it is
    reported apart (`sans_date`). One query."""
    return centres_counts_of(_in_territory(CentreSante.objects.all(), region=region, departement=departement), on=on)


def centres_counts_of(queryset, *, on: datetime.date) -> dict[str, int]:
    """The same count on any queryset of centres (a filtered register page). One query."""
    ouvert = Q(date_ouverture__lte=on) & (Q(date_fermeture__isnull=True) | Q(date_fermeture__gt=on))
    return queryset.aggregate(
        total=Count("pk", filter=ouvert),
        pluriprofessionnels=Count("pk", filter=ouvert & Q(sous_type=TypeCentreSante.POLYVALENT)),
        sans_date=Count("pk", filter=Q(date_ouverture__isnull=True)),
    )


def contrats_anterieurs_aci(*, region: Region | None = None, annee: int | None = None):
    """The contracts signed with CPTS before the ACI (reference records, e.g. « 2 CPTS signed in 2017 » in the
    CVL plan), for a region and a year of signature."""
    queryset = ContratAnterieurAci.objects.select_related("source", "departement", "cpts")
    if region is not None:
        queryset = queryset.filter(region_code=region.code)
    if annee is not None:
        queryset = queryset.filter(date_signature__year=annee)
    return queryset


def missions_en_retard(
    *, region: Region | None = None, departement: Departement | None = None, on: datetime.date
) -> int:
    """Number of ACI missions late on `on` (start or deployment deadline passed) in the territory."""
    queryset = MissionCpts.objects.en_retard(on)
    if departement is not None:
        return queryset.filter(cpts__departement=departement).count()
    if region is not None:
        return queryset.filter(cpts__departement__region=region).count()
    return queryset.count()


def pipeline(*, perimetre=None, on: datetime.date) -> dict[str, int]:
    """Number of CPTS at each stage on `on` (from the dated stage log), for a perimeter: a Region, a
    Departement, a Cpts queryset, or None (all). Every stage is a key, zero included."""
    queryset = Cpts.objects.all()
    if isinstance(perimetre, Region):
        queryset = queryset.filter(departement__region=perimetre)
    elif isinstance(perimetre, Departement):
        queryset = queryset.filter(departement=perimetre)
    elif perimetre is not None:
        queryset = perimetre
    last = EtapeCpts.objects.filter(cpts=OuterRef("pk"), date__lte=on).order_by("-date", "-at", "-pk")
    rows = (
        queryset.annotate(etape_on=Subquery(last.values("to_etape")[:1]))
        .exclude(etape_on=None)
        .values_list("etape_on", flat=True)
    )
    counts = dict.fromkeys(Etape, 0)  # keys are Etape members: str with a .label
    for etape in rows:
        counts[Etape(etape)] += 1
    return counts


def overlaps(cpts: Cpts) -> list[tuple[Commune, Cpts]]:
    """Communes of this CPTS that also belong to another (non-abandoned) CPTS: shown as a warning on both."""
    through = Cpts.communes.through
    rows = (
        through.objects.filter(commune__in=cpts.communes.all())
        .exclude(cpts=cpts)
        .exclude(cpts__etape=Etape.ABANDONNEE)
        .select_related("commune", "cpts")
        .order_by("commune__nom", "cpts__nom")
    )
    return [(row.commune, row.cpts) for row in rows]


def cpts_coverage_by_region(*, on: datetime.date) -> dict[str, tuple[int, float]]:
    """`cpts_coverage` of every région at once (national comparison): {région code: (population, share)}.
    One aggregate query grouped by région, same definition."""
    covered = Exists(Cpts.objects.filter(_signed_on(on), communes=OuterRef("pk")))
    rows = (
        Commune.objects.order_by()
        .values("departement__region__code")
        .annotate(total=Sum("population"), covered=Sum("population", filter=Q(covered)))
    )
    return {
        row["departement__region__code"]: (
            row["covered"] or 0,
            (row["covered"] or 0) / row["total"] if row["total"] else 0.0,
        )
        for row in rows
    }


def msp_en_fonctionnement_by_region(*, on: datetime.date) -> dict[str, int]:
    """`msp_en_fonctionnement` of every région at once: {région code: count}. One query."""
    rows = (
        Msp.objects.filter(statut=StatutMsp.EN_FONCTIONNEMENT)
        .order_by()
        .values("departement__region__code")
        .annotate(n=Count("pk"))
    )
    return {row["departement__region__code"]: row["n"] for row in rows}


def missions_aci_by_region(*, on: datetime.date) -> dict[str, dict[str, int]]:
    """The ACI missions of the CPTS whose ACI is in force on `on`, by région: {région code: {"cpts": signed CPTS,
    "missions": missions, "demarrees": started by `on`, "deployees": deployed by `on`, "en_retard": late}}.
    One query."""
    late = Q(date_demarrage__isnull=True, echeance_demarrage__lt=on) | Q(
        date_deploiement__isnull=True, echeance_deploiement__lt=on
    )
    rows = (
        MissionCpts.objects.filter(cpts__in=Cpts.objects.filter(_signed_on(on)))
        .order_by()
        .values("cpts__departement__region__code")
        .annotate(
            cpts=Count("cpts", distinct=True),
            missions=Count("pk"),
            demarrees=Count("pk", filter=Q(date_demarrage__lte=on)),
            deployees=Count("pk", filter=Q(date_deploiement__lte=on)),
            en_retard=Count("pk", filter=late),
        )
    )
    return {
        row["cpts__departement__region__code"]: {
            key: row[key] for key in ("cpts", "missions", "demarrees", "deployees", "en_retard")
        }
        for row in rows
    }
