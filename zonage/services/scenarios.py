"""The zonage simulator (siège, before a new arrêté): scenarios copied from an arrêté's annex, edited TVS by TVS,
their live counters, their comparison, and their proposal as an arrêté project.

Counters are computed exactly like the arrêté's own figures (`rules.rows_with_communes` + `rules.shares_of`, on the
vintages of the arrêté de départ), so that a scenario and the arrêté it becomes show the same shares. Every
regulatory figure (APL threshold and operator, regional caps per methodology version, aid amounts) is read from the
référentiel for the scenario's region, today.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from referentiel.enums import Domaine
from referentiel.models import Parametre
from referentiel.services import Parametres, parametres_en_vigueur
from territoires.services import RegionCommunes, region_communes
from zonage.enums import Eligibilite, Granularite, OrigineScenario
from zonage.models import Aide, ArreteZonage, Classement, Scenario, ScenarioClassement, ZoneCategorie
from zonage.services.rules import SEUIL_APL, ZIP, CapCheck, ZoneShares, cap_checks, rows_with_communes, shares_of

# The référentiel dimensions read as the unit amount of an aid, in this order (after a per-zone amount).
AMOUNT_KEYS = ("montant", "montant_min", "montant_annuel", "allocation_mensuelle")
PROPOSED = "Ce scénario est devenu un projet d'arrêté : il ne se modifie plus. Copiez-le pour continuer."


def today() -> datetime.date:
    return timezone.localdate()


# --- Writes -----------------------------------------------------------------------------------------------------


def check_base(base: ArreteZonage) -> None:
    if base.profession.granularite != Granularite.TVS:
        raise ValidationError(
            "Le simulateur classe des territoires de vie-santé : choisissez un arrêté d'une profession zonée par TVS."
        )
    if not base.classements.filter(tvs__isnull=False).exists():
        raise ValidationError("L'arrêté de départ n'a pas d'annexe : importez d'abord son classement.")


@transaction.atomic
def scenario_create(
    *,
    base: ArreteZonage,
    nom: str,
    by,
    methodologie: str = "",
    description: str = "",
    origine: str = OrigineScenario.MANUEL,
    decisions: dict[int, tuple[str, str]] | None = None,
) -> Scenario:
    """A scenario starting from the annex of an arrêté (in force or a project): same TVS, zones and APL.

    `decisions` ({TVS id: (zone code, justification)}) replaces some zones at once (the optimiser's)."""
    check_base(base)
    scenario = Scenario(
        nom=nom.strip(),
        region=base.region,
        profession=base.profession,
        methodologie=methodologie or base.methodologie,
        base=base,
        millesime_population=base.millesime_population,
        version_tvs=base.version_tvs,
        origine=origine,
        description=description,
        created_by=by,
    )
    scenario._history_user = by
    scenario.full_clean()
    scenario.save()
    zones = {zone.code: zone.pk for zone in base.profession.zones.all()}
    decisions = decisions or {}
    rows = []
    for tvs_id, zone_id, apl in base.classements.filter(tvs__isnull=False).values_list("tvs_id", "zone_id", "apl"):
        zone_code, justification = decisions.get(tvs_id, (None, ""))
        rows.append(
            ScenarioClassement(
                scenario=scenario,
                tvs_id=tvs_id,
                zone_id=zones[zone_code] if zone_code else zone_id,
                apl=apl,
                justification=justification,
            )
        )
    ScenarioClassement.objects.bulk_create(rows)
    return scenario


@transaction.atomic
def scenario_copy(*, source: Scenario, nom: str, by) -> Scenario:
    """A new scenario with the same zones and justifications as `source` (same arrêté de départ)."""
    decisions = {
        tvs_id: (zone_code, justification)
        for tvs_id, zone_code, justification in source.classements.values_list("tvs_id", "zone__code", "justification")
    }
    return scenario_create(
        base=source.base,
        nom=nom,
        by=by,
        methodologie=source.methodologie,
        description=source.description,
        origine=OrigineScenario.COPIE,
        decisions=decisions,
    )


@transaction.atomic
def scenario_classement_update(
    *, scenario: Scenario, tvs_id: int, by, zone_code: str | None = None, justification: str | None = None
) -> ScenarioClassement:
    """Move one TVS to another zone and/or record why. Raises ScenarioClassement.DoesNotExist for a foreign TVS."""
    if scenario.is_proposed:
        raise ValidationError(PROPOSED)
    row = scenario.classements.select_related("zone", "tvs").get(tvs_id=tvs_id)
    if zone_code is not None:
        zone = ZoneCategorie.objects.filter(profession=scenario.profession, code=zone_code).first()
        if zone is None:
            raise ValidationError(f"Zone inconnue pour cette profession : « {zone_code} ».")
        row.zone = zone
    if justification is not None:
        row.justification = justification.strip()
    row._history_user = by
    # The zone is the profession's and the row is the scenario's (read above): no full_clean and its four checks.
    row.save(update_fields=["zone", "justification"])
    Scenario.objects.filter(pk=scenario.pk).update(updated_at=timezone.now())
    return row


@transaction.atomic
def scenario_update(*, scenario: Scenario, nom: str, description: str, by) -> Scenario:
    scenario.nom, scenario.description = nom.strip(), description
    scenario._history_user = by
    scenario.full_clean()
    scenario.save()
    return scenario


# --- Counters ---------------------------------------------------------------------------------------------------


@dataclass
class LigneTvs:
    """One TVS of a scenario as the simulator's table shows it."""

    tvs_id: int
    code: str
    nom: str
    apl: Decimal | None
    zone: str
    zone_base: str | None
    population: int
    vivier: bool  # APL meets the register's threshold (with its operator)
    justification: str = ""

    @property
    def change(self) -> bool:
        return self.zone != self.zone_base

    @property
    def sous_seuil_non_zip(self) -> bool:
        return self.vivier and self.zone != ZIP


@dataclass
class AideImpact:
    """What a scenario changes for one aid opened by zones: communes (and people) gaining or losing it."""

    aide: Aide
    ouvertes: int = 0
    population_ouverte: int = 0
    perdues: int = 0
    population_perdue: int = 0
    montants: list[Parametre] = field(default_factory=list)  # unit amounts used (référentiel)
    estimation_ouverte: Decimal | None = None
    estimation_perdue: Decimal | None = None

    @property
    def unite(self) -> str:
        """The unit of the estimations (« € », « € par an »): that of the amounts used, when they share one."""
        unites = {montant.unite for montant in self.montants}
        return unites.pop() if len(unites) == 1 else "€"


@dataclass
class Compteurs:
    shares: ZoneShares
    caps: list[CapCheck]
    seuil: Parametre | None
    lignes: list[LigneTvs]
    population_changee: int
    aides: list[AideImpact]
    on: datetime.date

    @property
    def sous_seuil_non_zip(self) -> list[LigneTvs]:
        return [ligne for ligne in self.lignes if ligne.sous_seuil_non_zip]

    @property
    def caps_depasses(self) -> list[CapCheck]:
        return [cap for cap in self.caps if cap.exceeded]

    @property
    def conforme(self) -> bool:
        return not self.caps_depasses and not self.sous_seuil_non_zip

    def share(self, *zones: str) -> float:
        return self.shares.cumul(*zones).share


def montant_unitaire(regles: Parametres, aide: Aide, zone_code: str) -> Parametre | None:
    """The aid's amount for one beneficiary in a zone: a per-zone row (« ZIP »), else its first amount in euros."""
    if not aide.referentiel_code:
        return None
    rows = regles.cles(aide.referentiel_code)
    if zone_code in rows and rows[zone_code].valeur is not None:
        return rows[zone_code]
    for key in AMOUNT_KEYS:
        row = rows.get(key)
        if row is not None and row.valeur is not None and row.unite.startswith("€"):
            return row
    return None


def _aides(profession, on: datetime.date) -> list[Aide]:
    aides = Aide.objects.en_vigueur(on=on).filter(eligibilite=Eligibilite.ZONE, zones__profession=profession)
    return list(aides.distinct().prefetch_related("zones").order_by("ordre", "code"))


def _impacts(rows, base_zones: dict[int, str], aides: list[Aide], regles: Parametres) -> list[AideImpact]:
    impacts = []
    for aide in aides:
        opening = {zone.code for zone in aide.zones.all()}
        impact = AideImpact(aide)
        ouverte, perdue, used = Decimal(0), Decimal(0), {}
        for row in rows:
            before, after = base_zones.get(row.values["tvs_id"]), row.values["zone__code"]
            was, now = before in opening, after in opening
            if was == now:
                continue
            zone = after if now else before
            amount = montant_unitaire(regles, aide, zone)
            if amount is not None:
                used[amount.pk] = amount
            for commune in row.communes:
                if now:
                    impact.ouvertes += 1
                    impact.population_ouverte += commune.population
                    ouverte += amount.valeur if amount is not None else 0
                else:
                    impact.perdues += 1
                    impact.population_perdue += commune.population
                    perdue += amount.valeur if amount is not None else 0
        impact.montants = list(used.values())
        if impact.montants:
            impact.estimation_ouverte, impact.estimation_perdue = ouverte, perdue
        impacts.append(impact)
    return impacts


@dataclass
class Contexte:
    """What counters read besides the scenario rows; loaded once for several scenarios of the same vintages."""

    communes: RegionCommunes
    regles: Parametres
    aides: list[Aide]
    on: datetime.date


def contexte(source, *, on: datetime.date | None = None) -> Contexte:
    """The vintages, register rows and aids of a scenario or an arrêté (both name region, profession, vintages)."""
    on = on or today()
    return Contexte(
        communes=region_communes(
            source.region_id, tvs_version=source.version_tvs, millesime_population=source.millesime_population
        ),
        regles=parametres_en_vigueur(Domaine.ZONAGE, region=source.region, on=on),
        aides=_aides(source.profession, on),
        on=on,
    )


VALUES = ("tvs_id", "zone__code", "apl", "tvs__code", "tvs__nom")


def compteurs(
    values, *, reference_id: int | None, methodologie: str, ctx: Contexte, base_zones: dict | None = None
) -> Compteurs:
    """Shares against the regional caps, TVS under the APL threshold not in ZIP, population that changes zone
    (against the reference arrêté) and aids opened or lost, for classification rows of TVS (dicts of `VALUES`,
    plus an optional `justification`). `base_zones`: the reference arrêté's zones, when already read."""
    rows = rows_with_communes(values, ctx.communes)
    shares = shares_of(rows, ctx.communes)
    if base_zones is None:
        base_zones = {}
        if reference_id is not None:
            base_zones = dict(Classement.objects.filter(arrete_id=reference_id).values_list("tvs_id", "zone__code"))
    seuil = ctx.regles.get(SEUIL_APL)
    lignes = []
    for row in rows:
        apl = row.values["apl"]
        lignes.append(
            LigneTvs(
                tvs_id=row.values["tvs_id"],
                code=row.values["tvs__code"],
                nom=row.values["tvs__nom"],
                apl=apl,
                zone=row.values["zone__code"],
                zone_base=base_zones.get(row.values["tvs_id"]),
                population=row.population,
                vivier=bool(seuil is not None and seuil.operateur and apl is not None and seuil.satisfait(apl)),
                justification=row.values.get("justification", ""),
            )
        )
    return Compteurs(
        shares=shares,
        caps=cap_checks(ctx.regles, methodologie, shares),
        seuil=seuil,
        lignes=lignes,
        population_changee=sum(ligne.population for ligne in lignes if ligne.change),
        aides=_impacts(rows, base_zones, ctx.aides, ctx.regles),
        on=ctx.on,
    )


def scenario_compteurs(scenario: Scenario, *, ctx: Contexte | None = None) -> Compteurs:
    """The counters of a scenario against its arrêté de départ. Seven queries, whatever the number of TVS."""
    values = scenario.classements.values(*VALUES, "justification").order_by("tvs__nom", "tvs__code")
    return compteurs(
        values, reference_id=scenario.base_id, methodologie=scenario.methodologie, ctx=ctx or contexte(scenario)
    )


def arrete_compteurs(arrete: ArreteZonage, *, justifications: dict[int, str] | None = None) -> Compteurs:
    """The same counters for an arrêté's TVS annex, against its previous version (the consultation file)."""
    values = list(arrete.classements.filter(tvs__isnull=False).values(*VALUES).order_by("tvs__nom", "tvs__code"))
    for row in values:
        row["justification"] = (justifications or {}).get(row["tvs_id"], "")
    return compteurs(values, reference_id=arrete.precedent_id, methodologie=arrete.methodologie, ctx=contexte(arrete))


# --- Comparison -------------------------------------------------------------------------------------------------


@dataclass
class Comparaison:
    scenarios: list[Scenario]
    compteurs: list[Compteurs]
    differences: list[dict]  # TVS whose zone is not the same in every scenario
    zones: list[ZoneCategorie]


def scenarios_compare(scenarios: list[Scenario]) -> Comparaison:
    """Counters side by side and the TVS classified differently (2 to 4 scenarios of one profession)."""
    if not 2 <= len(scenarios) <= 4:
        raise ValidationError("Comparez de deux à quatre scénarios.")
    if len({scenario.profession_id for scenario in scenarios}) > 1:
        raise ValidationError("Les scénarios comparés doivent concerner la même profession.")
    contexts: dict[tuple, Contexte] = {}
    # Every scenario's rows, and every arrêté de départ's zones, in one query each (not one per scenario).
    values: dict[int, list[dict]] = {scenario.pk: [] for scenario in scenarios}
    rows = ScenarioClassement.objects.filter(scenario__in=scenarios).values("scenario_id", *VALUES, "justification")
    for row in rows.order_by("tvs__nom", "tvs__code"):
        values[row.pop("scenario_id")].append(row)
    bases: dict[int, dict] = {scenario.base_id: {} for scenario in scenarios}
    base_rows = Classement.objects.filter(arrete_id__in=list(bases)).values_list("arrete_id", "tvs_id", "zone__code")
    for arrete_id, tvs_id, zone in base_rows:
        bases[arrete_id][tvs_id] = zone
    compteurs_list = []
    for scenario in scenarios:
        key = (scenario.region_id, scenario.version_tvs, scenario.millesime_population)
        if key not in contexts:
            contexts[key] = contexte(scenario)
        compteurs_list.append(
            compteurs(
                values[scenario.pk],
                reference_id=scenario.base_id,
                methodologie=scenario.methodologie,
                ctx=contexts[key],
                base_zones=bases[scenario.base_id],
            )
        )
    by_tvs: dict[int, list[LigneTvs | None]] = {}
    for index, counters in enumerate(compteurs_list):
        for ligne in counters.lignes:
            by_tvs.setdefault(ligne.tvs_id, [None] * len(scenarios))[index] = ligne
    differences = []
    for lignes in by_tvs.values():
        zones = [ligne.zone if ligne else None for ligne in lignes]
        if len(set(zones)) > 1:
            ref = next(ligne for ligne in lignes if ligne)
            differences.append(
                {"code": ref.code, "nom": ref.nom, "apl": ref.apl, "population": ref.population, "zones": zones}
            )
    differences.sort(key=lambda row: (row["apl"] is None, row["apl"] or 0, row["nom"]))
    return Comparaison(scenarios, compteurs_list, differences, list(scenarios[0].profession.zones.all()))
