import django_filters

from comptes.enums import TypeEvenement
from comptes.models import EvenementAudit
from config.filters import FilterSet


class JournalFilterSet(FilterSet):
    type = django_filters.ChoiceFilter(label="Événement", choices=TypeEvenement.choices, empty_label="Tous")
    email = django_filters.CharFilter(label="Compte (e-mail)", field_name="email", lookup_expr="icontains")
    du = django_filters.DateFilter(label="Du", field_name="created_at", lookup_expr="date__gte")
    au = django_filters.DateFilter(label="Au", field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = EvenementAudit
        fields = ["type", "email", "du", "au"]
