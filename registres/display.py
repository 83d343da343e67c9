"""How a field of any register reads: on a page, in an export, in the API and on the map (one place)."""

import datetime
from decimal import Decimal

from django.db import models

from config.typography import fr_date, fr_number

EMPTY = "—"


def field_of(entree_or_model, name: str):
    return entree_or_model._meta.get_field(name)


def _related_text(obj) -> str:
    from territoires.models import Commune

    if isinstance(obj, Commune):
        return f"{obj.nom} ({obj.code_insee})"
    return str(obj)


def valeur(entree, name: str):
    """The value as data: choices by label, relations by name, numbers and dates as such, None when empty."""
    field = field_of(entree, name)
    if isinstance(field, models.ManyToManyField):
        items = list(getattr(entree, name).all())
        if name == "communes":
            return ", ".join(sorted(item.code_insee for item in items)) or None
        return ", ".join(_related_text(item) for item in items) or None
    value = getattr(entree, name)
    if value is None or value == "":
        return None
    if field.choices:
        return getattr(entree, f"get_{name}_display")()
    if isinstance(field, models.ForeignKey):
        return _related_text(value)
    return value


def texte(entree, name: str) -> str:
    """The value as people read it: « Oui », « 12/03/2026 », « 1 250,00 », « — » when empty."""
    value = valeur(entree, name)
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime.date):
        return fr_date(value)
    if isinstance(value, Decimal):
        return fr_number(value, 0 if value == value.to_integral_value() else 2)
    if isinstance(value, int):
        return fr_number(value)
    return str(value)


def valeur_export(entree, name: str):
    """The value of an export cell: dates and numbers stay typed (XLSX), everything else is text."""
    value = valeur(entree, name)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal):
        return float(value)
    return value


def zone_texte(entree) -> str:
    zone = getattr(entree, "zone", None)
    return zone.code if zone is not None else "non couverte"


def valeur_api(entree, name: str):
    """The value in the API: choices by code, dates in ISO, amounts as exact text, relations by name (communes by
    INSEE code), several values as a list."""
    field = field_of(entree, name)
    if isinstance(field, models.ManyToManyField):
        items = getattr(entree, name).all()
        return [item.code_insee if name == "communes" else _related_text(item) for item in items]
    value = getattr(entree, name)
    if value is None:
        return None
    if isinstance(field, models.ForeignKey):
        return value.code_insee if name == "commune" else _related_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
