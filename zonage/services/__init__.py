"""Zonage services. Other apps call `zone_shares()` and `zones_en_vigueur()` only."""

from zonage.services.lookup import arrete_en_vigueur, classements_en_vigueur, commune_timeline, zones_en_vigueur
from zonage.services.rules import arrete_checks, arrete_diff, parametre_en_vigueur, territory_rows, zone_shares
from zonage.services.workflow import arrete_comment, arrete_create, arrete_transition

__all__ = [
    "arrete_checks",
    "arrete_comment",
    "arrete_create",
    "arrete_diff",
    "arrete_en_vigueur",
    "arrete_transition",
    "classements_en_vigueur",
    "commune_timeline",
    "parametre_en_vigueur",
    "territory_rows",
    "zone_shares",
    "zones_en_vigueur",
]
