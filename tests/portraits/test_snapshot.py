"""The portrait's figures on hand-computed perimeters (populations from `zonage_territory`: Loches 20 000 in TVS A,
Chinon 30 000 and Orléans 50 000 in TVS B, Paris 99 999 in Île-de-France; arrêté v1 A ZIP / B HC, v2 in force
A ZIP / B ZIP)."""

import pytest

from portraits.enums import Audience
from portraits.perimetres import PerimetreInconnu, PerimetreInvalide, resolve
from portraits.services.snapshot import portrait_snapshot

pytestmark = pytest.mark.django_db


def snapshot(params, user=None, audience=Audience.ARS):
    from django.contrib.auth.models import AnonymousUser

    return portrait_snapshot(resolve(params, user or AnonymousUser()), audience=audience)


def zone_row(snap, code):
    (medecin,) = [row for row in snap["zonage"] if row["historique"]]
    return next(zone for zone in medecin["zones"] if zone["code"] == code), medecin


def test_epci(portrait_data):
    snap = snapshot({"epci": "200071587"})
    assert snap["perimetre"]["libelle"] == "CC Loches Sud Touraine"
    assert snap["population"]["total"] == 20_000
    assert snap["population"]["communes"] == 1
    zip_row, medecin = zone_row(snap, "ZIP")
    assert (zip_row["population"], zip_row["communes"], round(zip_row["part"], 1)) == (20_000, 1, 100.0)
    assert [version["reference"] for version in medecin["historique"]] == ["ARS-CVL-2018-001", "ARS-CVL-2026-002"]
    assert [version["en_vigueur"] for version in medecin["historique"]] == [False, True]
    assert [c["nom"] for c in snap["cls"]["liste"]] == ["CLS du Lochois"]
    assert snap["couverture"]["cls"]["population"] == 20_000
    assert snap["couverture"]["cpts"]["population"] == 20_000
    assert snap["couverture"]["msp"]["population"] == 20_000
    inside = [s["nom"] for s in snap["structures"] if s["dedans"]]
    assert inside == ["MSP de Loches"]
    assert snap["cls"]["liste"][0]["fiches"]["total"] == 1


def test_two_departements(portrait_data):
    """Chinon (37) and Orléans (45), both TVS B: ZIP today, HC under v1."""
    snap = snapshot({"communes": "37072, 45234"})
    assert snap["population"]["total"] == 80_000
    assert [(row["code"], row["population"]) for row in snap["population"]["departements"]] == [
        ("37", 30_000),
        ("45", 50_000),
    ]
    zip_row, medecin = zone_row(snap, "ZIP")
    assert zip_row["population"] == 80_000
    v1, v2 = medecin["historique"]
    assert (v1["zones"]["HC"], v1["zones"]["ZIP"], v2["zones"]["ZIP"]) == (80_000, 0, 80_000)
    # Chinon is in the signed CPTS (30 000 of 80 000) and claimed by two CPTS.
    assert snap["couverture"]["cpts"]["population"] == 30_000
    assert round(snap["couverture"]["cpts"]["part"], 1) == 37.5
    assert snap["couverture"]["cls"]["population"] == 0
    assert [row["code"] for row in snap["chevauchements"]["cpts"]] == ["37072"]
    assert snap["chevauchements"]["cpts"][0]["cpts"] == ["CPTS Chinon", "CPTS Sud Touraine"]


def test_two_regions(portrait_data):
    """Loches (Centre-Val de Loire) and Paris (Île-de-France): the zone is read in each commune's own region's
    arrêtés; Paris has none, so only Loches is classified."""
    snap = snapshot({"communes": "37132\n75056"})
    assert snap["population"]["total"] == 119_999
    assert [(row["code"], row["population"]) for row in snap["population"]["regions"]] == [
        ("11", 99_999),
        ("24", 20_000),
    ]
    zip_row, medecin = zone_row(snap, "ZIP")
    assert (zip_row["population"], zip_row["communes"]) == (20_000, 1)
    assert medecin["non_classees"] == 0
    codes = {row["code"]: row["zones"] for row in snap["communes"]}
    assert codes["37132"][medecin["profession"]] == "ZIP"
    assert codes["75056"] == {medecin["profession"]: ""}
    assert snap["proximite"]["plusieurs_regions"] is True
    assert round(snap["couverture"]["cls"]["part"], 2) == round(20_000 / 119_999 * 100, 2)


def test_public_audience_hides_projects(portrait_data):
    snap = snapshot({"communes": "37072"}, audience=Audience.PUBLIC)
    assert [c["nom"] for c in snap["cpts"]["liste"]] == ["CPTS Sud Touraine"]
    assert "missions" in snap["cpts"]["liste"][0]
    assert snap["cpts"]["liste"][0]["missions"] == []
    assert snap["indicateurs"] is None
    assert snap["financements"] is None
    assert snap["chevauchements"] is None


def test_unknown_and_invalid(portrait_data):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PerimetreInconnu):
        resolve({"epci": "999999999"}, AnonymousUser())
    with pytest.raises(PerimetreInconnu):
        resolve({"cls": "not-a-uuid"}, AnonymousUser())
    with pytest.raises(PerimetreInvalide):
        resolve({"communes": "00000"}, AnonymousUser())
    perimetre = resolve({"communes": "37132 00000"}, AnonymousUser())
    assert perimetre.inconnus == ("00000",)


def test_unsigned_cls_perimeter_is_not_public(portrait_data, porteur_manager, other_porteur):
    from django.contrib.auth.models import AnonymousUser

    contrat = portrait_data["contrat"]
    assert resolve({"cls": str(contrat.public_id)}, AnonymousUser()).libelle == "CLS du Lochois"
    contrat.date_signature = None
    contrat.save(update_fields=["date_signature"])
    with pytest.raises(PerimetreInconnu):
        resolve({"cls": str(contrat.public_id)}, other_porteur)
    assert resolve({"cls": str(contrat.public_id)}, porteur_manager).libelle == "CLS du Lochois"
