"""Doctor movements: the monthly balance (entrées − sorties) per département and per TVS, and the alerts of a TVS
that loses its last general practitioner or whose GPs aged 60 and over exceed a share (a value of the référentiel,
« à confirmer »). The stock of a TVS is its latest census (register « effectifs ») plus the movements since."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from config.typography import fr_date, fr_percent
from registres.enums import ENTREES, SORTIES, ProfessionMedecin, Statut

SEUIL_SENIORS = ("registres", "part_medecins_60_ans_alerte")
AGE_SENIOR = 60


def mois_de(debut: datetime.date, fin: datetime.date) -> list[datetime.date]:
    """The first day of every month from `debut` to `fin` included."""
    months, current = [], debut.replace(day=1)
    while current <= fin:
        months.append(current)
        current = (current + datetime.timedelta(days=32)).replace(day=1)
    return months


def douze_derniers_mois(on: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = on.replace(day=1)
    for _ in range(11):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first, on


def _counts():
    return {
        "entrees": Count("pk", filter=Q(type_mouvement__in=ENTREES)),
        "sorties": Count("pk", filter=Q(type_mouvement__in=SORTIES)),
    }


def _scope(mouvements, debut, fin, profession):
    return mouvements.exclude(statut=Statut.PROJET).filter(
        profession=profession, date_debut__gte=debut, date_debut__lte=fin
    )


@dataclass
class Ligne:
    """One line of a balance table: a territory and its (entrées, sorties, solde) per month, and the totals."""

    code: str
    nom: str
    mois: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def entrees(self) -> int:
        return sum(item[0] for item in self.mois)

    @property
    def sorties(self) -> int:
        return sum(item[1] for item in self.mois)

    @property
    def solde(self) -> int:
        return self.entrees - self.sorties


def soldes(mouvements, *, debut, fin, par: str, profession=ProfessionMedecin.GENERALISTE) -> tuple[list, list[Ligne]]:
    """(months, lines): the balance per month of each département (`par="departement"`) or TVS (`par="tvs"`), in
    one query; months without movement count zero."""
    keys = {"departement": ("departement__code", "departement__nom"), "tvs": ("tvs__code", "tvs__nom")}[par]
    rows = (
        _scope(mouvements, debut, fin, profession)
        .annotate(mois=TruncMonth("date_debut"))
        .order_by()
        .values(*keys, "mois")
        .annotate(**_counts())
    )
    months = mois_de(debut, fin)
    lines: dict[str, Ligne] = {}
    values: dict[tuple[str, datetime.date], tuple[int, int]] = {}
    for row in rows:
        code = row[keys[0]] or ""
        lines.setdefault(code, Ligne(code, row[keys[1]] or "TVS non renseigné"))
        month = row["mois"].date() if isinstance(row["mois"], datetime.datetime) else row["mois"]
        values[(code, month)] = (row["entrees"], row["sorties"])
    for code, line in lines.items():
        for month in months:
            entrees, sorties = values.get((code, month), (0, 0))
            line.mois.append((entrees, sorties, entrees - sorties))
    return months, sorted(lines.values(), key=lambda line: (line.code == "", line.code))


def total(lines: list[Ligne], months) -> Ligne:
    """The sum of the lines, month by month (the région or all the user's départements)."""
    result = Ligne("", "Total")
    for index in range(len(months)):
        entrees = sum(line.mois[index][0] for line in lines)
        sorties = sum(line.mois[index][1] for line in lines)
        result.mois.append((entrees, sorties, entrees - sorties))
    return result


@dataclass
class EtatTvs:
    """The general practitioners of a TVS on a date: census + movements since."""

    tvs: object
    recensement: object
    entrees: int = 0
    sorties: int = 0
    seniors_entres: int = 0
    seniors_sortis: int = 0
    derniere_sortie: datetime.date | None = None

    @property
    def effectif(self) -> int:
        return self.recensement.medecins_generalistes + self.entrees - self.sorties

    @property
    def seniors(self) -> int | None:
        if self.recensement.dont_60_ans_et_plus is None:
            return None
        # Departures of unknown age may have been seniors: never more seniors than doctors.
        seniors = self.recensement.dont_60_ans_et_plus + self.seniors_entres - self.seniors_sortis
        return min(max(seniors, 0), max(self.effectif, 0))

    @property
    def part_seniors(self) -> Decimal | None:
        """Share (in %) of the GPs aged 60 and over, when the census gives the ages."""
        if self.seniors is None or self.effectif <= 0:
            return None
        return (Decimal(self.seniors) * 100 / Decimal(self.effectif)).quantize(Decimal("0.1"))

    @property
    def part_seniors_texte(self) -> str:
        part = self.part_seniors
        return "âges non connus" if part is None else fr_percent(part)


@dataclass(frozen=True)
class Alerte:
    tvs: object
    genre: str  # « dernier_medecin » or « seniors »
    message: str
    date: datetime.date | None = None


def etats_tvs(*, effectifs, mouvements, on: datetime.date) -> list[EtatTvs]:
    """For each TVS with a census on or before `on`: its latest census and the GP movements since (two queries)."""
    latest: dict[int, object] = {}
    censuses = (
        effectifs.exclude(statut=Statut.PROJET)
        .filter(date_debut__lte=on)
        .select_related("tvs", "departement__region")
        .order_by("tvs_id", "-date_debut", "-pk")
    )
    for census in censuses:
        latest.setdefault(census.tvs_id, census)
    states = {tvs_id: EtatTvs(census.tvs, census) for tvs_id, census in latest.items()}
    moves = (
        mouvements.exclude(statut=Statut.PROJET)
        .filter(profession=ProfessionMedecin.GENERALISTE, tvs_id__in=list(states), date_debut__lte=on)
        .order_by("date_debut", "pk")
        .values_list("tvs_id", "type_mouvement", "date_debut", "annee_naissance")
    )
    for tvs_id, kind, day, birth in moves:
        state = states[tvs_id]
        if day <= state.recensement.date_debut:
            continue  # already counted by the census
        senior = birth is not None and on.year - birth >= AGE_SENIOR
        if kind in ENTREES:
            state.entrees += 1
            state.seniors_entres += int(senior)
        else:
            state.sorties += 1
            state.seniors_sortis += int(senior)
            state.derniere_sortie = day
    return sorted(states.values(), key=lambda state: state.tvs.nom)


def _source(parametre) -> str:
    source = parametre.source
    return source.auteur or source.titre


def seuil_seniors(*, region, on: datetime.date):
    """The référentiel row of the alert share of GPs aged 60 and over for the region, or None."""
    from referentiel.services import parametre_en_vigueur

    return parametre_en_vigueur(*SEUIL_SENIORS, region=region, on=on)


def alertes(states: list[EtatTvs], *, on: datetime.date) -> list[Alerte]:
    """A TVS that had GPs and has none left; a TVS whose share of GPs aged 60 and over exceeds the référentiel's
    threshold for its region (no threshold published: no alert of that kind)."""
    result, seuils = [], {}
    for state in states:
        if state.effectif <= 0 and (state.recensement.medecins_generalistes + state.entrees) > 0:
            when = f" le {fr_date(state.derniere_sortie)}" if state.derniere_sortie else ""
            result.append(
                Alerte(
                    state.tvs,
                    "dernier_medecin",
                    f"Territoire de vie-santé « {state.tvs.nom} » : dernier médecin généraliste parti{when}.",
                    state.derniere_sortie,
                )
            )
            continue
        region = state.recensement.departement.region
        if region.pk not in seuils:
            seuils[region.pk] = seuil_seniors(region=region, on=on)
        seuil = seuils[region.pk]
        part = state.part_seniors
        if seuil is not None and part is not None and seuil.satisfait(part):
            result.append(
                Alerte(
                    state.tvs,
                    "seniors",
                    f"Territoire de vie-santé « {state.tvs.nom} » : {fr_percent(part)} des médecins généralistes ont "
                    f"60 ans et plus (seuil d'alerte : {seuil.valeur_affichee}, source : {_source(seuil)}"
                    f"{', à confirmer' if seuil.a_confirmer else ''}).",
                )
            )
    return result
