import django_filters
from django.db.models import Q

from config.filters import FilterSet
from indicateurs.models import Valeur
from indicateurs.semestre import Semestre


class ValeurFilterSet(FilterSet):
    territoire = django_filters.CharFilter(
        method="filter_territoire",
        label="Territoire",
        help_text="« niveau:code » (ex. departement:37, region:24, epci:200071587) ou code seul.",
    )
    periode = django_filters.CharFilter(
        method="filter_periode", label="Semestre", help_text="Semestre au format 2026-S1."
    )

    class Meta:
        model = Valeur
        fields = ["territoire", "periode"]

    def filter_territoire(self, queryset, name, value):
        kind, _, code = value.rpartition(":")
        condition = Q(perimetre__code=code.strip())
        if kind:
            condition &= Q(perimetre__kind=kind.strip().lower())
        return queryset.filter(condition)

    def filter_periode(self, queryset, name, value):
        try:
            return queryset.filter(periode=str(Semestre.parse(value)))
        except ValueError:
            return queryset.none()
