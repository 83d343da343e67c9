"""MSP rules: eligibility to the ACI and the estimated annual remuneration."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from config.typography import fr_quantity
from cpts.enums import PARAMEDICAUX, CodeParametre, Profession, TypeStructure
from cpts.models import Msp, ProfessionnelMsp, SiteMsp
from cpts.services.regles import parametre


@dataclass
class Eligibilite:
    medecins: int
    paramedicaux: int
    min_medecins: int
    min_paramedicaux: int
    sisa: bool
    sisa_requise: bool

    @property
    def equipe_ok(self) -> bool:
        return self.medecins >= self.min_medecins and self.paramedicaux >= self.min_paramedicaux

    @property
    def eligible_aci(self) -> bool:
        return self.equipe_ok and (self.sisa or not self.sisa_requise)

    @property
    def motifs(self) -> list[str]:
        motifs = []
        if self.medecins < self.min_medecins:
            motifs.append(
                f"Il faut au moins {fr_quantity(self.min_medecins, 'médecin généraliste', 'médecins généralistes')} "
                f"({fr_quantity(self.medecins, 'déclaré')})."
            )
        if self.paramedicaux < self.min_paramedicaux:
            minimum = fr_quantity(self.min_paramedicaux, "professionnel paramédical", "professionnels paramédicaux")
            motifs.append(f"Il faut au moins {minimum} ({fr_quantity(self.paramedicaux, 'déclaré')}).")
        if self.sisa_requise and not self.sisa:
            motifs.append("La structure doit être constituée en SISA pour signer l'ACI.")
        return motifs


def msp_minima(*, on: datetime.date) -> tuple[int, int]:
    """(médecins généralistes, paramédicaux) of the minimum team in force on a date."""
    return (
        int(parametre(CodeParametre.MSP_MIN_MG, on=on)),
        int(parametre(CodeParametre.MSP_MIN_PARAMEDICAL, on=on)),
    )


def msp_eligibilite(*, msp: Msp, on: datetime.date, minima: tuple[int, int] | None = None) -> Eligibilite:
    """Minimum team (médecins généralistes, paramédicaux: data) and SISA (required for an MSP's ACI).
    Uses the prefetched `professionnels` when present; lists pass `minima` read once."""
    min_medecins, min_paramedicaux = minima or msp_minima(on=on)
    counts = {row.profession: row.nombre for row in msp.professionnels.all()}
    return Eligibilite(
        medecins=counts.get(Profession.MEDECIN_GENERALISTE, 0),
        paramedicaux=sum(number for profession, number in counts.items() if profession in PARAMEDICAUX),
        min_medecins=min_medecins,
        min_paramedicaux=min_paramedicaux,
        sisa=msp.sisa,
        sisa_requise=msp.type == TypeStructure.MSP,
    )


def msp_remuneration(*, msp: Msp, on: datetime.date) -> tuple[int, Decimal]:
    """(points of the criteria met, estimated annual remuneration = points × point value in force)."""
    points = sum(row.critere.points for row in msp.criteres.select_related("critere") if row.atteint)
    return points, Decimal(points) * parametre(CodeParametre.VALEUR_POINT, on=on)


MSP_FIELDS = ("type", "nom", "departement", "statut", "sisa", "date_projet_sante", "date_aci", "porteur")


@transaction.atomic
def msp_save(*, msp: Msp | None, data: dict, equipe: dict[str, int], site: dict, by) -> Msp:
    """Create or update a structure of the register: main fields, professionals by profession and
    the main site (commune + address). The database refuses an MSP's ACI without SISA."""
    msp = msp or Msp()
    for name in MSP_FIELDS:
        if name in data:
            setattr(msp, name, data[name])
    if msp.date_aci and msp.type == TypeStructure.MSP and not msp.sisa:
        raise ValidationError({"date_aci": "Une MSP doit être constituée en SISA pour signer l'ACI."})
    if site.get("commune") and site["commune"].departement_id != msp.departement_id:
        raise ValidationError({"commune": "La commune du site principal doit être dans le département choisi."})
    msp._history_user = by
    msp.full_clean()
    msp.save()
    for profession, nombre in equipe.items():
        if nombre:
            ProfessionnelMsp.objects.update_or_create(msp=msp, profession=profession, defaults={"nombre": nombre})
        else:
            ProfessionnelMsp.objects.filter(msp=msp, profession=profession).delete()
    if site.get("commune"):
        SiteMsp.objects.update_or_create(
            msp=msp, principal=True, defaults={"commune": site["commune"], "adresse": site.get("adresse", "")}
        )
    return msp
