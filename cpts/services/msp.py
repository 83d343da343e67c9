"""MSP rules, every value from the register (domain « msp »): minimum team, SISA within its grace period,
points (fixed, and variable ones scaled to the patientèle), advance, end of the ACI. Writes on the MSP register."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from config.typography import fr_date, fr_quantity
from cpts.enums import PARAMEDICAUX, Profession, StatutSisa
from cpts.models import Msp, ProfessionnelMsp, SiteMsp
from cpts.services.regles import add_months, add_years, exige, region_of, regles_msp
from cpts.services.structures import assign_fields
from referentiel.enums import Domaine
from referentiel.models import Parametre
from referentiel.services import Parametres

MSP = Domaine.MSP


@dataclass(frozen=True)
class Sisa:
    """Where an MSP stands with the SISA rule on a date."""

    statut: str  # StatutSisa
    echeance: datetime.date | None  # the last day to constitute it (ACI date + grace period)
    delai: Parametre | None

    @property
    def bloquant(self) -> bool:
        return self.statut == StatutSisa.HORS_DELAI

    @property
    def libelle(self) -> str:
        return StatutSisa(self.statut).label


def sisa_statut(*, msp: Msp, on: datetime.date, rows: Parametres) -> Sisa:
    """SISA rule: an MSP may sign the ACI before it is a SISA, and must be one by the ACI date + the grace period
    of the register (6 months: the last day of the period is still in time)."""
    if msp.date_aci is None:
        return Sisa(StatutSisa.NON_REQUISE if not msp.sisa else StatutSisa.CONSTITUEE, None, None)
    region = region_of(msp)
    delai = exige(rows, MSP, "sisa_delai", region=region, on=msp.date_aci)
    echeance = add_months(msp.date_aci, int(delai.valeur))
    constituee = msp.sisa and (msp.date_sisa is None or msp.date_sisa <= on)
    if constituee:
        late = msp.date_sisa is not None and msp.date_sisa > echeance
        return Sisa(StatutSisa.CONSTITUEE_HORS_DELAI if late else StatutSisa.CONSTITUEE, echeance, delai)
    return Sisa(StatutSisa.EN_DELAI if on <= echeance else StatutSisa.HORS_DELAI, echeance, delai)


@dataclass
class Eligibilite:
    medecins: int
    paramedicaux: int
    min_medecins: Parametre
    min_paramedicaux: Parametre
    sisa: Sisa

    @property
    def equipe_ok(self) -> bool:
        return self.min_medecins.satisfait(self.medecins) and self.min_paramedicaux.satisfait(self.paramedicaux)

    @property
    def eligible_aci(self) -> bool:
        return self.equipe_ok and not self.sisa.bloquant

    @property
    def motifs(self) -> list[str]:
        motifs = []
        if not self.min_medecins.satisfait(self.medecins):
            declares = fr_quantity(self.medecins, "médecin généraliste déclaré", "médecins généralistes déclarés")
            motifs.append(f"Équipe minimale : {self.min_medecins.valeur_affichee} ({declares}).")
        if not self.min_paramedicaux.satisfait(self.paramedicaux):
            declares = fr_quantity(
                self.paramedicaux, "professionnel paramédical déclaré", "professionnels paramédicaux déclarés"
            )
            motifs.append(f"Équipe minimale : {self.min_paramedicaux.valeur_affichee} ({declares}).")
        if self.sisa.bloquant:
            motifs.append(
                f"La SISA devait être constituée au plus tard le {fr_date(self.sisa.echeance)} "
                f"({self.sisa.delai.valeur_affichee} après la signature de l'ACI)."
            )
        return motifs


def msp_regles(*, msp: Msp | None = None, region=None, on: datetime.date) -> Parametres:
    """Every MSP rule in force for the structure's region (or `region`) on a date, in one query."""
    return regles_msp(region=region if msp is None else region_of(msp), on=on)


def msp_eligibilite(*, msp: Msp, on: datetime.date, rows: Parametres | None = None) -> Eligibilite:
    """Minimum team (register, with its operator) and SISA within its grace period. Uses the prefetched
    `professionnels`; lists pass the `rows` read once."""
    rows = rows or msp_regles(msp=msp, on=on)
    region = region_of(msp)
    counts = {row.profession: row.nombre for row in msp.professionnels.all()}
    return Eligibilite(
        medecins=counts.get(Profession.MEDECIN_GENERALISTE, 0),
        paramedicaux=sum(number for profession, number in counts.items() if profession in PARAMEDICAUX),
        min_medecins=exige(rows, MSP, "equipe_min", region=region, on=on, cle=Profession.MEDECIN_GENERALISTE),
        min_paramedicaux=exige(rows, MSP, "equipe_min", region=region, on=on, cle="paramedical"),
        sisa=sisa_statut(msp=msp, on=on, rows=rows),
    )


@dataclass
class Remuneration:
    """The estimated yearly ACI remuneration of an MSP from the criteria it meets."""

    points_fixes: int
    points_variables: int  # at the reference patientèle
    patientele: int | None
    reference: Parametre
    valeur_point: Parametre
    avance_part: Parametre
    avance_minimum: Parametre
    references: list[Parametre]
    sans_points: list[str]  # criteria met that have no points in the register

    @property
    def points_variables_ajustes(self) -> Decimal | None:
        """Variable points scaled to the patientèle: points × patientèle / reference (None when unknown)."""
        if self.patientele is None:
            return None
        return (Decimal(self.points_variables) * self.patientele / self.reference.valeur).quantize(Decimal("0.01"))

    @property
    def points(self) -> Decimal:
        return Decimal(self.points_fixes) + (self.points_variables_ajustes or 0)

    @property
    def montant(self) -> Decimal:
        return (self.points * self.valeur_point.valeur).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def avance(self) -> Decimal:
        """The advance paid during the year: its share of the estimate, never below the register's minimum."""
        share = (self.montant * self.avance_part.valeur / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return max(share, self.avance_minimum.valeur)

    @property
    def a_confirmer(self) -> bool:
        return any(row.a_confirmer for row in self.references)


def msp_remuneration(*, msp: Msp, on: datetime.date, rows: Parametres | None = None) -> Remuneration:
    """Points of the criteria met (fixed + variable scaled to the patientèle) × point value, and the advance."""
    rows = rows or msp_regles(msp=msp, on=on)
    region = region_of(msp)
    rule = {
        code: exige(rows, MSP, code, region=region, on=on)
        for code in ("patientele_reference", "valeur_point", "avance_part", "avance_minimum")
    }
    references = list(rule.values())
    fixes = variables = 0
    sans_points = []
    met = msp.criteres.filter(atteint=True).select_related("critere").order_by("critere__ordre")
    for critere in (row.critere for row in met):
        fixe, variable = (
            rows.get("critere_points_fixes", critere.code),
            rows.get("critere_points_variables", critere.code),
        )
        if fixe is None and variable is None:
            sans_points.append(critere.libelle)
        for row in (fixe, variable):
            if row is not None:
                references.append(row)
        fixes += int(fixe.valeur) if fixe else 0
        variables += int(variable.valeur) if variable else 0
    return Remuneration(
        points_fixes=fixes,
        points_variables=variables,
        patientele=msp.patientele,
        reference=rule["patientele_reference"],
        valeur_point=rule["valeur_point"],
        avance_part=rule["avance_part"],
        avance_minimum=rule["avance_minimum"],
        references=references,
        sans_points=sans_points,
    )


def msp_fin_aci(*, msp: Msp, rows: Parametres | None = None) -> datetime.date | None:
    """End of an MSP's ACI: signature + the contract duration in force on the signature date."""
    if msp.date_aci is None:
        return None
    rows = rows or msp_regles(msp=msp, on=msp.date_aci)
    duree = exige(rows, MSP, "duree_aci", region=region_of(msp), on=msp.date_aci)
    return add_years(msp.date_aci, int(duree.valeur))


@transaction.atomic
def msp_save(*, msp: Msp | None, data: dict, equipe: dict[str, int], site: dict, by) -> Msp:
    """Create or update an MSP of the register: main fields, professionals by profession and the main site.
    An MSP may sign the ACI before being a SISA (the grace period is a rule of the register, shown on its page)."""
    msp = msp or Msp()
    assign_fields(msp, data)
    if msp.date_sisa:
        msp.sisa = True
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
