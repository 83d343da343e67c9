"""One FilterSet per register, built from its declaration; the HTML list, the export, the map and the API share
it (`selectors.entree_list`)."""

import django_filters
from django.db.models import Q

from config.filters import FilterSet
from registres.enums import Statut
from registres.forms import DATE_WIDGET
from registres.perms import visible_departements
from registres.services.zonage import PROFESSION_ZONAGE
from territoires.models import Departement
from zonage.models import ZoneCategorie


class EntreeFilterSet(FilterSet):
    q = django_filters.CharFilter(method="search", label="Recherche")
    departement = django_filters.ModelChoiceFilter(queryset=Departement.objects.none(), label="Département")
    statut = django_filters.ChoiceFilter(choices=Statut.choices, label="Statut")
    en_cours_au = django_filters.DateFilter(method="filter_en_cours", label="En cours au", widget=DATE_WIDGET)

    registre = None  # set by `filterset_class`

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["departement"].queryset = visible_departements(user) if user else Departement.objects.none()
        for name, label in self.registre.libelles.items():
            if name in self.filters:
                self.filters[name].label = label

    def search(self, queryset, name, value):
        condition = Q(commune__nom__icontains=value) | Q(commune__code_insee=value) | Q(source__icontains=value)
        for field in self.registre.recherche:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    def filter_en_cours(self, queryset, name, value):
        return queryset.en_cours(value)


class ZoneFilterMixin(FilterSet):
    zone = django_filters.ModelChoiceFilter(
        queryset=ZoneCategorie.objects.filter(profession__code=PROFESSION_ZONAGE), label="Zone à la date (calculée)"
    )


def filterset_class(registre) -> type[EntreeFilterSet]:
    """The FilterSet of a register: the shared filters, the zone when it carries one, and its own `filtres`."""
    bases = (ZoneFilterMixin, EntreeFilterSet) if registre.has_zone else (EntreeFilterSet,)
    meta = type("Meta", (), {"model": registre.model, "fields": list(registre.filtres)})
    return type(f"{registre.model.__name__}FilterSet", bases, {"Meta": meta, "registre": registre})
