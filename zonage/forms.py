from django import forms

from config.forms import BaseForm, BaseModelForm
from config.uploads import DOCUMENT_KINDS, ImportFileField, ValidatedFileField
from zonage.enums import ArreteStatut, DocumentType
from zonage.models import ArreteZonage

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


DATE_FIELDS = (
    "date_signature",
    "date_effet",
    "date_fin",
    "date_debut_concertation_urps",
    "date_fin_concertation_urps",
    "date_saisine_crsa",
    "date_avis_crsa",
)


def _vintage_choices(imported: list[str], current: str, empty: str) -> list[tuple[str, str]]:
    """The imported vintages, plus the arrêté's own value if it was never imported (kept, shown as such)."""
    choices = [("", empty)] + [(value, value) for value in imported]
    if current and current not in imported:
        choices.append((current, f"{current} (non importé)"))
    return choices


class ArreteForm(BaseModelForm):
    document_url = forms.URLField(
        label="Lien vers l'arrêté publié", max_length=400, required=False, assume_scheme="https"
    )
    millesime_population = forms.ChoiceField(
        label="Millésime des populations",
        help_text="Les parts de population de l'arrêté sont calculées sur ce millésime (importé).",
        required=False,
    )
    version_tvs = forms.ChoiceField(
        label="Version de la liste des TVS",
        help_text="Le rattachement des communes aux TVS sur lequel l'annexe a été établie (version importée).",
        required=False,
    )

    class Meta:
        model = ArreteZonage
        fields = [
            "profession",
            "reference",
            "titre",
            "methodologie",
            "millesime_population",
            "version_tvs",
            *DATE_FIELDS,
            "document_url",
        ]
        widgets = dict.fromkeys(DATE_FIELDS, DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        from territoires.services import population_millesimes, tvs_versions

        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["profession"]
        self.fields["millesime_population"].choices = _vintage_choices(
            population_millesimes(), self.instance.millesime_population, "Populations du dernier import"
        )
        self.fields["version_tvs"].choices = _vintage_choices(
            tvs_versions(), self.instance.version_tvs, "Rattachement courant des communes"
        )


class AnnexeImportForm(BaseForm):
    fichier = ImportFileField(
        label="Annexe de l'arrêté (CSV ou XLSX)",
        help_text="Colonnes : code (TVS ou code INSEE), nom, zone, apl (facultatif). 5 Mo au plus.",
        max_size=5 * 1024 * 1024,
    )


class DocumentForm(BaseForm):
    type = forms.ChoiceField(label="Type de document", choices=DocumentType.choices)
    titre = forms.CharField(
        label="Titre", max_length=200, help_text="Par exemple : « Avis de la CRSA du 12 mars 2026 »."
    )
    fichier = ValidatedFileField(label="Fichier", kinds=DOCUMENT_KINDS)

    def clean(self):
        cleaned = super().clean()
        fichier = cleaned.get("fichier")
        if cleaned.get("type") == DocumentType.ARRETE_SIGNE and fichier and fichier.upload_info.kind.code != "pdf":
            self.add_error("fichier", "L'arrêté signé se dépose au format PDF.")
        return cleaned


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
