"""The registry of bilan sections: each is a function `(perimetre, semestre) -> dict | None`.

A section returns the JSON-ready data it contributes to the snapshot, or None when the figures
are not available (the PDF then prints « non disponible »). Sections may add headline figures
under the key `chiffres_cles` (list of {code, libelle, valeur, unite}).

Sections fed by other apps (CLS, zonage, CPTS, indicateurs) look their service up lazily
(`provider()`): they start working the day the app ships the service named in design.md §2,
without any change here.
"""

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass

from acces_soins.periods import Perimetre, Semestre

logger = logging.getLogger(__name__)

SectionFunction = Callable[[Perimetre, Semestre], dict | None]


@dataclass(frozen=True)
class Section:
    nom: str
    titre: str
    function: SectionFunction
    ordre: int


REGISTRY: dict[str, Section] = {}


def register(nom: str, titre: str, *, ordre: int):
    """Decorator: register a section function under `nom`, printed in `ordre`."""

    def decorator(function: SectionFunction) -> SectionFunction:
        REGISTRY[nom] = Section(nom=nom, titre=titre, function=function, ordre=ordre)
        return function

    return decorator


def provider(module_name: str, attribute: str):
    """The service `module_name.attribute` if its app provides it, else None (never raises ImportError)."""
    try:
        if importlib.util.find_spec(module_name) is None:
            return None
    except ModuleNotFoundError:  # the parent package itself is missing
        return None
    module = importlib.import_module(module_name)
    return getattr(module, attribute, None)


def gather(perimetre: Perimetre, semestre: Semestre) -> list[dict]:
    """Run every registered section, in order. A failing section is logged and shown as not available."""
    results = []
    for section in sorted(REGISTRY.values(), key=lambda item: item.ordre):
        try:
            data = section.function(perimetre, semestre)
        except Exception:  # noqa: BLE001 - one broken provider must not sink the whole bilan
            logger.exception("Bilan section %s failed for %s %s", section.nom, perimetre, semestre)
            data = None
        results.append({"nom": section.nom, "titre": section.titre, "disponible": data is not None, "donnees": data})
    return results


# The built-in sections live in acces_soins/bilan_sections.py and register on import.
importlib.import_module("acces_soins.bilan_sections")
