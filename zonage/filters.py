import django_filters

from config.filters import FilterSet
from zonage.enums import ArreteStatut
from zonage.models import ArreteZonage, Profession


class ArreteFilterSet(FilterSet):
    """One definition for the HTML arrêté list and the API."""

    profession = django_filters.ModelChoiceFilter(
        label="Profession", queryset=Profession.objects.all(), to_field_name="code", empty_label="Toutes"
    )
    statut = django_filters.ChoiceFilter(label="Statut", choices=ArreteStatut.choices, empty_label="Tous")

    class Meta:
        model = ArreteZonage
        fields = ["profession", "statut"]
