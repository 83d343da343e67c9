"""One FilterSet per list, shared by the HTML pages, the exports and the API."""

import django_filters

from config.filters import FilterSet, YearFilter
from financements.enums import Financeur, Programme, StatutEngagement
from financements.models import Engagement, Enveloppe
from territoires.models import Departement


class EnveloppeFilterSet(FilterSet):
    q = django_filters.CharFilter(label="Libellé", field_name="libelle", lookup_expr="icontains")
    financeur = django_filters.ChoiceFilter(label="Financeur", choices=Financeur.choices, empty_label="Tous")
    annee = YearFilter(label="Année")
    departement = django_filters.ModelChoiceFilter(
        label="Département ouvert",
        field_name="departements",
        queryset=Departement.objects.order_by("code"),
        empty_label="Tous",
        distinct=True,
    )

    class Meta:
        model = Enveloppe
        fields = ["q", "financeur", "annee", "departement"]


class EngagementFilterSet(FilterSet):
    """Works on `Engagement.objects.with_totals()` (the status filter reads the derived status)."""

    q = django_filters.CharFilter(label="Bénéficiaire", field_name="beneficiaire__libelle", lookup_expr="icontains")
    enveloppe = django_filters.ModelChoiceFilter(
        label="Enveloppe", queryset=Enveloppe.objects.all(), to_field_name="public_id", empty_label="Toutes"
    )
    programme = django_filters.ChoiceFilter(
        label="Programme", field_name="beneficiaire__programme", choices=Programme.choices, empty_label="Tous"
    )
    departement = django_filters.ModelChoiceFilter(
        label="Département",
        field_name="beneficiaire__departement",
        queryset=Departement.objects.order_by("code"),
        empty_label="Tous",
    )
    statut = django_filters.ChoiceFilter(
        label="Statut", field_name="statut_calcule", choices=StatutEngagement.choices, empty_label="Tous"
    )
    annee = YearFilter(label="Année de l'enveloppe", field_name="enveloppe__annee")

    class Meta:
        model = Engagement
        fields = ["q", "enveloppe", "programme", "departement", "statut", "annee"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = user or getattr(self.request, "user", None)
        if user is not None:
            self.filters["enveloppe"].queryset = Enveloppe.objects.visible_to(user)
