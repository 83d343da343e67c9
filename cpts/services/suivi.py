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
