import django_filters
from django.conf import settings

from acces_soins.enums import StatutBilan
from acces_soins.models import BilanSemestriel
from acces_soins.periods import Perimetre
from config.filters import FilterSet


def perimetre_choices(region_code: str) -> list[tuple[str, str]]:
    """The région and each of its départements, as (« region:24 », label) pairs."""
    from territoires.models import Departement, Region

    choices = [
        (str(Perimetre.region(code)), f"Région {nom}")
        for code, nom in Region.objects.filter(code=region_code).values_list("code", "nom")
    ]
    departements = Departement.objects.filter(region__code=region_code).order_by("code")
    choices += [(str(Perimetre.departement(d.code)), str(d)) for d in departements]
    return choices


class BilanFilterSet(FilterSet):
    """One definition for the HTML list of bilans (and an API, later)."""

    perimetre = django_filters.ChoiceFilter(label="Périmètre", method="filter_perimetre", empty_label="Tous")
    semestre = django_filters.ChoiceFilter(label="Semestre", empty_label="Tous")
    statut = django_filters.ChoiceFilter(label="Statut", choices=StatutBilan.choices, empty_label="Tous")

    class Meta:
        model = BilanSemestriel
        fields = ["perimetre", "semestre", "statut"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["perimetre"].extra["choices"] = perimetre_choices(settings.REFERENCE_REGION)
        semestres = BilanSemestriel.objects.order_by("-semestre").values_list("semestre", flat=True).distinct()
        self.filters["semestre"].extra["choices"] = [(value, value) for value in semestres]

    def filter_perimetre(self, queryset, name, value):
        return queryset.for_perimetre(Perimetre.parse(value))
