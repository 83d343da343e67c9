import django_filters

from cls.enums import Etape, StatutFiche
from cls.models import ContratLocalSante, FicheAction, Thematique
from config.filters import FilterSet
from instruction.filters import DossierFilterSet
from territoires.models import Departement


class LettreFilterSet(DossierFilterSet):
    """The instruction list of CLS lettres d'intention: the shared dossier filters plus the thematic."""

    thematique = django_filters.ModelChoiceFilter(
        label="Thématique",
        queryset=Thematique.objects.all(),
        field_name="lettre_cls__thematiques",
        empty_label="Toutes",
        distinct=True,
    )

    tri = django_filters.OrderingFilter(
        label="Trier par",
        fields=(
            ("deposee_le", "deposee_le"),
            ("reference", "reference"),
            ("etat", "etat"),
            ("lettre_cls__population", "population"),
        ),
        field_labels={
            "deposee_le": "Date de dépôt",
            "-deposee_le": "Date de dépôt (récents d'abord)",
            "reference": "Numéro",
            "etat": "État",
            "population": "Population",
            "-population": "Population (décroissante)",
        },
        empty_label="Tri par défaut",
    )

    class Meta(DossierFilterSet.Meta):
        fields = [*DossierFilterSet.Meta.fields, "thematique"]


class ContratFilterSet(FilterSet):
    """Contracts: HTML list and API."""

    departement = django_filters.ModelChoiceFilter(
        label="Département",
        queryset=Departement.objects.order_by("code"),
        empty_label="Tous",
        method="filter_departement",
        help_text="Pilote ou atteint par le périmètre.",
    )
    etape = django_filters.ChoiceFilter(label="Étape", choices=Etape.choices, empty_label="Toutes")
    signe = django_filters.BooleanFilter(label="Signé", field_name="date_signature", lookup_expr="isnull", exclude=True)

    class Meta:
        model = ContratLocalSante
        fields = ["departement", "etape", "signe"]

    def filter_departement(self, queryset, name, value):
        return queryset.concernant(departement=value) if value else queryset


class FicheFilterSet(FilterSet):
    """Fiches actions across every visible CLS."""

    departement = django_filters.ModelChoiceFilter(
        label="Département",
        queryset=Departement.objects.order_by("code"),
        empty_label="Tous",
        method="filter_departement",
        help_text="Celui d'un CLS pilote ou atteint par son périmètre.",
    )
    axe = django_filters.CharFilter(
        label="Axe stratégique (mot-clé)", field_name="axe__intitule", lookup_expr="icontains"
    )
    statut = django_filters.ChoiceFilter(label="Statut", choices=StatutFiche.choices, empty_label="Tous")
    en_retard = django_filters.BooleanFilter(label="En retard", field_name="en_retard")

    class Meta:
        model = FicheAction
        fields = ["departement", "axe", "statut", "en_retard"]

    def filter_departement(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(contrat__in=ContratLocalSante.objects.concernant(departement=value))
