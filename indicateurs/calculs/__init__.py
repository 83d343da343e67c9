"""Computed indicators: one function per indicator code, registered in `registry.REGISTRY`.

Importing this package registers the functions of `definitions` and `registres` (counts of the registers).
"""

from indicateurs.calculs import definitions, registres  # noqa: F401  (registers the functions)
from indicateurs.calculs.registry import REGISTRY, SourceIndisponible, calculer, donnees_fictives

__all__ = ["REGISTRY", "SourceIndisponible", "calculer", "donnees_fictives"]
