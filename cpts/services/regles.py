"""Reads of the dated rules: parameters, size class, mission deadlines, funding table in force."""

import calendar
import datetime
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from cpts.models import BaremeAci, ParametreCpts, SeuilTaille


def parametre(code: str, *, on: datetime.date) -> Decimal:
    """The value of a dated parameter on a date (the most recent version in force)."""
    row = ParametreCpts.objects.en_vigueur(on).filter(code=code).order_by("-valide_du").first()
    if row is None:
        raise ImproperlyConfigured(f"Aucune valeur en vigueur le {on:%d/%m/%Y} pour le paramètre « {code} ».")
    return row.valeur


def taille_for(population: int, *, on: datetime.date) -> str:
    """Size class of a CPTS on a date, from the thresholds in force (lower bounds inclusive).

    With the 2019 thresholds: 39 999 → T1, 40 000 → T2, 79 999 → T2, 80 000 → T3, 175 000 → T3
    (« T4 > 175 000 »), 175 001 → T4.
    """
    latest: dict[str, int] = {}
    rows = SeuilTaille.objects.en_vigueur(on).order_by("valide_du").values_list("taille", "population_min")
    for taille, minimum in rows:  # the most recent version of each class wins
        latest[taille] = minimum
    seuils = sorted(latest.items(), key=lambda item: -item[1])
    if not seuils:
        raise ImproperlyConfigured(f"Aucun seuil de taille de CPTS en vigueur le {on:%d/%m/%Y}.")
    for taille, minimum in seuils:
        if population >= minimum:
            return taille
    return seuils[-1][0]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day `months` later, clamped to the month's last day (31 Aug + 6 months → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: datetime.date, years: int) -> datetime.date:
    return add_months(day, 12 * years)


def echeances(mission, date_aci: datetime.date) -> tuple[datetime.date | None, datetime.date | None]:
    """(start deadline, deployment deadline) of a mission for an ACI signed on `date_aci`."""
    start = add_months(date_aci, mission.delai_demarrage_mois) if mission.delai_demarrage_mois is not None else None
    deploy = (
        add_months(date_aci, mission.delai_deploiement_mois) if mission.delai_deploiement_mois is not None else None
    )
    return start, deploy


def bareme_en_vigueur(on: datetime.date) -> BaremeAci:
    bareme = BaremeAci.objects.en_vigueur(on).order_by("-valide_du").first()
    if bareme is None:
        raise ImproperlyConfigured(f"Aucun barème ACI CPTS en vigueur le {on:%d/%m/%Y}.")
    return bareme
