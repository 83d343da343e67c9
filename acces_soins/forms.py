import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from acces_soins.enums import StatutMesure
from acces_soins.filters import perimetre_choices
from acces_soins.models import ComiteDePilotage, DeclinaisonMesure, Mesure
from acces_soins.periods import Perimetre, Semestre
from acces_soins.perms import can_request_bilan
from acces_soins.services.plan import StatutSaisi
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
    semestre = SemestreField(label="Semestre du commentaire")
    commentaire = forms.CharField(
        label="Commentaire du semestre", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    field_order = ["statut", "statut_date", "statut_source", "pilote", "indicateurs", "semestre", "commentaire"]

    class Meta:
        model = Mesure
        fields = ["pilote", "indicateurs"]
        widgets = {"indicateurs": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, semestre: Semestre, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_statut(self.instance)
        self.fields["semestre"].initial = str(semestre)
        existing = next((c.texte for c in self.instance.commentaires.all() if c.semestre == str(semestre)), "")
        self.fields["commentaire"].initial = existing
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
            for key, label in (choices or perimetre_choices(settings.REFERENCE_REGION))
            if can_request_bilan(user, Perimetre.parse(key))
        ]
        self.fields["semestre"].initial = str(Semestre.last_ended_before(timezone.localdate()))

    def clean_perimetre(self):
        return Perimetre.parse(self.cleaned_data["perimetre"])
