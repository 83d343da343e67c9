"""THE register pattern: a register declares only its own fields; everything else comes from here.

A `Registre` names its model (a subclass of `registres.models.EntreeRegistre`), its own fields and a few options.
From that declaration, the generic machinery gives every register its list (filters, pagination), fiche, form
(commune autocomplete, child rows), CSV/XLSX import (row by row, all or nothing), export, map layer (GeoJSON over
`static/js/choropleth-map.js`) and API endpoint (`/api/v1/registres/<code>/`), with the DD scoping, the
history, the attachments and, for personal data, the read log and the purge. Nothing is copied per register.

Declaring a register (see `registres/catalogue.py`, or a test):

    register(Registre(code="sites-de-telemedecine", model=SiteTelemedecine, titre="Sites de télémédecine",
                      nom="un site de télémédecine", champs=("nom", "type_site", "activite")))
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.http import Http404

from registres.enums import Lecteurs

COMMUNE_REQUISE, COMMUNE_FACULTATIVE, SANS_COMMUNE = "requise", "facultative", ""


@dataclass(frozen=True)
class Enfant:
    """Rows that belong to an entry (members of a GHT, stages of a projet territorial…), edited on its form."""

    relation: str  # the related_name of the child's ForeignKey to the entry
    titre: str
    champs: tuple[str, ...]
    extra: int = 2


@dataclass(frozen=True)
class Registre:
    code: str  # URL segment: /registres/<code>/
    model: type
    titre: str  # « Maîtres de stage universitaires »
    nom: str  # « un maître de stage » (buttons: « Ajouter un maître de stage »)
    champs: tuple[str, ...]  # the register's own fields, in form order
    colonnes: tuple[str, ...] = ()  # own fields shown in the list (default: the first three of `champs`)
    filtres: tuple[str, ...] = ()  # own fields the list filters on (choices, booleans, foreign keys)
    recherche: tuple[str, ...] = ()  # own text fields searched by « Recherche »
    libelles: dict[str, str] = field(default_factory=dict)  # labels of the shared fields: {"date_debut": "Agréé le"}
    commune: str = COMMUNE_REQUISE  # the entry's commune: required, optional, or none (département only)
    perimetre: bool = False  # a perimeter of communes (EPCI and communes)
    dates: tuple[str, ...] = ("date_debut", "date_fin")
    description: str = ""
    mesure: str = ""  # the plan's measure: « P1.5 »
    mesure_libelle: str = ""
    indicateurs: tuple[str, ...] = ()  # codes of the indicators computed from this register
    personnels: tuple[str, ...] = ()  # personal data: shown only to the competent ARS, every read logged, purged
    conservation: str = ""  # the date from which the retention of the personal data runs
    lecteurs: str = Lecteurs.ARS_ET_COMITE
    enfants: tuple[Enfant, ...] = ()
    alias: dict[str, tuple[str, ...]] = field(default_factory=dict)  # more import headers per field
    # Natural key (when all filled): a row already in the register, or twice in a file, is refused.
    cle: tuple[str, ...] = ()
    choix: dict[str, Callable] = field(default_factory=dict)  # field -> callable(user) -> queryset of choices
    preparation: Callable | None = None  # (entry) -> None: derived fields, before validation
    enregistrement: Callable | None = None  # (entry, by) -> None: after the save, same transaction (ledger…)
    pages: tuple[tuple[str, str], ...] = ()  # extra pages: (label, URL name)
    gabarit: str = ""  # an extra fragment of the fiche (« registres/includes/_contrat_financement.html »)
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    ordre: int = 100

    def __str__(self):
        return self.titre

    @property
    def colonnes_liste(self) -> tuple[str, ...]:
        return self.colonnes or self.champs[:3]

    @property
    def has_zone(self) -> bool:
        from registres.models import ZoneALaDate

        return issubclass(self.model, ZoneALaDate)

    @property
    def communs(self) -> tuple[str, ...]:
        """The shared fields this register uses, in form order."""
        fields = []
        if self.commune:
            fields.append("commune")
        if self.commune != COMMUNE_REQUISE:
            fields.append("departement")
        if self.perimetre:
            fields.append("communes")
        return (*fields, *self.dates, "statut", "source", "note")

    def label(self, name: str) -> str:
        """The French label of a field of this register (its own wording of a shared field first)."""
        if name in self.libelles:
            return self.libelles[name]
        return str(self.model._meta.get_field(name).verbose_name)

    def champs_visibles(self, personnels: bool) -> tuple[str, ...]:
        return self.champs if personnels else tuple(name for name in self.champs if name not in self.personnels)


REGISTRES: dict[str, Registre] = {}


def register(registre: Registre) -> Registre:
    """Declare a register (from an `AppConfig.ready()`, or a test)."""
    REGISTRES[registre.code] = registre
    return registre


def unregister(code: str) -> None:
    REGISTRES.pop(code, None)


@contextmanager
def declared(registre: Registre):
    """A register declared for the duration of a block (tests)."""
    register(registre)
    try:
        yield registre
    finally:
        unregister(registre.code)


def get_registre(code: str) -> Registre:
    """The declared register of that code, or 404."""
    try:
        return REGISTRES[code]
    except KeyError as error:
        raise Http404("Registre inconnu.") from error


def registres() -> list[Registre]:
    return sorted(REGISTRES.values(), key=lambda item: (item.ordre, item.titre))


def registre_of_model(model) -> Registre | None:
    """The first register declared on a model (the one its pages link to)."""
    return next((item for item in registres() if item.model is model), None)


def registres_of_indicateur(code: str) -> list[Registre]:
    return [item for item in registres() if code in item.indicateurs]
