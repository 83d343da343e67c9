"""Read paths for the territorial pages and the API (scope + FilterSet + loader)."""

from django.db.models import Count, Sum

from territoires.filters import CommuneFilterSet
from territoires.models import Commune, Departement, ImportRun


def commune_list(*, params, region_code: str | None = None) -> CommuneFilterSet:
    queryset = Commune.objects.with_list_data().order_by("-population", "nom", "code_insee")
    return CommuneFilterSet(params, queryset=queryset, region_code=region_code)


def departements_with_figures(*, region_code: str):
    return (
        Departement.objects.filter(region__code=region_code)
        .annotate(population=Sum("communes__population"), nb_communes=Count("communes"))
        .order_by("code")
    )


def epcis_of_departement(departement: Departement):
    """EPCI with at least one commune in the département, with their population in it."""
    from territoires.models import EPCI

    return (
        EPCI.objects.filter(communes__departement=departement)
        .annotate(population_in_departement=Sum("communes__population"), nb_communes=Count("communes"))
        .order_by("nom")
    )


def latest_imports(kind: str = "territoires"):
    """The imports of a kind, the latest first (a page may read the first one as a subquery of its own query)."""
    return ImportRun.objects.filter(kind=kind).order_by("-finished_at")


def latest_import(kind: str = "territoires") -> ImportRun | None:
    return latest_imports(kind).first()
