"""One FilterSet per list, shared by the HTML pages, the exports and the API."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone

from config.filters import FilterSet
from cpts.enums import Etape, GestionnaireCentre, StatutMsp, Taille, TypeCentreSante
from cpts.models import CentreSante, Cpts, EquipeSoinsPrimaires, MissionCpts, Msp
from instruction.filters import DossierFilterSet
from territoires.models import Departement


class CptsFilterSet(FilterSet):
    q = django_filters.CharFilter(label="Nom", field_name="nom", lookup_expr="icontains")
    departement = django_filters.ModelChoiceFilter(
        label="Département", queryset=Departement.objects.order_by("code"), empty_label="Tous"
    )
    etape = django_filters.ChoiceFilter(label="Étape", choices=Etape.choices, empty_label="Toutes")
    taille = django_filters.ChoiceFilter(label="Taille", choices=Taille.choices, empty_label="Toutes")
    mission_en_retard = django_filters.BooleanFilter(label="Mission en retard", method="filter_retard")

    class Meta:
        model = Cpts
        fields = ["q", "departement", "etape", "taille", "mission_en_retard"]

    def filter_retard(self, queryset, name, value):
        late = Exists(MissionCpts.objects.en_retard(timezone.localdate()).filter(cpts=OuterRef("pk")))
        return queryset.filter(late) if value else queryset.exclude(late)


class StructureFilterSet(FilterSet):
    """The filters every register of structures (MSP, centres de santé, ESP) shares."""

    q = django_filters.CharFilter(label="Nom", field_name="nom", lookup_expr="icontains")
    departement = django_filters.ModelChoiceFilter(
        label="Département", queryset=Departement.objects.order_by("code"), empty_label="Tous"
    )
    statut = django_filters.ChoiceFilter(label="Statut", choices=StatutMsp.choices, empty_label="Tous")


class MspFilterSet(StructureFilterSet):
    sisa = django_filters.BooleanFilter(label="SISA")
    aci = django_filters.BooleanFilter(label="ACI signé", field_name="date_aci", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Msp
        fields = ["q", "departement", "statut", "sisa", "aci"]


class CentreSanteFilterSet(StructureFilterSet):
    sous_type = django_filters.ChoiceFilter(label="Type de centre", choices=TypeCentreSante.choices, empty_label="Tous")
    gestionnaire_type = django_filters.ChoiceFilter(
        label="Gestionnaire", choices=GestionnaireCentre.choices, empty_label="Tous"
    )

    class Meta:
        model = CentreSante
        fields = ["q", "departement", "statut", "sous_type", "gestionnaire_type"]


class EspFilterSet(StructureFilterSet):
    class Meta:
        model = EquipeSoinsPrimaires
        fields = ["q", "departement", "statut"]


class LettreCptsFilterSet(DossierFilterSet):
    """The instruction list of the CPTS filings (lettres d'intention, projets de santé): the shared
    dossier filters and the kind."""

    kind = django_filters.ChoiceFilter(
        label="Type de dépôt",
        choices=[("cpts", "Lettre d'intention"), ("cpts_projet", "Projet de santé")],
        empty_label="Tous",
    )

    class Meta(DossierFilterSet.Meta):
        fields = [*DossierFilterSet.Meta.fields, "kind"]
