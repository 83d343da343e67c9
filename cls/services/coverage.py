"""Figures other apps read (design.md §2): CLS coverage, pipeline and fiches actions counts.

The territorial keyword is `region=<territoires.Region>` or `departement=<territoires.Departement>`;
`pipeline` takes the same territory as `perimetre` (design.md §2 signature).
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from cls.enums import Etape, StatutFiche
from cls.models import ContratLocalSante, EtapeTransition, FicheAction
from territoires.models import Commune, Departement, Region


def in_force_on(on: date) -> Q:
    """A CLS is in force on a date when it is signed, not yet ended and not abandoned on that date (stage log)."""
    abandoned = EtapeTransition.objects.filter(contrat=OuterRef("pk"), to_etape=Etape.ABANDONNE, date__lte=on)
    return Q(date_signature__lte=on) & Q(date_fin__gte=on) & ~Exists(abandoned)


def cls_coverage(*, region=None, departement=None, on: date) -> tuple[int, Decimal]:
    """Population living in a commune covered by a signed, in-force CLS, and its share of the
    population of the region or département (one aggregate query)."""
    communes = Commune.objects.all()
    if departement is not None:
        communes = communes.filter(departement=departement)
    elif region is not None:
        communes = communes.filter(departement__region=region)
    covered = Exists(ContratLocalSante.objects.filter(in_force_on(on), perimetre=OuterRef("pk")))
    figures = communes.aggregate(total=Sum("population"), covered=Sum("population", filter=Q(covered)))
    total, population = figures["total"] or 0, figures["covered"] or 0
    share = (Decimal(population) / Decimal(total)).quantize(Decimal("0.0001")) if total else Decimal(0)
    return population, share


def _contrats(*, region=None, departement=None):
    """The contracts of a territory: every CLS whose pilot département or perimeter reaches it."""
    return ContratLocalSante.objects.concernant(region=region, departement=departement)


def pipeline(*, perimetre=None, on: date | None = None, queryset=None) -> dict[str, int]:
    """Number of contracts at each stage on `on` (default today), read from the dated stage log
    (`EtapeTransition.date`), not from today's stage: a CLS signed in July counts as « élaboration » on 30 June.

    `perimetre`: a Region, a Departement (every CLS reaching it) or None (all); `queryset` narrows further
    (e.g. visible_to). A contract with no stage logged on or before `on` did not exist yet and is not counted.
    Every stage is a key, zeros included.
    """
    on = on or timezone.localdate()
    if queryset is None:
        queryset = ContratLocalSante.objects.all()
    if isinstance(perimetre, Region):
        queryset = queryset.concernant(region=perimetre)
    elif isinstance(perimetre, Departement):
        queryset = queryset.concernant(departement=perimetre)
    logged = EtapeTransition.objects.filter(contrat=OuterRef("pk"), date__lte=on).order_by("-date", "-at", "-pk")
    stage_on = Subquery(logged.values("to_etape")[:1])
    grouped = queryset.annotate(stage_on=stage_on).filter(stage_on__isnull=False).values("stage_on")
    found = {row["stage_on"]: row["n"] for row in grouped.annotate(n=Count("pk")).order_by()}
    return {etape: found.get(etape, 0) for etape in Etape}  # keys are Etape members: str with a .label


def fiches_actions_counts(*, region=None, departement=None, on: date) -> dict[str, int]:
    """Fiches actions of the territory's contracts by status on a date, plus `en_retard` (end date
    passed, not réalisée nor abandonnée) and `total`. One aggregate query."""
    fiches = FicheAction.objects.filter(contrat__in=_contrats(region=region, departement=departement))
    late = Q(date_fin__lt=on) & ~Q(statut__in=[StatutFiche.REALISEE, StatutFiche.ABANDONNEE])
    figures = fiches.aggregate(
        total=Count("pk"),
        en_retard=Count("pk", filter=late),
        **{statut: Count("pk", filter=Q(statut=statut)) for statut in StatutFiche.values},
    )
    return {key: value or 0 for key, value in figures.items()}


def cls_coverage_by_region(*, on: date) -> dict[str, tuple[int, Decimal]]:
    """`cls_coverage` of every région at once, for the national comparison: {région code: (population, share)}
    (one aggregate query grouped by région, same definition)."""
    covered = Exists(ContratLocalSante.objects.filter(in_force_on(on), perimetre=OuterRef("pk")))
    rows = (
        Commune.objects.order_by()
        .values("departement__region__code")
        .annotate(total=Sum("population"), covered=Sum("population", filter=Q(covered)))
    )
    result = {}
    for row in rows:
        total, population = row["total"] or 0, row["covered"] or 0
        share = (Decimal(population) / Decimal(total)).quantize(Decimal("0.0001")) if total else Decimal(0)
        result[row["departement__region__code"]] = (population, share)
    return result
