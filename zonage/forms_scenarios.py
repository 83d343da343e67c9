"""Forms of the zonage simulator (scenarios)."""

from django import forms

from config.forms import BaseForm
from zonage.enums import Granularite
from zonage.models import ArreteZonage, Scenario

NOM_HELP = "Par exemple : « ZIP élargie au sud du Cher »."


def base_choices(region_ids):
    """Arrêtés a scenario may start from: in force (published) or projects, of a profession zoned by TVS."""
    return (
        ArreteZonage.objects.filter(region_id__in=region_ids, profession__granularite=Granularite.TVS)
        .exclude(statut__in=["remplace", "abroge"])
        .select_related("profession")
        .order_by("profession__ordre", "-date_effet", "-created_at")
    )


class BaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, arrete):
        return f"{arrete.profession.libelle} — {arrete.reference} ({arrete.get_statut_display().lower()})"


class ScenarioCreateForm(BaseForm):
    base = BaseChoiceField(label="Arrêté de départ", queryset=ArreteZonage.objects.none())
    nom = forms.CharField(label="Nom du scénario", max_length=150, help_text=NOM_HELP)
    methodologie = forms.CharField(
        label="Version de la méthodologie nationale",
        max_length=20,
        required=False,
        help_text="Vide : celle de l'arrêté de départ. Les plafonds régionaux du référentiel sont ceux "
        "de cette version.",
    )

    def __init__(self, *args, region_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].queryset = base_choices(region_ids)


class ScenarioEditForm(BaseForm):
    nom = forms.CharField(label="Nom du scénario", max_length=150)
    description = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ScenarioCopyForm(BaseForm):
    nom = forms.CharField(label="Nom de la copie", max_length=150, help_text=NOM_HELP)


class ClassementForm(BaseForm):
    """One TVS of the simulator table: its zone (select) or its justification (text), sent by htmx on change."""

    zone = forms.CharField(max_length=20, required=False)
    justification = forms.CharField(max_length=2000, required=False)


class ProposerForm(BaseForm):
    reference = forms.CharField(
        label="Référence du projet d'arrêté", max_length=120, help_text="Par exemple : ARS-CVL-2027-001."
    )
    titre = forms.CharField(label="Titre", max_length=300)


class CompareForm(BaseForm):
    s = forms.ModelMultipleChoiceField(
        label="Scénarios à comparer", queryset=Scenario.objects.none(), to_field_name="public_id"
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["s"].queryset = queryset if queryset is not None else Scenario.objects.none()

    def clean_s(self):
        scenarios = list(self.cleaned_data["s"])
        if not 2 <= len(scenarios) <= 4:
            raise forms.ValidationError("Choisissez de deux à quatre scénarios.")
        if len({scenario.profession_id for scenario in scenarios}) > 1:
            raise forms.ValidationError("Choisissez des scénarios de la même profession.")
        return scenarios
