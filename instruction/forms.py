from django import forms

from comptes.models import Organisation, User
from config.forms import BaseForm
from config.uploads import ValidatedFileField
from instruction.enums import ALL_SECTIONS, REASON_REQUIRED, TRANSITION_LABELS, Etat, SensAvis


class DossierFormMixin:
    """The form of a dossier kind's content (a ModelForm).

    Every field is optional while drafting: a draft may be saved incomplete and the kind's `submit_check`
    lists what is missing when filing. `FILING_REQUIRED` names the fields filing demands: they are marked
    with an asterisk (« Les champs marqués d'un astérisque * sont obligatoires pour déposer »). The valid
    fields and uploads are saved even when another field fails (`valid_data`, `valid_uploads`). During a
    complément, only the fields of the sections the délégation opened (`editable`) can change.
    """

    UPLOADS: tuple[str, ...] = ()
    FILING_REQUIRED: tuple[str, ...] = ()
    is_filing_form = True
    use_required_attribute = False

    def __init__(self, *args, editable: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, form_field in self.fields.items():
            form_field.required = False
            form_field.filing_required = name in self.FILING_REQUIRED
            if editable is not None and name not in editable:
                form_field.disabled = True

    def _saved(self, name: str) -> bool:
        return name not in self.errors and not self.fields[name].disabled

    def valid_data(self) -> dict:
        """The fields that passed validation (saved even when another field failed)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.UPLOADS and name in self.fields and self._saved(name)
        }

    def valid_uploads(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.UPLOADS if self._saved(name)}


class TransitionForm(BaseForm):
    auto_id_format = "id_decision_%s"

    to_etat = forms.ChoiceField(
        label="Décision", choices=[(etat, TRANSITION_LABELS[etat]) for etat in TRANSITION_LABELS]
    )
    reason = forms.CharField(
        label="Motif",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire pour une demande de complément, un refus ou un classement sans suite.",
    )
    sections = forms.MultipleChoiceField(
        label="Parties du dossier que le déposant peut corriger",
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Pour une demande de complément : sans choix, le déposant répond par un message "
        "sans modifier son dossier.",
    )

    # The state the agent saw when the page was drawn: a dossier changed since is refused (optimistic check).
    etat_vu = forms.ChoiceField(choices=Etat.choices, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        if sections:
            self.fields["sections"].choices = [(ALL_SECTIONS, "Tout le dossier"), *sections]
        else:
            del self.fields["sections"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_etat") in REASON_REQUIRED and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason", f"Un motif est obligatoire pour passer à l'état « {Etat(cleaned['to_etat']).label} »."
            )
        sections = cleaned.get("sections") or []
        cleaned["sections"] = [ALL_SECTIONS] if ALL_SECTIONS in sections else sections
        return cleaned


class MessageForm(BaseForm):
    auto_id_format = "id_message_%s"

    body = forms.CharField(
        label="Votre message",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Écrivez votre message avant de l'envoyer."},
    )
    piece = ValidatedFileField(label="Pièce jointe", required=False)

    def clean(self):
        cleaned = super().clean()
        if "piece" in self.errors:
            self.add_error(
                "piece",
                "La pièce jointe a été refusée et n'est pas enregistrée : choisissez un autre fichier, "
                "puis envoyez de nouveau votre message.",
            )
        return cleaned

    def unsent_attachment(self) -> str:
        """Name of a valid attachment that was not stored because another field failed ("" otherwise).

        A browser never fills a file input again: the page says so instead of dropping it silently.
        """
        if not self.is_bound or not self.errors or "piece" in self.errors:
            return ""
        upload = self.cleaned_data.get("piece")
        return upload.name if upload else ""


class AnnotationForm(BaseForm):
    auto_id_format = "id_annotation_%s"

    body = forms.CharField(
        label="Annotation interne (visible de l'équipe d'instruction : ARS et partenaires invités)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AvisForm(BaseForm):
    auto_id_format = "id_avis_%s"

    organisation = forms.ModelChoiceField(label="Au nom de", queryset=Organisation.objects.none(), empty_label=None)
    sens = forms.ChoiceField(
        label="Avis",
        choices=SensAvis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez le sens de l'avis."},
    )
    motivation = forms.CharField(
        label="Motivation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Obligatoire pour un avis favorable avec réserves ou défavorable.",
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        sens = cleaned.get("sens")
        if sens and sens != SensAvis.FAVORABLE and not cleaned.get("motivation", "").strip():
            self.add_error(
                "motivation", f"La motivation est obligatoire pour un avis « {SensAvis(sens).label.lower()} »."
            )
        return cleaned


class InvitationForm(BaseForm):
    auto_id_format = "id_invitation_%s"

    organisation = forms.ModelChoiceField(
        label="Inviter un partenaire à co-instruire",
        queryset=Organisation.objects.none(),
        error_messages={"required": "Choisissez le partenaire à inviter."},
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["organisation"].queryset = candidates


class ReferentForm(BaseForm):
    auto_id_format = "id_referent_%s"

    referent = forms.ModelChoiceField(
        label="Chargé·e de mission référent·e", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["referent"].queryset = candidates
