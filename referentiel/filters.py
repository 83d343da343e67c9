"""One FilterSet for the register, shared by the page and the API."""

import django_filters
from django.db.models import Q

from config.filters import FilterSet
from referentiel.enums import Domaine
from referentiel.models import Parametre

NATIONAL = "national"


def region_choices():
    from territoires.models import Region

    return [(NATIONAL, "Règles nationales"), *((region.code, region.nom) for region in Region.objects.order_by("nom"))]


class ParametreFilterSet(FilterSet):
    q = django_filters.CharFilter(label="Recherche", method="filter_q")
    domaine = django_filters.ChoiceFilter(label="Domaine", choices=Domaine.choices, empty_label="Tous")
    region = django_filters.ChoiceFilter(
        label="Région", choices=region_choices, method="filter_region", empty_label="Toutes"
    )
    a_confirmer = django_filters.BooleanFilter(label="À confirmer")
    en_vigueur_le = django_filters.DateFilter(label="En vigueur le", method="filter_en_vigueur")

    class Meta:
        model = Parametre
        fields = ["q", "domaine", "region", "a_confirmer", "en_vigueur_le"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(libelle__icontains=value) | Q(code__icontains=value) | Q(note__icontains=value))

    def filter_region(self, queryset, name, value: str):
        return queryset.filter(region_code="" if value == NATIONAL else value)

    def filter_en_vigueur(self, queryset, name, value):
        return queryset.en_vigueur(value)
