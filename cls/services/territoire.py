"""Territory of a lettre d'intention: communes, population, threshold, overlaps, funding simulation."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from cls.enums import CodeParametre
from cls.models import ContratLocalSante
from cls.services.parametres import Valeur, parametres_en_vigueur
from territoires.models import Commune, Departement
from territoires.services import communes_of, population_of


@dataclass
class Simulation:
    etp: Decimal
    plafond_par_etp: Decimal
    montant_max: Decimal
    cofinancement_requis: bool
    sources: list[Valeur] = field(default_factory=list)


@dataclass
class Apercu:
    population: int
    seuil: Valeur
    sous_seuil: bool
    chevauchements: list[ContratLocalSante]
    simulation: Simulation
    vide: bool


def simulation_ingenierie(*, population: int, parametres: dict[str, Valeur]) -> Simulation:
    """Ingénierie funding the regional rules allow: ETP by population band, cap per ETP, co-financing."""
    seuil = parametres[CodeParametre.SEUIL_ETP]
    etp_rule = parametres[CodeParametre.ETP_SOUS_SEUIL if population < seuil.valeur else CodeParametre.ETP_AU_DESSUS]
    plafond = parametres[CodeParametre.PLAFOND_PAR_ETP]
    cofinancement = parametres[CodeParametre.COFINANCEMENT_REQUIS]
    return Simulation(
        etp=etp_rule.valeur,
        plafond_par_etp=plafond.valeur,
        montant_max=etp_rule.valeur * plafond.valeur,
        cofinancement_requis=bool(cofinancement.valeur),
        sources=[seuil, etp_rule, plafond, cofinancement],
    )


def chevauchements(communes, *, exclude_lettre_id=None) -> list[ContratLocalSante]:
    """Active CLS covering at least one of these communes (checked through the territorial referential)."""
    queryset = ContratLocalSante.objects.active().filter(perimetre__in=communes.values("pk")).distinct()
    if exclude_lettre_id:
        queryset = queryset.exclude(lettre_id=exclude_lettre_id)
    return list(queryset.order_by("nom").only("pk", "nom", "public_id"))


def apercu(*, epcis=(), communes=(), on: date, region_id: int | None = None, exclude_lettre_id=None) -> Apercu:
    perimetre = communes_of(epcis=epcis, communes=communes)
    population = population_of(perimetre)
    parametres = parametres_en_vigueur(on=on, region_id=region_id)
    seuil = parametres[CodeParametre.SEUIL_POPULATION]
    vide = not (list(epcis) or list(communes))
    return Apercu(
        population=population,
        seuil=seuil,
        sous_seuil=not vide and population < seuil.valeur,
        chevauchements=[] if vide else chevauchements(perimetre, exclude_lettre_id=exclude_lettre_id),
        simulation=simulation_ingenierie(population=population, parametres=parametres),
        vide=vide,
    )


def lettre_perimetre(lettre):
    return communes_of(epcis=lettre.epcis.all(), communes=lettre.communes.all())


def departement_principal(communes) -> Departement | None:
    """The département where most of the perimeter's communes are."""
    counts = Counter(Commune.objects.filter(pk__in=communes.values("pk")).values_list("departement_id", flat=True))
    if not counts:
        return None
    departement_id = counts.most_common(1)[0][0]
    return Departement.objects.select_related("region").get(pk=departement_id)
