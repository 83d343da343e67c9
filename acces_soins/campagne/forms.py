from django import forms
from django.utils import timezone

from acces_soins.forms import SemestreField
from acces_soins.periods import Semestre
from config.forms import BaseForm
from config.numbers import IsoDateInput


class CampagneForm(BaseForm):
    semestre = SemestreField(label="Semestre des remontées")
    date_cloture = forms.DateField(
        label="Clôture des remontées",
        widget=IsoDateInput(),
        help_text="Dernier jour pour transmettre une contribution. Proposée d'après le référentiel de la région.",
    )

    def __init__(self, *args, semestre: Semestre, cloture=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["semestre"].initial = str(semestre)
        if cloture is not None:
            self.fields["date_cloture"].initial = cloture


def default_semestre() -> Semestre:
    return Semestre.last_ended_before(timezone.localdate())


class MotifForm(BaseForm):
    """The reason of a renvoi (read by the contributor)."""

    motif = forms.CharField(
        label="Motif du renvoi",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Obligatoire pour renvoyer la contribution : le contributeur le lira.",
    )
