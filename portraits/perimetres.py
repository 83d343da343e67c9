"""Which communes a portrait covers, from the query string of its permalink (`?epci=200071587`, `?communes=…`).

One parameter names the perimeter: commune (INSEE code), epci (SIREN), tvs (code), departement (code), cls or cpts
(public identifier: the contract or CPTS must be visible to the user, or signed), communes (INSEE codes separated by
commas, spaces, semicolons or new lines: a list pasted or picked on the map)."""

import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet

from portraits.enums import NiveauPerimetre
from territoires.models import EPCI, Commune, Departement, TerritoireVieSante

MAX_COMMUNES = 3000
SEPARATORS = re.compile(r"[\s,;]+")


class PerimetreInconnu(Exception):
    """The permalink names nothing the user may see: the page answers 404."""


class PerimetreInvalide(Exception):
    """The list of communes cannot be read (French message for the form)."""


@dataclass(frozen=True)
class Perimetre:
    kind: str
    code: str
    libelle: str
    communes: QuerySet = field(compare=False, repr=False)
    inconnus: tuple[str, ...] = ()

    @property
    def kind_libelle(self) -> str:
        return NiveauPerimetre(self.kind).label

    @property
    def querystring(self) -> str:
        return urlencode({self.kind: self.code})

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code}"


def codes_from_text(text: str) -> list[str]:
    """INSEE codes typed or pasted, in order, without duplicates (upper case: 2A / 2B)."""
    seen, codes = set(), []
    for code in SEPARATORS.split(text or ""):
        code = code.strip().upper()
        if code and code not in seen:
            seen.add(code)
            codes.append(code)
    return codes


def _communes(text: str) -> Perimetre:
    codes = codes_from_text(text)
    if not codes:
        raise PerimetreInvalide("Saisissez au moins un code INSEE de commune.")
    if len(codes) > MAX_COMMUNES:
        raise PerimetreInvalide(f"Une liste compte au plus {MAX_COMMUNES} communes ({len(codes)} codes saisis).")
    found = dict(Commune.objects.filter(code_insee__in=codes).values_list("code_insee", "nom"))
    if not found:
        raise PerimetreInvalide("Aucun de ces codes n'est celui d'une commune du référentiel.")
    known = sorted(found)
    names = [found[code] for code in codes if code in found]
    libelle = (
        names[0]
        if len(names) == 1
        else f"{len(names)} communes ({', '.join(names[:3])}{'…' if len(names) > 3 else ''})"
    )
    return Perimetre(
        NiveauPerimetre.COMMUNES,
        ",".join(known),
        libelle,
        Commune.objects.filter(code_insee__in=known),
        tuple(code for code in codes if code not in found),
    )


def resolve(params, user) -> Perimetre | None:
    """The perimeter named by the query string, or None when it names none (the page then offers the form)."""
    for kind in NiveauPerimetre.values:
        value = (params.get(kind) or "").strip()
        if value:
            return _resolve(kind, value, user)
    return None


def _resolve(kind: str, value: str, user) -> Perimetre:
    if kind == NiveauPerimetre.COMMUNES:
        return _communes(value)
    if kind == NiveauPerimetre.COMMUNE:
        commune = Commune.objects.filter(code_insee=value.upper()).only("pk", "nom", "code_insee").first()
        if commune:
            return Perimetre(
                kind, commune.code_insee, f"{commune.nom} ({commune.code_insee})", Commune.objects.filter(pk=commune.pk)
            )
    elif kind == NiveauPerimetre.EPCI:
        epci = EPCI.objects.filter(siren=value).only("pk", "nom", "siren").first()
        if epci:
            return Perimetre(kind, epci.siren, epci.nom, Commune.objects.filter(epci=epci))
    elif kind == NiveauPerimetre.TVS:
        tvs = TerritoireVieSante.objects.filter(code=value).only("pk", "nom", "code").first()
        if tvs:
            return Perimetre(kind, tvs.code, str(tvs), Commune.objects.filter(tvs=tvs))
    elif kind == NiveauPerimetre.DEPARTEMENT:
        departement = Departement.objects.filter(code=value.upper()).only("pk", "nom", "code").first()
        if departement:
            return Perimetre(kind, departement.code, str(departement), Commune.objects.filter(departement=departement))
    else:
        return _programme(kind, value, user)
    raise PerimetreInconnu(value)


def _programme(kind: str, value: str, user) -> Perimetre:
    from cls.services.perimetre import perimetre_du_cls
    from cpts.services.perimetre import perimetre_de_la_cpts

    try:
        public_id = uuid.UUID(value)
    except ValueError:
        raise PerimetreInconnu(value) from None
    found = (perimetre_du_cls if kind == NiveauPerimetre.CLS else perimetre_de_la_cpts)(public_id, user)
    if found is None:
        raise PerimetreInconnu(value)
    nom, communes = found
    return Perimetre(kind, str(public_id), nom, communes)
