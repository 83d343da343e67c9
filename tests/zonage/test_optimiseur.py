"""The optimiser on a small case checked by hand (no database)."""

from decimal import Decimal

from referentiel.models import Parametre
from zonage.services.optimiseur import TvsCandidat, optimiser

SEUIL = Parametre(code="seuil_apl_zip", valeur=Decimal("2.5"), operateur="lt", unite="")
CAPS = {
    "ZIP": Parametre(code="part_population_zip", valeur=Decimal("40"), operateur="le", unite="%"),
    "ZAC": Parametre(code="part_population_zac", valeur=Decimal("30"), operateur="le", unite="%"),
}


def tvs(n, apl, population, base="HC"):
    return TvsCandidat(n, f"T{n}", f"TVS {n}", None if apl is None else Decimal(apl), population, base)


CASE = [
    tvs(1, "2.0", 10_000, "ZIP"),  # under the threshold: ZIP whatever the caps (10 %)
    tvs(2, "2.4", 15_000, "ZAC"),  # under the threshold: ZIP (25 %)
    tvs(3, "2.6", 10_000, "ZAC"),  # ZIP 35 % <= 40 %
    tvs(4, "2.8", 10_000, "ZAC"),  # ZIP would be 45 %: ZIP closes; ZAC 10 % <= 30 %
    tvs(5, "2.9", 5_000, "HC"),  # would fit in ZIP (40 %) but a lower APL did not: ZAC 15 %
    tvs(6, "3.5", 20_000, "ZIP"),  # ZAC would be 35 %: ZAC closes; HC
    tvs(7, "4.0", 5_000, "ZV"),  # beyond the caps, vigilance kept
    tvs(8, None, 25_000, "ZAC"),  # no APL: HC, to examine by hand
]


def test_lowest_apl_first_under_the_caps_with_the_threshold_kept_in_zip():
    decisions = optimiser(CASE, total=100_000, seuil=SEUIL, caps=CAPS)
    zones = {decision.tvs_id: decision.zone for decision in decisions}
    assert zones == {1: "ZIP", 2: "ZIP", 3: "ZIP", 4: "ZAC", 5: "ZAC", 6: "HC", 7: "ZV", 8: "HC"}
    assert [decision.tvs_id for decision in decisions] == [1, 2, 3, 4, 5, 6, 7, 8]  # the order they were taken
    reasons = {decision.tvs_id: decision.raison for decision in decisions}
    assert "ZIP obligatoire" in reasons[1]
    assert "part ZIP portée à 35,0\u00a0%" in reasons[3]
    assert "ne tient plus en ZIP (45,0\u00a0% dépasserait ≤\u00a040\u00a0%)" in reasons[4]
    assert "part ZAC portée à 10,0\u00a0%" in reasons[4]
    assert "ZIP complète depuis le TVS T4" in reasons[5]
    assert "ZAC complète" not in reasons[6]
    assert "ne tient plus en ZAC" in reasons[6]
    assert "vigilance de l'arrêté de départ conservée" in reasons[7]
    assert "APL inconnue" in reasons[8]


def test_threshold_territories_stay_zip_even_beyond_the_cap():
    decisions = optimiser([tvs(1, "2.0", 50_000), tvs(2, "2.1", 50_000)], total=100_000, seuil=SEUIL, caps=CAPS)
    assert [decision.zone for decision in decisions] == ["ZIP", "ZIP"]


def test_without_caps_only_the_threshold_is_applied():
    decisions = optimiser([tvs(1, "2.0", 10_000), tvs(2, "3.0", 10_000, "ZIP")], total=20_000, seuil=SEUIL, caps={})
    zones = {decision.tvs_id: decision.zone for decision in decisions}
    assert zones == {1: "ZIP", 2: "HC"}
    reason = next(decision.raison for decision in decisions if decision.tvs_id == 2)
    assert "aucun plafond ZIP publié" in reason
    assert "aucun plafond ZAC publié" in reason


def test_zip_plus_zac_cap_when_the_register_gives_that_one():
    caps = {"ZIP": CAPS["ZIP"], "ZIP + ZAC": Parametre(valeur=Decimal("60"), operateur="le", unite="%")}
    decisions = optimiser(
        [tvs(1, "2.6", 40_000), tvs(2, "2.7", 15_000), tvs(3, "2.8", 10_000)], total=100_000, seuil=SEUIL, caps=caps
    )
    # ZIP 40 %; then ZIP + ZAC 55 % <= 60 %; then 65 % > 60 %.
    assert [decision.zone for decision in decisions] == ["ZIP", "ZAC", "HC"]
