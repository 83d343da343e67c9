import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from acces_soins.enums import StatutDecision, StatutMesure
from acces_soins.filters import perimetre_choices
from acces_soins.models import ComiteDePilotage, Decision, DeclinaisonMesure, Mesure
from acces_soins.periods import Perimetre, Semestre
from acces_soins.perms import can_request_bilan
from acces_soins.services.plan import StatutSaisi
from comptes.perms import user_region_code
from config.forms import BaseForm, BaseModelForm
from config.uploads import PDF_ONLY, ValidatedFileField

DECISION_REFS = re.compile(r"^\s*\[(?P<refs>[^\]]*)\]\s*(?P<texte>.+)$")


class SemestreField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("help_text", "Format : 2026-S1 (1er semestre) ou 2026-S2.")
        super().__init__(**kwargs)

    def clean(self, value):
        return Semestre.parse(super().clean(value))


class StatutFormMixin(forms.Form):
    """A status with its own date and source. Changing the status asks for the new source and date: the old
    ones speak of the old status."""

    statut = forms.ChoiceField(label="Statut", choices=StatutMesure.choices)
    statut_date = forms.DateField(
        label="Date du statut",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Date de la source qui établit ce statut.",
    )
    statut_source = forms.CharField(
        label="Source du statut",
        max_length=300,
        help_text="Le document, la séance du comité ou le courrier qui établit ce statut.",
    )

    def init_statut(self, obj) -> None:
        if obj.pk:
            self.fields["statut"].initial = obj.statut
            self.fields["statut_date"].initial = obj.statut_date
            self.fields["statut_source"].initial = obj.statut_source_affichee

    def clean_statut_fields(self) -> None:
        if "statut" not in self.changed_data:
            return
        if "statut_source" not in self.changed_data:
            self.add_error("statut_source", "Indiquez la source du nouveau statut : l'ancienne porte sur l'ancien.")
        if "statut_date" not in self.changed_data:
            self.add_error("statut_date", "Indiquez la date du nouveau statut.")

    @property
    def statut_saisi(self) -> StatutSaisi:
        data = self.cleaned_data
        return StatutSaisi(statut=data["statut"], date=data["statut_date"], source=data["statut_source"])


class MesureForm(StatutFormMixin, BaseModelForm):
    field_order = ["statut", "statut_date", "statut_source", "pilote", "indicateurs"]

    class Meta:
        model = Mesure
        fields = ["pilote", "indicateurs"]
        widgets = {"indicateurs": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_statut(self.instance)
        # The relation's own queryset: no import of the indicators' models.
        self.fields["indicateurs"].queryset = self.fields["indicateurs"].queryset.order_by("priorite", "ordre", "code")

    def clean(self):
        data = super().clean()
        self.clean_statut_fields()
        return data


class DeclinaisonForm(StatutFormMixin, BaseModelForm):
    field_order = ["statut", "statut_date", "statut_source", "commentaire"]

    class Meta:
        model = DeclinaisonMesure
        fields = ["commentaire"]
        widgets = {"commentaire": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_statut(self.instance)

    def clean(self):
        data = super().clean()
        self.clean_statut_fields()
        return data


class ComiteForm(BaseModelForm):
    semestre = SemestreField(label="Semestre")
    decisions = forms.CharField(
        label="Décisions",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Une décision par ligne. Pour la lier à des mesures, commencez par leurs références entre "
        "crochets, par exemple : [P1.3, P3.1] Étendre les consultations avancées au Cher.",
    )
    document = ValidatedFileField(label="Document joint (PDF)", kinds=PDF_ONLY, required=False)

    class Meta:
        model = ComiteDePilotage
        fields = ["semestre", "date", "participants", "ordre_du_jour", "releve_decisions"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.Textarea(attrs={"rows": 4}),
            "ordre_du_jour": forms.Textarea(attrs={"rows": 4}),
            "releve_decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, mesures, **kwargs):
        super().__init__(*args, **kwargs)
        self.mesures_by_ref = {m.reference: m for m in mesures}
        if self.instance.pk:
            self.fields["decisions"].initial = "\n".join(
                (f"[{', '.join(m.reference for m in d.mesures.all())}] " if d.mesures.all() else "") + d.texte
                for d in self.instance.decisions.all()
            )
        else:
            self.fields["semestre"].initial = str(Semestre.containing(timezone.localdate()))

    def clean_semestre(self):
        return str(self.cleaned_data["semestre"])

    def clean_decisions(self):
        decisions = []
        for line in self.cleaned_data["decisions"].splitlines():
            if not line.strip():
                continue
            match = DECISION_REFS.match(line)
            if not match:
                decisions.append((line.strip(), []))
                continue
            refs = [ref.strip().upper() for ref in match["refs"].split(",") if ref.strip()]
            unknown = [ref for ref in refs if ref not in self.mesures_by_ref]
            if unknown:
                raise ValidationError(f"Mesure inconnue : {', '.join(unknown)}.")
            decisions.append((match["texte"].strip(), [self.mesures_by_ref[ref] for ref in refs]))
        return decisions


class BilanRequestForm(BaseForm):
    perimetre = forms.ChoiceField(label="Périmètre")
    semestre = SemestreField(label="Semestre")

    def __init__(self, *args, user, choices=None, **kwargs):
        kwargs.setdefault("auto_id", "demande_%s")  # the list page also has the filter form
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["perimetre"].choices = [
            (key, label)
            for key, label in (choices or perimetre_choices(user_region_code(user)))
            if can_request_bilan(user, Perimetre.parse(key))
        ]
        self.fields["semestre"].initial = str(Semestre.last_ended_before(timezone.localdate()))

    def clean_perimetre(self):
        return Perimetre.parse(self.cleaned_data["perimetre"])


class NoteForm(BaseForm):
    """THE form of a semester note, whatever its target: the fields its kind asks (`notes.NoteKind`), nothing else.
    Used by the action page, the measure page and every line of a campaign contribution."""

    semestre = SemestreField(label="Semestre")
    statut = forms.ChoiceField(label="Nouveau statut")
    avancement = forms.IntegerField(label="Avancement (%)", min_value=0, max_value=100)
    valeur = forms.DecimalField(label="Valeur", required=False, max_digits=14, decimal_places=3, localize=True)
    secret = forms.BooleanField(
        label="Secret statistique", required=False, help_text="La valeur existe mais ne peut être diffusée."
    )
    texte = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, kind, with_semestre: bool = False, note=None, semestre=None, **kwargs):
        if note is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "texte": note.texte,
                "avancement": note.avancement,
                "statut": note.statut,
                "valeur": note.valeur,
                "secret": note.secret,
            }
        super().__init__(*args, **kwargs)
        self.kind = kind
        if with_semestre:
            self.fields["semestre"].initial = str(semestre) if semestre else ""
        else:
            del self.fields["semestre"]
        if kind.statuts:
            self.fields["statut"].choices = kind.statut_choices()
            self.fields["statut"].label = kind.statut_label
        else:
            del self.fields["statut"]
        if not kind.avancement:
            del self.fields["avancement"]
        if not kind.valeur:
            del self.fields["valeur"], self.fields["secret"]
        self.fields["texte"].label = kind.texte_label
        self.fields["texte"].required = kind.texte_requis

    def clean(self):
        data = super().clean()
        if self.kind.valeur and data.get("secret") and data.get("valeur") is not None:
            self.add_error("valeur", "Laissez la valeur vide pour une donnée sous secret statistique.")
        elif self.kind.valeur and not data.get("secret") and data.get("valeur") is None and "valeur" not in self.errors:
            self.add_error("valeur", "Indiquez une valeur, ou cochez « secret statistique ».")
        return data

    def note_data(self) -> dict:
        """The keyword arguments of `notes.note_enregistrer` (fields the kind does not ask are empty)."""
        data = self.cleaned_data
        return {
            "texte": data.get("texte") or "",
            "avancement": data.get("avancement"),
            "statut": data.get("statut") or "",
            "valeur": data.get("valeur"),
            "secret": bool(data.get("secret")),
        }


class DecisionForm(BaseModelForm):
    """Who follows a decision of the comité, by when, and what it concerns (the siège)."""

    class Meta:
        model = Decision
        fields = ["responsable_personne", "responsable_organisation", "echeance", "mesures", "fiches", "indicateurs"]
        widgets = {
            "echeance": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "mesures": forms.SelectMultiple(attrs={"size": 6}),
            "fiches": forms.SelectMultiple(attrs={"size": 6}),
            "indicateurs": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, region_code: str, **kwargs):
        super().__init__(*args, prefix="decision", **kwargs)
        # The relations' own querysets: no import of the other apps' models.
        fields = self.fields
        # Only the people and organisations of the session's région: another région's names never reach the page.
        organisations = fields["responsable_organisation"].queryset.filter(is_active=True).of_region(region_code)
        fields["responsable_organisation"].queryset = organisations
        # The person is typed by e-mail (no list of every account on the page), one of the région's active members.
        personne = fields["responsable_personne"]
        fields["responsable_personne"] = forms.ModelChoiceField(
            queryset=personne.queryset.filter(
                is_active=True,
                memberships__is_active=True,
                memberships__organisation__in=organisations.values("pk"),
            ).distinct(),
            to_field_name="email",
            required=False,
            label=personne.label,
            help_text="Adresse électronique d'une personne inscrite sur le portail dans la région.",
            widget=forms.EmailInput,
            error_messages={"invalid_choice": "Aucune personne inscrite dans la région n'a cette adresse."},
        )
        if self.instance.responsable_personne_id:
            self.initial["responsable_personne"] = self.instance.responsable_personne.email
        fields["mesures"].queryset = (
            fields["mesures"].queryset.filter(priorite__plan__region_code=region_code).select_related("priorite")
        )
        fields["fiches"].queryset = (
            fields["fiches"].queryset.filter(contrat__departement__region__code=region_code).select_related("contrat")
        )
        fields["fiches"].label_from_instance = lambda fiche: f"{fiche.contrat.nom} — fiche {fiche}"
        fields["indicateurs"].queryset = fields["indicateurs"].queryset.filter(actif=True)


class SuiviDecisionForm(BaseForm):
    """One step of a decision's follow-up (its owner or the siège)."""

    statut = forms.ChoiceField(label="Statut", choices=StatutDecision.choices)
    commentaire = forms.CharField(label="Commentaire", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    motif_abandon = forms.CharField(
        label="Motif de l'abandon",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Obligatoire pour une décision abandonnée.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="suivi", **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("statut") == StatutDecision.ABANDONNEE and not (data.get("motif_abandon") or "").strip():
            self.add_error("motif_abandon", "Indiquez pourquoi la décision est abandonnée.")
        return data
