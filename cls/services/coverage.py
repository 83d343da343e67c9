"""Figures other apps read (design.md §2): CLS coverage and pipeline."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from cls.enums import Etape
from cls.models import ContratLocalSante
from territoires.models import Commune


def in_force_on(on: date) -> Q:
    """A CLS is in force on a date when it is signed, not yet ended and not abandoned."""
    return Q(date_signature__lte=on) & Q(date_fin__gte=on) & ~Q(etape=Etape.ABANDONNE)


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


def pipeline(*, departement=None, queryset=None) -> dict[str, int]:
    """Number of contracts at each stage (every stage listed, zeros included)."""
    queryset = queryset if queryset is not None else ContratLocalSante.objects.all()
    if departement is not None:
        queryset = queryset.filter(departement=departement)
    counts = dict(queryset.values_list("etape").annotate(n=Count("pk")).order_by())
    return {etape: counts.get(etape, 0) for etape in Etape.values}
