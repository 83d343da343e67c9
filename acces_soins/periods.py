"""Value objects of the bilans: a semester ("2026-S1") and a perimeter (région or département).

One parser and one formatter each; both are immutable and hashable so they can key caches and
be stored as plain strings in the database and in snapshots.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, ValidationError

from indicateurs.semestre import Semestre

# One semester value object for the whole portal: it lives in indicateurs (below acces_soins).
__all__ = ["Perimetre", "Semestre"]


PERIMETRE_KINDS = ("region", "departement")
PERIMETRE_RE = re.compile(r"^(?P<kind>region|departement):(?P<code>[0-9AB]{2,3})$")


@dataclass(frozen=True)
class Perimetre:
    """The territory of a bilan: the whole région or one département, by INSEE code."""

    kind: str
    code: str

    def __post_init__(self):
        if self.kind not in PERIMETRE_KINDS:
            raise ValidationError(f"Périmètre invalide : {self.kind}.")

    def __str__(self):
        return f"{self.kind}:{self.code}"

    @classmethod
    def parse(cls, value: "str | Perimetre") -> "Perimetre":
        if isinstance(value, Perimetre):
            return value
        match = PERIMETRE_RE.match(str(value).strip().lower().replace("2a", "2A").replace("2b", "2B"))
        if not match:
            raise ValidationError(f"Périmètre invalide : « {value} » (formats attendus : region:24 ou departement:37).")
        return cls(match["kind"], match["code"].upper())

    @classmethod
    def region(cls, code: str) -> "Perimetre":
        return cls("region", code)

    @classmethod
    def departement(cls, code: str) -> "Perimetre":
        return cls("departement", code)

    @property
    def is_region(self) -> bool:
        return self.kind == "region"

    def resolve(self):
        """The territoires object (Region or Departement); raises DoesNotExist if unknown."""
        from territoires.models import Departement, Region

        model = Region if self.is_region else Departement
        return model.objects.get(code=self.code)

    def communes(self):
        from territoires.models import Commune

        if self.is_region:
            return Commune.objects.filter(departement__region__code=self.code)
        return Commune.objects.filter(departement__code=self.code)

    def departement_codes(self) -> list[str]:
        from territoires.models import Departement

        if not self.is_region:
            return [self.code]
        return list(Departement.objects.filter(region__code=self.code).order_by("code").values_list("code", flat=True))

    def _codes(self) -> dict[str, str]:
        return {"region_code": self.code} if self.is_region else {"departement_code": self.code}

    def ars_nom(self) -> str:
        """« Agence régionale de santé Centre-Val de Loire »: the ARS competent for this périmètre."""
        from comptes.selectors import ars_nom

        return ars_nom(**self._codes())

    def identite(self):
        """The identity of the ARS competent for this périmètre (`comptes.selectors.Identite`: name, sender)."""
        from comptes.selectors import identite_regionale

        return identite_regionale(**self._codes())

    def label(self, place=None) -> str:
        """French label: « Région Centre-Val de Loire » or « Indre-et-Loire (37) ». `place`: the Region or
        Departement of this périmètre when already read (else one query)."""
        try:
            place = place or self.resolve()
        except ObjectDoesNotExist:  # an unknown code still gets a readable label
            return f"{'Région' if self.is_region else 'Département'} {self.code}"
        return f"Région {place.nom}" if self.is_region else f"Département {place}"
