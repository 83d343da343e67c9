from django import forms

from config.forms import BaseForm
from config.uploads import ImportFileField
from indicateurs.enums import Qualificatif
from indicateurs.semestre import Semestre

MAX_IMPORT_SIZE = 2 * 1024 * 1024


class SemestreField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("help_text", "Format : 2026-S1 (S1 = janvier–juin, S2 = juillet–décembre).")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return Semestre.parse(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class ValeurForm(BaseForm):
    perimetre = forms.ModelChoiceField(label="Territoire", queryset=None, empty_label=None)
    periode = SemestreField(label="Semestre")
    valeur = forms.DecimalField(label="Valeur", required=False, max_digits=14, decimal_places=3, localize=True)
    secret = forms.BooleanField(
        label="Secret statistique", required=False, help_text="La valeur existe mais ne peut être diffusée."
    )
    commentaire = forms.CharField(label="Commentaire", required=False, max_length=500)

    def __init__(self, *args, perimetres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perimetre"].queryset = perimetres

    def clean(self):
        data = super().clean()
        if data.get("secret") and data.get("valeur") is not None:
            self.add_error("valeur", "Laissez la valeur vide pour une donnée sous secret statistique.")
        elif not data.get("secret") and data.get("valeur") is None and "valeur" not in self.errors:
            self.add_error("valeur", "Indiquez une valeur, ou cochez « secret statistique ».")
        return data


class AvisForm(BaseForm):
    periode = SemestreField(label="Semestre concerné")
    texte = forms.CharField(label="Avis du comité", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class ImportForm(BaseForm):
    fichier = ImportFileField(
        label="Fichier de valeurs",
        help_text="CSV (séparateur ; ou ,, UTF-8) ou XLSX, 2 Mo au plus. Colonnes : indicateur, niveau, code, "
        "periode, valeur (nombre ou « secret »), commentaire (facultatif).",
        max_size=MAX_IMPORT_SIZE,
    )


class RepereForm(BaseForm):
    KIND_CHOICES = [("baseline", "Valeur de référence"), ("cible", "Cible")]

    kind = forms.ChoiceField(label="Type", choices=KIND_CHOICES, widget=forms.RadioSelect)
    perimetre = forms.ModelChoiceField(label="Territoire", queryset=None, empty_label=None)
    qualificatif = forms.ChoiceField(
        label="La source donne",
        choices=Qualificatif.choices,
        required=False,
        help_text="« plus de 330 » : « plus de ».",
    )
    valeur = forms.DecimalField(label="Valeur", max_digits=14, decimal_places=3, localize=True)
    periode = SemestreField(label="Semestre (référence) ou échéance (cible)")
    source = forms.CharField(label="Source", max_length=250, required=False)

    def __init__(self, *args, perimetres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perimetre"].queryset = perimetres


class IndicateurFicheForm(BaseForm):
    """Link a catalogue indicator to a fiche action, with the fiche's own target."""

    indicateur = forms.ModelChoiceField(label="Indicateur du catalogue", queryset=None)
    cible_valeur = forms.DecimalField(
        label="Cible de la fiche",
        max_digits=14,
        decimal_places=3,
        localize=True,
        help_text="Dans l'unité de l'indicateur.",
    )
    echeance = SemestreField(label="Échéance de la cible")

    def __init__(self, *args, indicateurs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicateur"].queryset = indicateurs
