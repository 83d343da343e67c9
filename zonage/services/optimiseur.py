"""The optimiser of the simulator: a classification that covers the lowest-APL population first, under the caps.

Plain Python (no solver is available in the project's package lists), a greedy pass in a stated order, so that each
TVS gets a reason a person can check:
1. every TVS whose APL meets the register's threshold (with its operator) is ZIP, whatever the caps (the national
   rule; a cap then exceeded is reported);
2. the other TVS with an APL, lowest APL first (then the code), enter the ZIP while the ZIP share stays within its
   cap; at the first TVS that does not fit, the ZIP is closed (a higher APL never passes a lower one);
3. the following TVS enter the ZAC, in the same order, while the ZAC cap and the ZIP + ZAC cap (whichever the
   register publishes for the methodology version) hold; at the first that does not fit, the ZAC is closed;
4. the rest, and the TVS without an APL, are « HC », or stay « ZV » when the arrêté de départ had them in vigilance.
Without a ZIP cap in the register only step 1 applies; without a ZAC or ZIP + ZAC cap no TVS is put in ZAC.
"""

from dataclasses import dataclass
from decimal import Decimal

from config.typography import fr_number, fr_percent
from referentiel.models import Parametre

ZIP, ZAC, ZV, HC = "ZIP", "ZAC", "ZV", "HC"


@dataclass(frozen=True)
class TvsCandidat:
    id: int
    code: str
    nom: str
    apl: Decimal | None
    population: int
    zone_base: str | None


@dataclass(frozen=True)
class Decision:
    tvs_id: int
    zone: str
    raison: str


def _pct(population: int, total: int) -> Decimal:
    return Decimal(population) * 100 / Decimal(total) if total else Decimal(0)


def _fmt(value: Decimal) -> str:
    return fr_percent(value, 1)


def _apl(value: Decimal | None) -> str:
    return fr_number(value, 2) if value is not None else "inconnue"


def optimiser(
    candidats: list[TvsCandidat], *, total: int, seuil: Parametre | None, caps: dict[str, Parametre]
) -> list[Decision]:
    """One decision per candidate, in the order they were taken. `caps` keys: « ZIP », « ZAC », « ZIP + ZAC »."""
    decisions: list[Decision] = []
    zip_pop = zac_pop = 0
    mandatory = [
        tvs
        for tvs in candidats
        if seuil is not None and seuil.operateur and tvs.apl is not None and seuil.satisfait(tvs.apl)
    ]
    for tvs in sorted(mandatory, key=lambda item: (item.apl, item.code)):
        zip_pop += tvs.population
        decisions.append(
            Decision(
                tvs.id, ZIP, f"APL {_apl(tvs.apl)} {seuil.valeur_affichee} (seuil du référentiel) : ZIP obligatoire."
            )
        )
    taken = {decision.tvs_id for decision in decisions}
    ordered = sorted(
        (tvs for tvs in candidats if tvs.id not in taken and tvs.apl is not None),
        key=lambda item: (item.apl, item.code),
    )
    zip_cap, zac_cap, both_cap = caps.get(ZIP), caps.get(ZAC), caps.get(f"{ZIP} + {ZAC}")
    zip_open, zac_open = zip_cap is not None, zac_cap is not None or both_cap is not None
    zip_closed_by = zac_closed_by = ""
    for tvs in ordered:
        new_zip = _pct(zip_pop + tvs.population, total)
        if zip_open and zip_cap.satisfait(new_zip):
            zip_pop += tvs.population
            decisions.append(
                Decision(
                    tvs.id,
                    ZIP,
                    f"APL {_apl(tvs.apl)} parmi les plus basses : part ZIP portée à {_fmt(new_zip)} "
                    f"(plafond {zip_cap.valeur_affichee}).",
                )
            )
            continue
        if zip_cap is None:
            reason_zip = "aucun plafond ZIP publié au référentiel pour cette méthodologie"
        elif zip_open:
            reason_zip = f"ne tient plus en ZIP ({_fmt(new_zip)} dépasserait {zip_cap.valeur_affichee})"
            zip_closed_by = tvs.code
        else:
            reason_zip = f"ZIP complète depuis le TVS {zip_closed_by}, d'APL plus basse"
        zip_open = False
        new_zac, new_both = _pct(zac_pop + tvs.population, total), _pct(zip_pop + zac_pop + tvs.population, total)
        fits_zac = (zac_cap is None or zac_cap.satisfait(new_zac)) and (
            both_cap is None or both_cap.satisfait(new_both)
        )
        if zac_open and fits_zac:
            zac_pop += tvs.population
            shown = (
                f"part ZAC portée à {_fmt(new_zac)} (plafond {zac_cap.valeur_affichee})"
                if zac_cap is not None
                else f"part ZIP + ZAC portée à {_fmt(new_both)} (plafond {both_cap.valeur_affichee})"
            )
            decisions.append(Decision(tvs.id, ZAC, f"APL {_apl(tvs.apl)} : {reason_zip} ; {shown}."))
            continue
        if zac_cap is None and both_cap is None:
            reason_zac = "aucun plafond ZAC publié au référentiel pour cette méthodologie"
        elif zac_open:
            reason_zac = "ne tient plus en ZAC sous les plafonds"
            zac_closed_by = tvs.code
        else:
            reason_zac = f"ZAC complète depuis le TVS {zac_closed_by}, d'APL plus basse"
        zac_open = False
        zone = ZV if tvs.zone_base == ZV else HC
        kept = " ; vigilance de l'arrêté de départ conservée" if zone == ZV else ""
        decisions.append(Decision(tvs.id, zone, f"APL {_apl(tvs.apl)} : {reason_zip} ; {reason_zac}{kept}."))
    for tvs in candidats:
        if tvs.apl is None:
            zone = ZV if tvs.zone_base == ZV else HC
            decisions.append(
                Decision(tvs.id, zone, "APL inconnue : l'optimiseur ne classe que sur l'APL ; à examiner à la main.")
            )
    return decisions
