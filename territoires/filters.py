import django_filters

from config.filters import FilterSet
from config.forms import BaseForm
from territoires.models import EPCI, Commune, Departement


class CommuneFilterSet(FilterSet):
    """One definition for the HTML commune list and the API."""

    search = django_filters.CharFilter(
        label="Nom, code INSEE ou code postal", method="filter_search", help_text="Sans tenir compte des accents."
    )
    departement = django_filters.ModelChoiceFilter(
        label="Département",
        queryset=Departement.objects.all(),
        to_field_name="code",
        empty_label="Tous les départements",
    )
    epci = django_filters.CharFilter(label="SIREN de l'EPCI", field_name="epci__siren")

    class Meta:
        model = Commune
        fields = ["search", "departement", "epci"]
        form = BaseForm

    def __init__(self, *args, region_code: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if region_code:
            self.filters["departement"].queryset = Departement.objects.filter(region__code=region_code)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class EpciFilterSet(FilterSet):
    search = django_filters.CharFilter(label="Nom", method="filter_search")

    class Meta:
        model = EPCI
        fields = ["search"]
        form = BaseForm

    def filter_search(self, queryset, name, value):
        from territoires.text import normalize

        for term in normalize(value).split():
            queryset = queryset.filter(search_text__contains=term)
        return queryset
