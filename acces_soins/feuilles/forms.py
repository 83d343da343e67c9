from django import forms
from django.db.models import Q

from acces_soins.models import Action, FeuilleDeRoute, Jalon, Solution
from config.autocomplete import Autocomplete
from config.forms import BaseModelForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SolutionForm(BaseModelForm):
    class Meta:
        model = Solution
        fields = ["libelle", "theme", "description", "sites_exemples", "ordre", "actif", "source"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "sites_exemples": forms.Textarea(attrs={"rows": 3}),
        }


class FeuilleForm(BaseModelForm):
    class Meta:
        model = FeuilleDeRoute
        fields = ["periode_debut", "periode_fin", "statut", "date_adoption"]
        widgets = {"periode_debut": DATE_WIDGET, "periode_fin": DATE_WIDGET, "date_adoption": DATE_WIDGET}


def _solution_label(solution: Solution) -> str:
    if solution.inspiration:
        return f"{solution.libelle} (inspiration d'une autre région : {solution.region_libelle})"
    return solution.libelle


class ActionForm(BaseModelForm):
    class Meta:
        model = Action
        fields = [
            "solution",
            "libelle",
            "theme",
            "description",
            "pilote_organisation",
            "pilote_nom",
            "partenaires",
            "date_debut",
            "date_fin",
            "statut",
            "indicateurs",
        ]
        widgets = {
            "date_debut": DATE_WIDGET,
            "date_fin": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
            "partenaires": forms.Textarea(attrs={"rows": 3}),
            "indicateurs": forms.SelectMultiple(attrs={"size": 6}),
            # Every organisation of the région: searched, never listed (issue 16).
            "pilote_organisation": Autocomplete("pilotes-action"),
        }
        help_texts = {
            "libelle": "Facultatif pour une solution du catalogue : son libellé est repris.",
            "theme": "Pour une solution du catalogue, le thème de la solution est repris.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The région's own solutions first, then other régions' as inspiration (labelled as such).
        current = self.instance.solution_id
        feuille = getattr(self.instance, "feuille", None)
        region_code = feuille.territoire.region_code if feuille else None  # the territoire's région (one path)
        solutions = Solution.objects.filter(Q(actif=True) | Q(pk=current)).select_related("document")
        self.fields["solution"].queryset = solutions.proposables(region_code)
        self.fields["solution"].label_from_instance = _solution_label
        self.fields["solution"].empty_label = "Action propre au territoire"
        # Querysets from the relations themselves: no import of another app's models.
        organisations = self.fields["pilote_organisation"].queryset
        self.fields["pilote_organisation"].queryset = organisations.of_region(region_code).order_by("nom")
        self.fields["indicateurs"].queryset = self.fields["indicateurs"].queryset.order_by("code")
        self.fields["libelle"].required = False
        self.fields["theme"].required = False

    def clean(self):
        data = super().clean()
        solution = data.get("solution")
        if solution:
            # The solution's theme, and its label when none is given (the service applies the same rule).
            data["theme"] = solution.theme
            data["libelle"] = data.get("libelle") or solution.libelle
        else:
            if not data.get("libelle"):
                self.add_error("libelle", "Donnez un libellé à une action propre au territoire.")
            if not data.get("theme"):
                self.add_error("theme", "Choisissez le thème d'une action propre au territoire.")
        return data


class JalonForm(BaseModelForm):
    class Meta:
        model = Jalon
        fields = ["libelle", "date_prevue", "date_realisee"]
        widgets = {"date_prevue": DATE_WIDGET, "date_realisee": DATE_WIDGET}


JalonFormSet = forms.inlineformset_factory(Action, Jalon, form=JalonForm, extra=2, can_delete=True)
