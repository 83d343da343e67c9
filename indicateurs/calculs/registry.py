"""The registry of computed indicators and the lazy resolution of the services they read.

`indicateurs` sits above cls, zonage, cpts and instruction in the import graph but must work before
those apps land: services are resolved by name at call time (importlib), never at import time.
A missing app or function raises `SourceIndisponible` and no value is stored.
"""

import importlib
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from indicateurs.models import Perimetre
from indicateurs.semestre import Semestre

Calcul = Callable[[Perimetre, Semestre], Decimal | None]
REGISTRY: dict[str, Calcul] = {}


class SourceIndisponible(Exception):
    """The app or the service function a computed indicator reads does not exist (yet)."""


def calcul(code: str) -> Callable[[Calcul], Calcul]:
    """Register the decorated function as the computation of the indicator `code`."""

    def register(function: Calcul) -> Calcul:
        REGISTRY[code] = function
        return function

    return register


def service(dotted: str) -> Callable:
    """Resolve "app.module.function" now; raise SourceIndisponible if the app or function is missing."""
    module_name, _, name = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SourceIndisponible(f"source non disponible : {module_name}") from error
    function = getattr(module, name, None)
    if not callable(function):
        raise SourceIndisponible(f"source non disponible : {dotted}")
    return function


def calculer(code: str, perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    """Compute one indicator on one perimeter; None when it does not apply to that perimeter."""
    try:
        function = REGISTRY[code]
    except KeyError as error:
        raise SourceIndisponible(f"aucun calcul enregistré pour {code}") from error
    return function(perimetre, semestre)


def arrondi(value, places: str = "0.1") -> Decimal:
    """Round half up on Decimals: the same figure whatever the database or platform."""
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def part(numerateur, denominateur) -> Decimal | None:
    """A percentage with one decimal, None when the denominator is zero."""
    if not denominateur:
        return None
    return arrondi(Decimal(numerateur) * 100 / Decimal(denominateur))
