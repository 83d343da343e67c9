"""The yearly funding statement of a signed CPTS (amounts from the funding table in force)."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cpts.enums import CodeParametre
from cpts.models import AtteinteMission, BaremeLigne, Cpts
from cpts.services.regles import add_years, bareme_en_vigueur, parametre, taille_for

CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class LigneReleve:
    libelle: str
    part_fixe_annuelle: Decimal
    prorata: Decimal  # share of the contract year during which the mission ran (0–1)
    fixe_du: Decimal
    avance: Decimal  # paid on `date_avance`
    date_avance: datetime.date | None
    solde: Decimal  # paid at the anniversary
    part_variable_max: Decimal
    taux_atteinte: Decimal | None  # None: not entered yet
    variable_du: Decimal | None

    @property
    def total(self) -> Decimal:
        return self.fixe_du + (self.variable_du or Decimal(0))


@dataclass
class Releve:
    cpts: Cpts
    annee: int
    debut: datetime.date
    anniversaire: datetime.date
    bareme: str
    taille: str
    lignes: list[LigneReleve] = field(default_factory=list)

    @property
    def total_fixe(self) -> Decimal:
        return sum((ligne.fixe_du for ligne in self.lignes), Decimal(0))

    @property
    def total_avances(self) -> Decimal:
        return sum((ligne.avance for ligne in self.lignes), Decimal(0))

    @property
    def total_soldes(self) -> Decimal:
        return sum((ligne.solde for ligne in self.lignes), Decimal(0))

    @property
    def total_variable(self) -> Decimal:
        return sum((ligne.variable_du or Decimal(0) for ligne in self.lignes), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.total_fixe + self.total_variable


def _ligne(libelle, bareme_ligne, *, debut, fin, demarrage, taux, part_avance) -> LigneReleve:
    fixe = bareme_ligne.part_fixe if bareme_ligne else Decimal(0)
    variable_max = bareme_ligne.part_variable if bareme_ligne else Decimal(0)
    if demarrage is None or demarrage >= fin:
        prorata, start = Decimal(0), None
    else:
        start = max(demarrage, debut)
        prorata = Decimal((fin - start).days) / Decimal((fin - debut).days)
    fixe_du = _money(fixe * prorata)
    avance = _money(fixe_du * part_avance / 100)
    variable = None if taux is None else _money(variable_max * taux / 100)
    return LigneReleve(
        libelle=libelle,
        part_fixe_annuelle=fixe,
        prorata=prorata.quantize(Decimal("0.0001")),
        fixe_du=fixe_du,
        avance=avance,
        date_avance=start,
        solde=fixe_du - avance,
        part_variable_max=variable_max,
        taux_atteinte=taux,
        variable_du=variable,
    )


def releve_annuel(*, cpts: Cpts, annee: int) -> Releve:
    """Statement of contract year `annee` (1 = from the ACI date to its first anniversary).

    - fonctionnement and each mission's fixed part: due pro rata of the days the mission ran in the year
      (from its actual start); the advance share (75 %, data) is paid at the start, the balance at the
      anniversary; a mission not started before the anniversary is due nothing;
    - variable part: maximum × attainment entered by the staff for that year (nothing until entered);
    - amounts from the funding table in force on the first day of the year, for the size class then.
    """
    if cpts.date_aci is None:
        raise ValueError("Pas de relevé pour une CPTS sans ACI signé.")
    debut = add_years(cpts.date_aci, annee - 1)
    fin = add_years(cpts.date_aci, annee)
    bareme = bareme_en_vigueur(debut)
    taille = taille_for(cpts.population, on=debut)
    part_avance = parametre(CodeParametre.PART_AVANCE, on=debut)
    lignes = {ligne.mission_id: ligne for ligne in BaremeLigne.objects.filter(bareme=bareme, taille=taille)}
    taux = dict(
        AtteinteMission.objects.filter(mission_cpts__cpts=cpts, annee=annee).values_list("mission_cpts_id", "taux")
    )
    releve = Releve(cpts=cpts, annee=annee, debut=debut, anniversaire=fin, bareme=bareme.nom, taille=taille)
    releve.lignes.append(
        _ligne(
            "Fonctionnement",
            lignes.get(None),
            debut=debut,
            fin=fin,
            demarrage=cpts.date_aci,
            taux=None,
            part_avance=part_avance,
        )
    )
    for mission in cpts.missions.select_related("mission").order_by("mission__ordre"):
        releve.lignes.append(
            _ligne(
                mission.mission.libelle,
                lignes.get(mission.mission_id),
                debut=debut,
                fin=fin,
                demarrage=mission.date_demarrage,
                taux=taux.get(mission.pk),
                part_avance=part_avance,
            )
        )
    return releve


def _beneficiaire_of(obj, *, programme: str):
    """The ledger record of a CPTS or an MSP, created once (row locked)."""
    from django.db import transaction

    from financements.services import beneficiaire_create

    with transaction.atomic():
        locked = type(obj).objects.select_for_update().get(pk=obj.pk)
        if locked.beneficiaire_id is None:
            locked.beneficiaire = beneficiaire_create(
                programme=programme, libelle=locked.nom, departement=locked.departement
            )
            locked.save(update_fields=["beneficiaire"])
        return locked.beneficiaire


def cpts_beneficiaire(*, cpts: Cpts):
    """The CPTS as the funding ledger sees it: its yearly statements are committed there."""
    from financements.enums import Programme

    return _beneficiaire_of(cpts, programme=Programme.CPTS)


def msp_beneficiaire(*, msp):
    """The MSP / centre de santé as the funding ledger sees it (ARS commitments, co-financing lines)."""
    from financements.enums import Programme

    return _beneficiaire_of(msp, programme=Programme.MSP)
