"""Zonage services. Other apps call `zone_shares()`, `zones_en_vigueur()`, `arrete_en_vigueur()`,
`zone_caps()` and `zones_par_commune()` only."""

from zonage.services.aides import aides_commune, montants_des_aides
from zonage.services.documents import arrete_document_add, arrete_document_delete
from zonage.services.lookup import arrete_en_vigueur, classements_en_vigueur, commune_timeline, zones_en_vigueur
from zonage.services.rules import (
    ZoneShare,
    ZoneShares,
    arrete_checks,
    arrete_diff,
    territory_rows,
    zone_caps,
    zone_shares,
    zones_par_commune,
)
from zonage.services.workflow import (
    arrete_comment,
    arrete_create,
    arrete_transition,
    arrete_update,
    revision_alerte,
    revisions_en_retard,
)

__all__ = [
    "ZoneShare",
    "ZoneShares",
    "aides_commune",
    "arrete_checks",
    "arrete_comment",
    "arrete_create",
    "arrete_diff",
    "arrete_document_add",
    "arrete_document_delete",
    "arrete_en_vigueur",
    "arrete_transition",
    "arrete_update",
    "classements_en_vigueur",
    "commune_timeline",
    "montants_des_aides",
    "revision_alerte",
    "revisions_en_retard",
    "territory_rows",
    "zone_caps",
    "zone_shares",
    "zones_en_vigueur",
    "zones_par_commune",
]
