"""Regional parameters of the CLS programme, read at the date that matters (filing date)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from cls.enums import CodeParametre
from cls.models import ParametreRegional

DEFAULTS = {  # only used when the table is empty (never in production: a data migration seeds it)
    CodeParametre.SEUIL_POPULATION: Decimal("50000"),
    CodeParametre.SEUIL_ETP: Decimal("150000"),
    CodeParametre.ETP_SOUS_SEUIL: Decimal("1"),
    CodeParametre.ETP_AU_DESSUS: Decimal("2"),
    CodeParametre.PLAFOND_PAR_ETP: Decimal("25000"),
    CodeParametre.COFINANCEMENT_REQUIS: Decimal("1"),
}


@dataclass(frozen=True)
class Valeur:
    code: str
    valeur: Decimal
    source: str
    valide_du: date | None

    @property
    def entier(self) -> int:
        return int(self.valeur)


def parametres_en_vigueur(*, on: date, region_id: int | None = None) -> dict[str, Valeur]:
    """Every CLS parameter in force on a date, the region's own value winning over the default (one query)."""
    regional = Q(region_id=region_id) if region_id else Q(pk__in=[])
    rows = ParametreRegional.objects.en_vigueur(on).filter(regional | Q(region__isnull=True))
    found: dict[str, ParametreRegional] = {}
    for row in sorted(rows, key=lambda r: (r.region_id is not None, r.valide_du)):
        found[row.code] = row
    values = {
        code: Valeur(code, default, "Valeur par défaut (aucun paramètre saisi)", None)
        for code, default in DEFAULTS.items()
    }
    for code, row in found.items():
        values[code] = Valeur(code, row.valeur, row.source, row.valide_du)
    return values
