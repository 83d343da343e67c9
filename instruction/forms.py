from django import forms

from comptes.models import Organisation, User
from config.forms import BaseForm
from config.uploads import ValidatedFileField
from instruction.enums import REASON_REQUIRED, TRANSITION_LABELS, Etat, SensAvis


class TransitionForm(BaseForm):
    to_etat = forms.ChoiceField(
        label="Décision", choices=[(etat, TRANSITION_LABELS[etat]) for etat in TRANSITION_LABELS]
    )
    reason = forms.CharField(
        label="Motif",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire pour une demande de complément, un refus ou un classement sans suite.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_etat") in REASON_REQUIRED and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason", f"Un motif est obligatoire pour passer à l'état « {Etat(cleaned['to_etat']).label} »."
            )
        return cleaned


class MessageForm(BaseForm):
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
    body = forms.CharField(
        label="Annotation interne (visible de l'équipe d'instruction : ARS et partenaires invités)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AvisForm(BaseForm):
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
    referent = forms.ModelChoiceField(
        label="Chargé·e de mission référent·e", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["referent"].queryset = candidates
