"""One FilterSet for dossier lists (HTML and API); kinds subclass it to add their own filters."""

import django_filters
from django import forms
from django.db.models import Q

from comptes.models import User
from config.filters import FilterSet
from instruction.enums import FINAL_STATES, Etat
from instruction.models import Dossier
from territoires.models import Departement

VUES = [
    ("a_traiter", "À traiter"),
    ("suivis", "Suivis par moi"),
    ("attente", "En attente de la collectivité"),
    ("traites", "Traités"),
]


class DossierFilterSet(FilterSet):
    vue = django_filters.ChoiceFilter(label="Liste", choices=VUES, method="filter_vue", empty_label="Tous les dossiers")
    departement = django_filters.ModelChoiceFilter(
        label="Département", queryset=Departement.objects.order_by("code"), empty_label="Tous"
    )
    etat = django_filters.ChoiceFilter(
        label="État", choices=[c for c in Etat.choices if c[0] != Etat.BROUILLON], empty_label="Tous"
    )
    referent = django_filters.ModelChoiceFilter(label="Référent·e", queryset=User.objects.none(), empty_label="Tous")
    depose_apres = django_filters.DateFilter(
        label="Déposé à partir du",
        field_name="deposee_le",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    depose_avant = django_filters.DateFilter(
        label="Déposé jusqu'au",
        field_name="deposee_le",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tri = django_filters.OrderingFilter(
        label="Trier par",
        fields=(("deposee_le", "deposee_le"), ("reference", "reference"), ("etat", "etat")),
        field_labels={
            "deposee_le": "Date de dépôt",
            "-deposee_le": "Date de dépôt (récents d'abord)",
            "reference": "Numéro",
            "-reference": "Numéro (décroissant)",
            "etat": "État",
            "-etat": "État (décroissant)",
        },
        empty_label="Tri par défaut",
    )

    class Meta:
        model = Dossier
        fields = ["vue", "departement", "etat", "referent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        dossiers = self.queryset.order_by()
        ids = dossiers.exclude(referent=None).values("referent_id")
        self.filters["referent"].queryset = User.objects.filter(pk__in=ids).order_by("last_name", "first_name")
        # The départements of the listed dossiers only (a délégation's one or two, a siège's région): not a
        # select of every département of France, rendered on every list page. The one asked for stays valid
        # (an empty list, as before, rather than an error).
        offered = Q(pk__in=dossiers.exclude(departement=None).values("departement_id"))
        chosen = str((self.data or {}).get("departement", ""))
        if chosen.isdigit():
            offered |= Q(pk=int(chosen))
        self.filters["departement"].queryset = Departement.objects.filter(offered).order_by("code")
        self._user = user

    def filter_vue(self, queryset, name, value):
        if value == "a_traiter":
            return queryset.filter(etat__in=[Etat.DEPOSEE, Etat.EN_INSTRUCTION])
        if value == "suivis":
            return queryset.filter(Q(referent=self._user) & ~Q(etat__in=FINAL_STATES))
        if value == "attente":
            return queryset.filter(etat=Etat.COMPLEMENT_DEMANDE)
        if value == "traites":
            return queryset.filter(etat__in=FINAL_STATES)
        return queryset


class CoInstructionFilterSet(DossierFilterSet):
    """The co-instruction list of the partners: the shared filters and the kind (when several are co-instructed)."""

    kind = django_filters.ChoiceFilter(label="Type de dossier", choices=(), empty_label="Tous")

    class Meta(DossierFilterSet.Meta):
        fields = [*DossierFilterSet.Meta.fields, "kind"]

    def __init__(self, *args, **kwargs):
        from instruction.kinds import get_kind, kinds_with_partners

        super().__init__(*args, **kwargs)
        codes = kinds_with_partners()
        if len(codes) > 1:
            self.filters["kind"].extra["choices"] = [(code, get_kind(code).label) for code in codes]
        else:
            del self.filters["kind"]
