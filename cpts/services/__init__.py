"""CPTS services. Other apps call only the figures of `suivi` (design.md §2):
`cpts_coverage()`, `pipeline()`, `msp_en_fonctionnement()` and `missions_en_retard()`."""

from cpts.services.suivi import cpts_coverage, missions_en_retard, msp_en_fonctionnement, pipeline

__all__ = ["cpts_coverage", "missions_en_retard", "msp_en_fonctionnement", "pipeline"]
