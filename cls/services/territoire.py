"""Territory of a lettre d'intention: communes, population, the region's threshold, overlaps, funding simulation."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Sum

from cls.models import ContratLocalSante
from cls.services.regles import Simulation, base_legale_of, regles_cls, simulation_ingenierie, sous_seuil
from referentiel.services import RegleAffichee
from territoires.models import Commune, Departement
from territoires.services import communes_of, population_of


@dataclass
class Apercu:
    population: int
    region_code: str
    seuil: RegleAffichee  # the region's threshold, or the references of other regions (then no check)
    sous_seuil: bool  # only ever True when the region publishes a threshold
    chevauchements: list[ContratLocalSante]
    simulation: Simulation
    vide: bool
    base_legale: list  # the national articles the CLS rest on, read with the rules (`regles.base_legale`)


def chevauchements(communes, *, exclude_lettre_id=None) -> list[ContratLocalSante]:
    """Active CLS covering at least one of these communes (checked through the territorial referential)."""
    queryset = ContratLocalSante.objects.active().filter(perimetre__in=communes.values("pk")).distinct()
    if exclude_lettre_id:
        queryset = queryset.exclude(lettre_id=exclude_lettre_id)
    return list(queryset.order_by("nom").only("pk", "nom", "public_id"))


def apercu(
    *, epcis=(), communes=(), on: date, region=None, exclude_lettre_id=None, population: int | None = None
) -> Apercu:
    """Population, threshold, overlaps and ingénierie simulation of a territory, by the rules of `region` on `on`
    (default: the region of the département holding most of the territory's communes). `population`: the
    territory's, when the caller holds it (a filed lettre stores the population of its perimeter)."""
    perimetre = communes_of(epcis=epcis, communes=communes)
    vide = not (list(epcis) or list(communes))
    if region is None and not vide:
        population, region = population_et_region(perimetre)
    elif population is None:
        population = population_of(perimetre)
    regles = regles_cls(region=region, on=on)
    return Apercu(
        population=population,
        region_code=regles.region_code,
        seuil=regles.regle("seuil_population"),
        sous_seuil=not vide and sous_seuil(regles, population),
        chevauchements=[] if vide else chevauchements(perimetre, exclude_lettre_id=exclude_lettre_id),
        simulation=simulation_ingenierie(population=population, regles=regles),
        vide=vide,
        base_legale=base_legale_of(regles),
    )


def lettre_perimetre(lettre):
    return communes_of(epcis=lettre.epcis.all(), communes=lettre.communes.all())


def population_et_region(communes) -> tuple[int, str | None]:
    """The population of a perimeter and the code of the region of its main département (the one holding most of
    its communes; the first by code on a tie), in one aggregate query."""
    rows = list(
        Commune.objects.filter(pk__in=communes.values("pk"))
        .order_by("departement__code")
        .values("departement__code", "departement__region__code")
        .annotate(communes=Count("pk"), population=Sum("population"))
    )
    population = sum(row["population"] or 0 for row in rows)
    principal = max(rows, key=lambda row: row["communes"], default=None)  # max keeps the first of equal rows
    return population, (principal["departement__region__code"] if principal else None)


def departement_principal(communes) -> Departement | None:
    """The département where most of the perimeter's communes are."""
    counts = Counter(Commune.objects.filter(pk__in=communes.values("pk")).values_list("departement_id", flat=True))
    if not counts:
        return None
    departement_id = counts.most_common(1)[0][0]
    return Departement.objects.select_related("region").get(pk=departement_id)
