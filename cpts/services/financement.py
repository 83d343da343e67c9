"""The yearly funding statement of a signed CPTS and the reconciliation of the ACI amounts, from the register."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cpts.models import AtteinteMission, Cpts, Mission
from cpts.services.registre import taille_en_vigueur
from cpts.services.regles import add_years, exige, region_of, regles_cpts
from referentiel.enums import Domaine
from referentiel.models import Parametre
from referentiel.services import Parametres

CENT = Decimal("0.01")
ZERO = Decimal(0)


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
    a_confirmer: bool = False  # an amount of the register used here is « à confirmer »
    sans_montant: bool = False  # the register has no amount for this line on that date

    @property
    def total(self) -> Decimal:
        return self.fixe_du + (self.variable_du or ZERO)


@dataclass
class Releve:
    cpts: Cpts
    annee: int
    debut: datetime.date
    anniversaire: datetime.date
    taille: str
    lignes: list[LigneReleve] = field(default_factory=list)
    references: list[Parametre] = field(default_factory=list)  # the register rows the statement used
    regles: Parametres | None = None  # every CPTS row in force on `debut` (reused by the page)

    @property
    def a_confirmer(self) -> bool:
        return any(row.a_confirmer for row in self.references)

    @property
    def total_fixe(self) -> Decimal:
        return sum((ligne.fixe_du for ligne in self.lignes), ZERO)

    @property
    def total_avances(self) -> Decimal:
        return sum((ligne.avance for ligne in self.lignes), ZERO)

    @property
    def total_soldes(self) -> Decimal:
        return sum((ligne.solde for ligne in self.lignes), ZERO)

    @property
    def total_variable(self) -> Decimal:
        return sum((ligne.variable_du or ZERO for ligne in self.lignes), ZERO)

    @property
    def total(self) -> Decimal:
        return self.total_fixe + self.total_variable


def _amount(rows: Parametres, code: str, cle: str, used: list) -> Decimal | None:
    row = rows.get(code, cle)
    if row is None or row.valeur is None:
        return None
    used.append(row)
    return row.valeur


def _ligne(libelle, fixe, variable_max, *, debut, fin, demarrage, taux, part_avance, a_confirmer) -> LigneReleve:
    if demarrage is None or demarrage >= fin:
        prorata, start = ZERO, None
    else:
        start = max(demarrage, debut)
        prorata = Decimal((fin - start).days) / Decimal((fin - debut).days)
    fixe_du = _money((fixe or ZERO) * prorata)
    avance = _money(fixe_du * part_avance / 100)
    variable = None if taux is None else _money((variable_max or ZERO) * taux / 100)
    return LigneReleve(
        libelle=libelle,
        part_fixe_annuelle=fixe or ZERO,
        prorata=prorata.quantize(Decimal("0.0001")),
        fixe_du=fixe_du,
        avance=avance,
        date_avance=start,
        solde=fixe_du - avance,
        part_variable_max=variable_max or ZERO,
        taux_atteinte=taux,
        variable_du=variable,
        a_confirmer=a_confirmer,
        sans_montant=fixe is None and variable_max is None,
    )


def releve_annuel(*, cpts: Cpts, annee: int) -> Releve:
    """Statement of contract year `annee` (1 = from the ACI date to its first anniversary).

    - fonctionnement and each mission's fixed part: due pro rata of the days the mission ran in the year
      (from its actual start); the advance share (register, 75 %) is paid at the start, the balance at the
      anniversary; a mission not started before the anniversary is due nothing;
    - variable part: maximum × attainment entered by the staff for that year (nothing until entered);
    - amounts: the register rows in force on the first day of the year, for the size class that applies then
      (recorded at signature, revised only by an avenant). A mission without an amount in force (the crisis
      mission before the avenant 2) is due nothing.
    """
    if cpts.date_aci is None:
        raise ValueError("Pas de relevé pour une CPTS sans ACI signé.")
    debut = add_years(cpts.date_aci, annee - 1)
    fin = add_years(cpts.date_aci, annee)
    region = region_of(cpts)
    taille = taille_en_vigueur(cpts, on=debut)
    rows = regles_cpts(region=region, on=debut)
    avance_row = exige(rows, Domaine.CPTS, "part_fixe_avance", region=region, on=debut)
    releve = Releve(
        cpts=cpts, annee=annee, debut=debut, anniversaire=fin, taille=taille, references=[avance_row], regles=rows
    )
    taux = dict(
        AtteinteMission.objects.filter(mission_cpts__cpts=cpts, annee=annee).values_list("mission_cpts_id", "taux")
    )
    lines = [("Fonctionnement", "fonctionnement", taille, None, cpts.date_aci, None)]
    missions = getattr(cpts, "_prefetched_objects_cache", {}).get("missions")  # the page's, in the same order
    if missions is None:
        missions = cpts.missions.select_related("mission").order_by("mission__ordre")
    for mission in missions:
        cle = f"{mission.mission.code}.{taille}"
        lines.append(
            (
                mission.mission.libelle,
                "mission_part_fixe",
                cle,
                "mission_part_variable",
                mission.date_demarrage,
                taux.get(mission.pk),
            )
        )
    for libelle, code_fixe, cle, code_variable, demarrage, rate in lines:
        used = []
        fixe = _amount(rows, code_fixe, cle, used)
        variable = _amount(rows, code_variable, cle, used) if code_variable else None
        releve.references.extend(used)
        releve.lignes.append(
            _ligne(
                libelle,
                fixe,
                variable,
                debut=debut,
                fin=fin,
                demarrage=demarrage,
                taux=rate,
                part_avance=avance_row.valeur,
                a_confirmer=any(row.a_confirmer for row in used),
            )
        )
    return releve


@dataclass(frozen=True)
class Rapprochement:
    """For one size class on a date: the yearly maximum of the ACI against the sum of the amounts of the register
    (fonctionnement + every mission's fixed and variable parts). A positive gap is funding the split leaves out."""

    taille: str
    plafond: Parametre | None
    fonctionnement: Decimal
    missions: Decimal
    references: tuple[Parametre, ...]

    @property
    def total(self) -> Decimal:
        return self.fonctionnement + self.missions

    @property
    def ecart(self) -> Decimal | None:
        return None if self.plafond is None else self.plafond.valeur - self.total

    @property
    def a_confirmer(self) -> bool:
        return any(row.a_confirmer for row in self.references)


def rapprochement(*, taille: str, region, on: datetime.date, rows: Parametres | None = None) -> Rapprochement:
    """Reconcile the split of the register with the yearly maximum for a size class (two queries, one when the
    rows in force are given)."""
    rows = rows or regles_cpts(region=region, on=on)
    used: list[Parametre] = []
    fonctionnement = _amount(rows, "fonctionnement", taille, used) or ZERO
    missions = ZERO
    for code in Mission.objects.en_vigueur(on).values_list("code", flat=True):
        for kind in ("mission_part_fixe", "mission_part_variable"):
            missions += _amount(rows, kind, f"{code}.{taille}", used) or ZERO
    return Rapprochement(taille, rows.get("plafond_annuel", taille), fonctionnement, missions, tuple(used))


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
    """The MSP as the funding ledger sees it (ARS commitments, co-financing lines)."""
    from financements.enums import Programme

    return _beneficiaire_of(msp, programme=Programme.MSP)


def centre_beneficiaire(*, centre):
    """The centre de santé as the funding ledger sees it (programme « MSP / centre de santé »)."""
    from financements.enums import Programme

    return _beneficiaire_of(centre, programme=Programme.MSP)


@dataclass(frozen=True)
class References:
    """The register rows a CPTS page shows next to its figures (each with its source and « à confirmer »)."""

    bornes: list  # [(taille, lower bound row)] from T2 up: how the register draws the size classes
    versement_lettre: Parametre | None  # avenant 2: paid when the lettre d'intention is validated
    amorcage: Parametre | None  # avenant 2: start-up envelope after the signature
    rapprochement: Rapprochement | None


def cpts_references(*, cpts: Cpts, taille: str, on: datetime.date, rows: Parametres | None = None) -> References:
    """What the register says for a size class of this CPTS on a date (`rows`: those in force then, if read)."""
    if not taille:
        return References([], None, None, None)
    region = region_of(cpts)
    rows = rows or regles_cpts(region=region, on=on)
    bornes = sorted(rows.cles("taille_borne_basse").items(), key=lambda item: item[1].valeur)
    return References(
        bornes=[(name, row) for name, row in bornes if row.valeur],
        versement_lettre=rows.get("versement_lettre_validee", taille),
        amorcage=rows.get("amorcage", taille),
        rapprochement=rapprochement(taille=taille, region=region, on=on, rows=rows) if cpts.date_aci else None,
    )
