import django_filters

from acces_soins.enums import StatutBilan, StatutDecision
from acces_soins.models import BilanSemestriel, Decision
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

    def __init__(self, *args, region_code: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["perimetre"].extra["choices"] = perimetre_choices(region_code) if region_code else []
        semestres = BilanSemestriel.objects.order_by("-semestre").values_list("semestre", flat=True).distinct()
        self.filters["semestre"].extra["choices"] = [(value, value) for value in semestres]

    def filter_perimetre(self, queryset, name, value):
        return queryset.for_perimetre(Perimetre.parse(value))


class DecisionFilterSet(FilterSet):
    """The decisions of the comité de pilotage: status, overdue, the user's own."""

    statut = django_filters.ChoiceFilter(label="Statut", choices=StatutDecision.choices, empty_label="Tous")
    retard = django_filters.ChoiceFilter(
        label="Échéance", choices=[("oui", "Dépassée")], method="filter_retard", empty_label="Toutes"
    )
    miennes = django_filters.ChoiceFilter(
        label="Responsable", choices=[("oui", "Mes décisions")], method="filter_miennes", empty_label="Tous"
    )

    class Meta:
        model = Decision
        fields = ["statut", "retard", "miennes"]

    def __init__(self, *args, request_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_user = request_user

    def filter_retard(self, queryset, name, value):
        from django.utils import timezone

        return queryset.en_retard(timezone.localdate())

    def filter_miennes(self, queryset, name, value):
        return queryset.of_owner(self.request_user)
