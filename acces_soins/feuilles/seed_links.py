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
