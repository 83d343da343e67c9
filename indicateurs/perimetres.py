"""Build and read perimeters (the entities indicators are measured on), and their population."""

from django.db.models import Q, QuerySet

from indicateurs.enums import PerimetreKind
from indicateurs.models import Perimetre
from territoires.models import EPCI, Commune, Departement, Region
from territoires.services import communes_of, population_of


def perimetre_region(region: Region) -> Perimetre:
    perimetre, _ = Perimetre.objects.get_or_create(
        kind=PerimetreKind.REGION, code=region.code, defaults={"libelle": region.nom}
    )
    return perimetre


def perimetre_departement(departement: Departement) -> Perimetre:
    perimetre, _ = Perimetre.objects.get_or_create(
        kind=PerimetreKind.DEPARTEMENT,
        code=departement.code,
        defaults={"libelle": str(departement), "departement": departement},
    )
    return perimetre


def perimetre_epci(epci: EPCI) -> Perimetre:
    """An EPCI perimeter, attached to the département of most of its communes (délégation scope)."""
    main = Commune.objects.filter(epci=epci).values_list("departement_id", flat=True).order_by("-population").first()
    perimetre, _ = Perimetre.objects.get_or_create(
        kind=PerimetreKind.EPCI, code=epci.siren, defaults={"libelle": epci.nom, "departement_id": main}
    )
    return perimetre


def perimetre_programme(*, kind: str, code: str, libelle: str, departement: Departement | None) -> Perimetre:
    """Register (or update) a CLS or CPTS as a perimeter; called by the cls and cpts apps."""
    if kind not in (PerimetreKind.CLS, PerimetreKind.CPTS):
        raise ValueError(f"Niveau de programme inconnu : {kind}")
    perimetre, _ = Perimetre.objects.update_or_create(
        kind=kind, code=code, defaults={"libelle": libelle, "departement": departement}
    )
    return perimetre


def resolve_perimetre(kind: str, code: str) -> Perimetre | None:
    """The perimeter of a niveau and code, creating territorial ones from the referential. None if unknown."""
    kind, code = kind.strip().lower(), code.strip()
    existing = Perimetre.objects.filter(kind=kind, code=code).first()
    if existing:
        return existing
    if kind == PerimetreKind.REGION:
        region = Region.objects.filter(code=code).first()
        return perimetre_region(region) if region else None
    if kind == PerimetreKind.DEPARTEMENT:
        departement = Departement.objects.filter(code=code).first()
        return perimetre_departement(departement) if departement else None
    if kind == PerimetreKind.EPCI:
        epci = EPCI.objects.filter(siren=code).first()
        return perimetre_epci(epci) if epci else None
    return None


def territoire_of(perimetre: Perimetre) -> Region | Departement | EPCI | None:
    """The referential object behind a territorial perimeter (None for CLS and CPTS)."""
    model = {PerimetreKind.REGION: Region, PerimetreKind.DEPARTEMENT: Departement}.get(perimetre.kind)
    if model:
        return model.objects.filter(code=perimetre.code).first()
    if perimetre.kind == PerimetreKind.EPCI:
        return EPCI.objects.filter(siren=perimetre.code).first()
    return None


def communes_of_perimetre(perimetre: Perimetre) -> QuerySet[Commune]:
    if perimetre.kind == PerimetreKind.REGION:
        return Commune.objects.filter(departement__region__code=perimetre.code)
    if perimetre.kind == PerimetreKind.DEPARTEMENT:
        return Commune.objects.filter(departement__code=perimetre.code)
    if perimetre.kind == PerimetreKind.EPCI:
        epci = EPCI.objects.filter(siren=perimetre.code).first()
        return communes_of(epcis=[epci]) if epci else Commune.objects.none()
    return Commune.objects.none()


def population_perimetre(perimetre: Perimetre) -> int:
    """Population municipale of a territorial perimeter (the denominator of every population share)."""
    return population_of(communes_of_perimetre(perimetre))


def perimetres_territoriaux(region_code: str) -> list[Perimetre]:
    """The region and each of its départements, as perimeters (created on first use)."""
    departements = list(Departement.objects.filter(region__code=region_code).select_related("region").order_by("code"))
    if not departements:
        region = Region.objects.filter(code=region_code).first()
        return [perimetre_region(region)] if region else []
    wanted = [(PerimetreKind.REGION, region_code)] + [(PerimetreKind.DEPARTEMENT, dep.code) for dep in departements]
    existing = {
        (perimetre.kind, perimetre.code): perimetre
        for perimetre in Perimetre.objects.filter(
            Q(kind=PerimetreKind.REGION, code=region_code)
            | Q(kind=PerimetreKind.DEPARTEMENT, code__in=[dep.code for dep in departements])
        )
    }
    if len(existing) == len(wanted):  # the usual case: one query for the départements, one for the perimeters
        return [existing[key] for key in wanted]
    return [perimetre_region(departements[0].region)] + [perimetre_departement(dep) for dep in departements]
