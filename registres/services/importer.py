"""CSV/XLSX import of any register: every row is read and validated first (the same checks as the form, through
`services.entrees.check`), then all rows are written or none; every faulty row is listed in French.

The columns are the register's fields, named by their label or their code (case and accents ignored), plus the
aliases of the declaration. Values: choices by code or label, dates JJ/MM/AAAA or AAAA-MM-JJ, French decimals,
oui/non, a commune by « Nom (code INSEE) », its code or its exact name, a perimeter by INSEE codes and EPCI SIREN,
other relations by their code or their name, several values separated by « | ».
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from config.exports import looks_like_formula
from config.numbers import parse_french_number
from config.tables import TableIllisible, read_table
from config.typography import fr_plural, fr_quantity
from registres.declarations import COMMUNE_REQUISE
from registres.forms import find_commune, resolve_perimetre
from registres.models import ImportRegistre
from registres.perms import editable_departements
from registres.services.entrees import check, entree_save
from territoires.models import Commune, Departement
from territoires.text import normalize

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
TRUE, FALSE = {"oui", "o", "vrai", "1", "x", "yes"}, {"non", "n", "faux", "0", "no"}
CODE = re.compile(r"\b(\d[0-9AB]\d{3})\b")


class ImportInvalide(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(fr_quantity(len(errors), "erreur"))
        self.errors = errors


@dataclass(frozen=True)
class Colonne:
    name: str
    label: str
    requise: bool
    valeurs: str  # what the column accepts, in French
    aliases: frozenset[str] = frozenset()


@dataclass
class Resultat:
    lignes: int = 0
    ignorees: list[str] = field(default_factory=list)


def _related_key(model) -> str | None:
    names = {f.name for f in model._meta.get_fields()}
    return next((key for key in ("code", "code_insee", "nom", "libelle") if key in names), None)


def _importable(registre, name: str) -> bool:
    target = getattr(registre.model._meta.get_field(name), "related_model", None)
    return target is None or target in (Commune, Departement) or _related_key(target) is not None


def _valeurs(model_field) -> str:
    if model_field.choices:
        return " ; ".join(str(label) for _, label in model_field.choices)
    if isinstance(model_field, models.ManyToManyField) and model_field.related_model is Commune:
        return "codes INSEE ou SIREN d'EPCI"
    if model_field.related_model is Commune:
        return "« Nom (code INSEE) » ou code INSEE"
    if model_field.related_model is Departement:
        return "code du département"
    if isinstance(model_field, models.ManyToManyField):
        return f"{_related_key(model_field.related_model)}, plusieurs séparés par « | »"
    if model_field.related_model is not None:
        return str(_related_key(model_field.related_model))
    if isinstance(model_field, models.DateField):
        return "JJ/MM/AAAA"
    if isinstance(model_field, models.BooleanField):
        return "oui ou non"
    if isinstance(model_field, models.IntegerField | models.DecimalField):
        return "nombre"
    return "texte"


def colonnes(registre) -> list[Colonne]:
    """The columns a file of this register may have, in order."""
    result = []
    for name in (*registre.communs, *registre.champs):
        if not _importable(registre, name):
            continue
        model_field = registre.model._meta.get_field(name)
        label = registre.label(name)
        if name == "commune":
            requise = registre.commune == COMMUNE_REQUISE
        elif name == "departement":
            requise = not registre.commune
        elif name == "source":
            requise = False  # the import form gives one for the whole file
        else:
            requise = not model_field.blank and not model_field.has_default() and not model_field.many_to_many
        aliases = {normalize(name), normalize(label), normalize(str(model_field.verbose_name))}
        aliases |= {normalize(alias) for alias in registre.alias.get(name, ())}
        result.append(Colonne(name, label, requise, _valeurs(model_field), frozenset(aliases)))
    return result


def _date(text: str) -> datetime.date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"date « {text} » illisible (attendu JJ/MM/AAAA)")


def _decimal(text: str, *, places: int | None = None, label: str = "") -> Decimal:
    """A French number of a cell (« 1 234,50 », « 1234.5 »), read by the rule of every form (config.numbers)."""
    try:
        return Decimal(parse_french_number(text, decimal_places=places, label=label))
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from error


class Lecteur:
    """Turns the cells of one register's rows into field values (lookups cached for the whole file)."""

    def __init__(self, registre, user, table):
        self.registre, self.user = registre, user
        self.communes = Commune.objects.filter(departement__in=editable_departements(user)).select_related(
            "departement"
        )
        codes = {match for row in table for cell in row for match in CODE.findall(cell)}
        self.by_code = {commune.code_insee: commune for commune in self.communes.filter(code_insee__in=codes)}
        self.departements = {departement.code: departement for departement in Departement.objects.all()}
        self.cache: dict = {}

    def commune(self, text: str) -> Commune:
        match = CODE.search(text)
        commune = self.by_code.get(match.group(1)) if match else find_commune(text, self.communes)
        if commune is None:
            raise ValueError(f"commune « {text} » inconnue de votre périmètre")
        return commune

    def related(self, model_field, text: str):
        model = model_field.related_model
        key = _related_key(model)
        cache_key = (model_field.name, normalize(text))
        if cache_key not in self.cache:
            manager = model._default_manager
            if model_field.name in self.registre.choix:
                queryset = self.registre.choix[model_field.name](self.user)
            elif hasattr(manager, "visible_to"):
                queryset = manager.visible_to(self.user)
            else:
                queryset = manager.all()
            queryset = queryset.complex_filter(model_field.get_limit_choices_to() or {})
            self.cache[cache_key] = list(queryset.filter(**{f"{key}__iexact": text})[:2])
        found = self.cache[cache_key]
        if len(found) != 1:
            raise ValueError(f"« {text} » inconnu ou ambigu")
        return found[0]

    def value(self, model_field, text: str):
        if model_field.related_model is Commune and model_field.many_to_many:
            communes, unknown = resolve_perimetre(text, self.communes)
            if unknown:
                raise ValueError(f"codes inconnus de votre périmètre : {', '.join(unknown)}")
            return communes
        if model_field.related_model is Commune:
            return self.commune(text)
        if model_field.related_model is Departement:
            if text.upper().zfill(2) not in self.departements:
                raise ValueError(f"département « {text} » inconnu")
            return self.departements[text.upper().zfill(2)]
        if model_field.many_to_many:
            return [self.related(model_field, part.strip()) for part in text.split("|") if part.strip()]
        if model_field.related_model is not None:
            return self.related(model_field, text)
        if model_field.choices:
            for code, label in model_field.choices:
                if normalize(text) in (normalize(str(code)), normalize(str(label))):
                    return code
            raise ValueError(f"valeur « {text} » inconnue (attendu : {_valeurs(model_field)})")
        if isinstance(model_field, models.DateField):
            return _date(text)
        if isinstance(model_field, models.BooleanField):
            if normalize(text) in TRUE | FALSE:
                return normalize(text) in TRUE
            raise ValueError(f"« {text} » : attendu oui ou non")
        if isinstance(model_field, models.IntegerField):
            number = _decimal(text, places=0, label=str(model_field.verbose_name))
            if number != number.to_integral_value():
                raise ValueError(f"nombre entier attendu (« {text} »)")
            return int(number)
        if isinstance(model_field, models.DecimalField):
            return _decimal(text, places=model_field.decimal_places, label=str(model_field.verbose_name))
        return text


def _messages(registre, error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    result = []
    for name, texts in error.message_dict.items():
        prefix = "" if name == NON_FIELD_ERRORS else f"{_label(registre, name)} : "
        result.extend(f"{prefix}{text}" for text in texts)
    return result


def _label(registre, name: str) -> str:
    try:
        return registre.label(name)
    except Exception:  # noqa: BLE001 - a field that is not the model's (a message key)
        return name


def _positions(registre, header: list[str]) -> tuple[dict[str, int], list[str], list[str]]:
    by_alias = {alias: colonne for colonne in colonnes(registre) for alias in colonne.aliases}
    positions, ignored = {}, []
    for index, cell in enumerate(header):
        colonne = by_alias.get(normalize(cell))
        if colonne is None or colonne.name in positions:
            if cell.strip():
                ignored.append(cell.strip())
            continue
        positions[colonne.name] = index
    missing = [c.label for c in colonnes(registre) if c.requise and c.name not in positions]
    if registre.commune and registre.commune != COMMUNE_REQUISE and not {"commune", "departement"} & set(positions):
        missing.append("commune ou département")
    return positions, ignored, missing


def preparer(*, registre, table: list[list[str]], user, source: str = "") -> tuple[list, list[str], list[str]]:
    """Read and validate every row: ([(line, entry, m2m)], errors, ignored columns); writes nothing."""
    positions, ignored, missing = _positions(registre, table[0])
    if missing:
        label = fr_plural(len(missing), "Colonne manquante", "Colonnes manquantes")
        return [], [f"{label} : {', '.join(missing)}."], ignored
    lecteur = Lecteur(registre, user, table[1:])
    prepared, errors, keys = [], [], {}
    for line, row in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        entree, m2m, problems = registre.model(), {}, []
        for name, index in positions.items():
            text = row[index].strip() if index < len(row) else ""
            if not text:
                continue
            if looks_like_formula(text):
                problems.append(f"{registre.label(name)} : une formule de tableur n'est pas acceptée (« {text[:30]} »)")
                continue
            model_field = registre.model._meta.get_field(name)
            try:
                value = lecteur.value(model_field, text)
            except ValueError as error:
                problems.append(f"{registre.label(name)} : {error}")
                continue
            if model_field.many_to_many:
                m2m[name] = value
            else:
                setattr(entree, name, value)
        if not entree.source:
            entree.source = source
        if not entree.source:
            problems.append("source manquante (colonne « source » ou champ « Source des lignes » du formulaire)")
        if not problems:
            try:
                check(registre, entree, by=user)
            except ValidationError as error:
                problems.extend(_messages(registre, error))
        if not problems and registre.cle:
            problems.extend(_doublon(registre, entree, line, keys))
        if problems:
            errors.extend(f"Ligne {line} : {problem}" for problem in problems)
        else:
            prepared.append((line, entree, m2m))
    if not prepared and not errors:
        errors.append("Le fichier ne contient aucune ligne.")
    return prepared, errors, ignored


def _doublon(registre, entree, line: int, keys: dict) -> list[str]:
    values = {name: getattr(entree, name) for name in registre.cle}
    if any(value in (None, "") for value in values.values()):
        return []  # an incomplete key (no RPPS…) identifies nobody
    key = tuple(values.values())
    if key in keys:
        return [f"même entrée que la ligne {keys[key]} (doublon)"]
    keys[key] = line
    if registre.model.objects.filter(**values).exists():
        return ["cette entrée est déjà au registre"]
    return []


def registre_importer(*, registre, data: bytes, filename: str, user, source: str = "") -> Resultat:
    """Import a file into a register all or nothing; raise ImportInvalide (every error, in French) otherwise."""
    try:
        table = read_table(data, filename)
    except TableIllisible as error:
        raise ImportInvalide([str(error)]) from error
    prepared, errors, ignored = preparer(registre=registre, table=table, user=user, source=source.strip())
    if errors:
        raise ImportInvalide(errors)
    with transaction.atomic():
        failures = []
        for line, entree, m2m in prepared:
            try:
                with transaction.atomic():
                    entree_save(registre=registre, entree=entree, by=user, m2m=m2m, checked=True)
            except ValidationError as error:
                failures.extend(f"Ligne {line} : {message}" for message in _messages(registre, error))
        if failures:
            raise ImportInvalide(failures)  # leaving the block rolls every row back
        ImportRegistre.objects.create(registre=registre.code, fichier=filename[:255], lignes=len(prepared), par=user)
    return Resultat(lignes=len(prepared), ignorees=ignored)
