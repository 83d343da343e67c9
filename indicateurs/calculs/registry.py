"""The registry of computed indicators and the lazy resolution of the services they read.

`indicateurs` sits above cls, zonage, cpts and instruction in the import graph but must work before
those apps land: services are resolved by name at call time (importlib), never at import time.
A missing app or function raises `SourceIndisponible` and no value is stored.
"""

import importlib
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.conf import settings

from indicateurs.models import Perimetre
from indicateurs.semestre import Semestre

Calcul = Callable[[Perimetre, Semestre], Decimal | None]
REGISTRY: dict[str, Calcul] = {}
# The programme data each computed indicator is made of, as "app_label.Model" labels of models that flag their
# fictitious (demo) rows with `is_fictif`: see `donnees_fictives`.
DONNEES: dict[str, tuple[str, ...]] = {}


class SourceIndisponible(Exception):
    """The app or the service function a computed indicator reads does not exist (yet)."""


def calcul(code: str, *, donnees: tuple[str, ...] = ()) -> Callable[[Calcul], Calcul]:
    """Register the decorated function as the computation of the indicator `code`, made of the programme data
    `donnees` ("cpts.Msp"…)."""

    def register(function: Calcul) -> Calcul:
        REGISTRY[code] = function
        DONNEES[code] = donnees
        return function

    return register


def donnees_fictives(code: str) -> bool:
    """Whether a value of `code` computed now is made of fictitious data, and must be stored `fictif`:

    - in the demonstration (`IS_DEMO`), where every programme row is fictitious by construction;
    - elsewhere, when one of the models it reads holds a row flagged `is_fictif` (demo CLS, CPTS, MSP…).
      Models are looked up by label, never imported; a model without the flag counts as real data.
    The test is per model, not per perimeter: a figure that may mix real and fictitious rows is not real.
    """
    if getattr(settings, "IS_DEMO", False):
        return True
    for label in DONNEES.get(code, ()):
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        flagged = any(field.name == "is_fictif" for field in model._meta.get_fields())
        if flagged and model._default_manager.filter(is_fictif=True).exists():
            return True
    return False


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
