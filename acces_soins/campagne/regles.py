"""The campaign's dated rules, read from the référentiel (domain « remontees ») for the campaign's région on the date
that matters — never a value written in code: a région without a row gets no default (the siège types the date)."""

import datetime
from dataclasses import dataclass

from referentiel.enums import Domaine
from referentiel.services import parametre_en_vigueur, parametres_en_vigueur

DELAI_CLOTURE = "delai_cloture"
RAPPEL_JOURS = "rappel_jours"


@dataclass(frozen=True)
class ClotureProposee:
    date: datetime.date | None
    regle: str  # how the date was obtained, with the source, « à confirmer » when it is


def cloture_proposee(*, region_code: str, semestre) -> ClotureProposee:
    """The default closing date: the register's delay after the end of the semester (in force on that day)."""
    row = parametre_en_vigueur(Domaine.REMONTEES, DELAI_CLOTURE, region=region_code, on=semestre.end)
    if row is None or row.valeur is None:
        return ClotureProposee(None, "Pas de règle publiée pour la région : indiquez la date de clôture.")
    jours = int(row.valeur)
    regle = f"{jours} jours après la fin du semestre (référentiel : {row.source.titre}"
    regle += ", à confirmer)" if row.a_confirmer else ")"
    return ClotureProposee(semestre.end + datetime.timedelta(days=jours), regle)


def paliers_rappel(*, region_code: str, on: datetime.date) -> list[int]:
    """The reminder steps in force (days before the closing date), most distant first; none without a row."""
    rows = parametres_en_vigueur(Domaine.REMONTEES, region=region_code, on=on).cles(RAPPEL_JOURS)
    return sorted(
        {int(row.valeur) for row in rows.values() if row.valeur is not None and row.valeur >= 1}, reverse=True
    )
