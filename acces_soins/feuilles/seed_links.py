"""Link the seeded territoires de démocratie sanitaire to their départements once the referential exists."""

from acces_soins.feuilles.seed import REGION_CODE, TERRITOIRES_CVL


def link_departements() -> int:
    """Add the départements of the seed to the territories that have none yet; returns the number linked."""
    from acces_soins.models import TerritoireSante
    from territoires.models import Departement

    linked = 0
    territoires = TerritoireSante.objects.filter(region_code=REGION_CODE, departements__isnull=True)
    by_code = {territoire.code: territoire for territoire in territoires}
    for code, _nom, _conseil, departements in TERRITOIRES_CVL:
        if code in by_code:
            found = list(Departement.objects.filter(code__in=departements))
            by_code[code].departements.add(*found)
            linked += len(found)
    return linked


def ensure_seed() -> None:
    """Create the seeded territories and catalogue solutions if missing (as migrations 0005 and 0008 do), then
    link the départements. Idempotent; for databases flushed after migrating (transactional tests)."""
    from acces_soins.feuilles.seed import (
        CATALOGUE,
        CATALOGUE_DOCUMENT,
        CATALOGUE_REGION_CODE,
        TERRITOIRES_SOURCE,
        catalogue_source,
    )
    from acces_soins.models import Solution, TerritoireSante
    from referentiel.models import Source

    for code, nom, conseil, _departements in TERRITOIRES_CVL:
        TerritoireSante.objects.get_or_create(
            region_code=REGION_CODE,
            code=code,
            defaults={"nom": nom, "conseil_nom": conseil, "source": TERRITOIRES_SOURCE},
        )
    document = Source.objects.filter(code=CATALOGUE_DOCUMENT).first()
    for ordre, libelle, theme, passage in CATALOGUE:
        Solution.objects.get_or_create(
            region_code=CATALOGUE_REGION_CODE,
            libelle=libelle,
            defaults={"ordre": ordre, "theme": theme, "document": document, "source": catalogue_source(passage)},
        )
    link_departements()
