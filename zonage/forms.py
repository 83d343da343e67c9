from django import forms

from config.forms import BaseForm, BaseModelForm
from zonage.enums import ArreteStatut
from zonage.models import ArreteZonage

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ArreteForm(BaseModelForm):
    document_url = forms.URLField(
        label="Lien vers l'arrêté publié", max_length=400, required=False, assume_scheme="https"
    )

    class Meta:
        model = ArreteZonage
        fields = [
            "profession",
            "reference",
            "titre",
            "methodologie",
            "millesime_population",
            "date_signature",
            "date_effet",
            "date_fin",
            "date_avis_crsa",
            "document_url",
        ]
        widgets = dict.fromkeys(("date_signature", "date_effet", "date_fin", "date_avis_crsa"), DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["profession"]


class AnnexeImportForm(BaseForm):
    fichier = forms.FileField(
        label="Annexe de l'arrêté (CSV ou XLSX)",
        help_text="Colonnes : code (TVS ou code INSEE), nom, zone, apl (facultatif). 5 Mo au plus.",
    )

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        if not fichier.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Déposez un fichier .csv ou .xlsx.")
        if fichier.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Le fichier dépasse 5 Mo.")
        return fichier


class TransitionForm(BaseForm):
    vers = forms.ChoiceField(label="Nouveau statut", choices=ArreteStatut.choices)
    motif = forms.CharField(label="Motif ou observation", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommentaireForm(BaseForm):
    texte = forms.CharField(label="Votre commentaire", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class CommuneSearchForm(BaseForm):
    q = forms.CharField(
        label="Nom de la commune ou code postal",
        help_text="Par exemple : Loches, 37600. Les accents sont facultatifs.",
        max_length=100,
        required=False,
    )
