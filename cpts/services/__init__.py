"""CPTS services. Other apps call only the figures of `suivi` (design.md §2): `cpts_coverage()`, `pipeline()`,
`msp_en_fonctionnement()`, `missions_en_retard()`, `centres_de_sante_counts()` and `contrats_anterieurs_aci()`."""

from cpts.services.suivi import (
    centres_de_sante_counts,
    contrats_anterieurs_aci,
    cpts_coverage,
    missions_en_retard,
    msp_en_fonctionnement,
    pipeline,
)

__all__ = [
    "centres_de_sante_counts",
    "contrats_anterieurs_aci",
    "cpts_coverage",
    "missions_en_retard",
    "msp_en_fonctionnement",
    "pipeline",
]
