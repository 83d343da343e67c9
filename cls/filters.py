import django_filters

from cls.models import Thematique
from instruction.filters import DossierFilterSet


class LettreFilterSet(DossierFilterSet):
    """The instruction list of CLS lettres d'intention: the shared dossier filters plus the thematic."""

    thematique = django_filters.ModelChoiceFilter(
        label="Thématique",
        queryset=Thematique.objects.all(),
        field_name="lettre_cls__thematiques",
        empty_label="Toutes",
    )

    class Meta(DossierFilterSet.Meta):
        fields = [*DossierFilterSet.Meta.fields, "thematique"]
