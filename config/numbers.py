"""French number and date input for every form: « 0,5 », « 1 234,5 », « 1234,50 € », « 39,8 % », « 03/12/2026 ».

Why: an `<input type="number">` drops the comma of « 0,5 » in a browser set to English and posts « 05 »,
a silent tenfold error. Every numeric field is therefore a text input (`inputmode` brings the numeric
keyboard on phones) parsed here, on the server, with one rule for the whole portal:

- the comma is the decimal mark; a dot is accepted as decimal mark too (« 0.5 ») when there is no comma;
- thousands are grouped by spaces: normal, no-break (U+00A0), narrow no-break (U+202F) or thin (U+2009),
  in groups of exactly three digits (« 1 234 567,5 »);
- a trailing « € » or « % » is accepted, unless the field's label names the other unit;
- refused as ambiguous, with a French message:
  - a dot and a comma together (« 1.234,5 », « 1,234.5 »): which one separates thousands?
  - several dots or several commas (« 1.234.567 »);
  - a dot followed by exactly three digits with no space grouping (« 1.234 », « 12.500 »): French writers
    also use the dot as a thousands separator, so it may mean 1 234 or 1,234;
  - a comma followed by exactly three digits (« 1,234 ») in a field that takes fewer than three
    decimals (money, ETP, integers): it cannot be a decimal there, so it is read as an English thousands
    separator and refused. In a field with three decimals (indicator values), « 1,234 » is 1,234.
  A leading zero lifts the ambiguity: « 0.125 » and « 0,125 » are always decimals.

`localize_field()` applies this to a Django form field in place; `config.forms.BaseForm` calls it on every
field of every form (including fields added later in a subclass' `__init__`) and the admin site calls it
on every model field it builds (`config.admin`). Redisplay is French: « 1 234,5 », « 0,5 »; integers
below 10 000 are not grouped (years, « 2026 »), as French typography allows for four digits.
"""

import datetime
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import formats

from config.typography import NNBSP, fr_decimal, fr_quantity

SPACES = " \u00a0\u202f\u2009"
_SPACE_RUN = re.compile(f"[{SPACES}]+")
_BODY = re.compile(r"^[0-9 .,]*$")
_GROUPED = re.compile(r"^[0-9]{1,3}( [0-9]{3})+$")
EXAMPLE = f"par exemple 1{NNBSP}234,5"


def _error(raw: str, reason: str) -> ValidationError:
    # The typed text is a parameter, never part of the format string: a « % » in it must not break the rendering.
    return ValidationError("« %(valeur)s » : %(raison)s", code="invalid", params={"valeur": raw, "raison": reason})


def _strip_unit(text: str, raw: str, label: str) -> str:
    for unit, other in (("€", "%"), ("%", "€")):
        if text.endswith(unit):
            if other in label and unit not in label:
                expected = "un pourcentage" if other == "%" else "un montant en euros"
                raise _error(raw, f"ce champ attend {expected}, pas une valeur en {unit}.")
            return text[: -len(unit)].rstrip(SPACES)
    return text


def parse_french_number(value: str, *, decimal_places: int | None = None, label: str = "") -> str:
    """A typed number → a canonical string (« -1234.5 ») that `Decimal()`/`int()` read, or a French error.

    `decimal_places`: how many decimals the field takes (0 for integers, None if unbounded); it decides
    whether « 1,234 » can be a decimal (see the module docstring).
    """
    raw = value.strip()
    text = _SPACE_RUN.sub(" ", raw)
    text = _strip_unit(text, raw, str(label))
    sign = ""
    if text[:1] in ("-", "\u2212", "+"):
        sign = "-" if text[0] != "+" else ""
        text = text[1:].lstrip()
    if not text or not _BODY.match(text) or not any(char.isdigit() for char in text):
        raise _error(raw, f"saisissez un nombre, {EXAMPLE}.")
    if "," in text and "." in text:
        raise _error(
            raw,
            f"nombre ambigu. Séparez les milliers par une espace et les décimales par une virgule, {EXAMPLE}.",
        )
    separator = "," if "," in text else "." if "." in text else ""
    if text.count(separator or "x") > 1:
        raise _error(raw, f"nombre ambigu. Séparez les milliers par une espace, pas par « {separator} », {EXAMPLE}.")
    integer, _, fraction = text.partition(separator) if separator else (text, "", "")
    integer = integer.strip()
    if " " in fraction or (fraction and not fraction.isdigit()):
        raise _error(raw, f"les décimales ne contiennent pas d'espace, {EXAMPLE}.")
    if " " in integer and not _GROUPED.match(integer):
        raise _error(raw, f"groupez les milliers par trois chiffres, {EXAMPLE}.")
    grouped = " " in integer
    integer = integer.replace(" ", "") or "0"
    may_be_thousands = separator == "." or (decimal_places is not None and decimal_places < 3)
    if not grouped and len(fraction) == 3 and integer.strip("0") and may_be_thousands:
        advice = f"nombre ambigu. Pour {integer}{NNBSP}{fraction}, séparez les milliers par une espace"
        if decimal_places is None or decimal_places >= 3:
            advice += f" ; pour un nombre décimal, utilisez la virgule ({integer},{fraction})"
        elif decimal_places:
            advice += f" ; ce champ accepte au plus {fr_quantity(decimal_places, 'décimale')} après la virgule"
        raise _error(raw, advice + ".")
    return f"{sign}{integer}.{fraction}" if fraction else f"{sign}{integer}"


def format_french_number(value, *, group_from: int = 0) -> str:
    """Decimal('1234.50') → « 1 234,5 » (narrow no-break spaces); ints below `group_from` stay ungrouped."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, int) and abs(value) < group_from:
        return str(value)
    return fr_decimal(value)


class FrenchNumberInput(forms.TextInput):
    """A text input for numbers: the phone shows its numeric keyboard, the page shows French figures."""

    def __init__(self, attrs=None, *, integer: bool = False):
        base = {"inputmode": "numeric" if integer else "decimal", "autocomplete": "off", "spellcheck": "false"}
        super().__init__({**base, **(attrs or {})})
        self.integer = integer

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value  # what the user typed, redisplayed untouched after an error
        return format_french_number(value, group_from=10_000 if self.integer else 0)


class FrenchNumberMixin:
    """Parses French input before the stock field validates it (see the module docstring)."""

    french = True

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            places = 0 if not isinstance(self, (forms.DecimalField, forms.FloatField)) else None
            if isinstance(self, forms.DecimalField):
                places = self.decimal_places
            value = parse_french_number(value, decimal_places=places, label=self.label or "")
        return super().to_python(value)


class DecimalField(FrenchNumberMixin, forms.DecimalField):
    widget = FrenchNumberInput


class IntegerField(FrenchNumberMixin, forms.IntegerField):
    widget = FrenchNumberInput


class FloatField(FrenchNumberMixin, forms.FloatField):
    widget = FrenchNumberInput


class IsoDateInput(forms.DateInput):
    """DSFR date input (`type="date"`): the browser shows jj/mm/aaaa and posts ISO; a typed
    « 03/12/2026 » posted by another client is accepted by the field and redisplayed in ISO so the
    browser can show it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            for pattern in formats.get_format("DATE_INPUT_FORMATS"):
                try:
                    return datetime.datetime.strptime(value.strip(), pattern).date().isoformat()
                except ValueError:
                    continue
            return value
        return super().format_value(value)


_FRENCH_CLASSES: dict[type, type] = {
    forms.DecimalField: DecimalField,
    forms.IntegerField: IntegerField,
    forms.FloatField: FloatField,
}


def _french_class(field_class: type) -> type:
    if field_class not in _FRENCH_CLASSES:
        _FRENCH_CLASSES[field_class] = type(f"French{field_class.__name__}", (FrenchNumberMixin, field_class), {})
    return _FRENCH_CLASSES[field_class]


def _number_widget(old: forms.Widget, *, integer: bool) -> FrenchNumberInput:
    attrs = {key: value for key, value in old.attrs.items() if key not in ("min", "max", "step", "type")}
    widget = FrenchNumberInput(attrs, integer=integer)
    widget.is_required = old.is_required
    widget.is_localized = True
    return widget


# What PostgreSQL's integer column holds: a larger number is a French error, never a database error page.
INTEGER_RANGE = (-2_147_483_648, 2_147_483_647)


def _bound_to_integer_column(field: forms.IntegerField) -> None:
    """Bound a number field to what an integer column stores, unless it already has its own bounds (idempotent)."""
    if field.min_value is None:
        field.min_value = INTEGER_RANGE[0]
        field.validators.append(MinValueValidator(INTEGER_RANGE[0]))
    if field.max_value is None:
        field.max_value = INTEGER_RANGE[1]
        field.validators.append(MaxValueValidator(INTEGER_RANGE[1]))


def localize_field(field: forms.Field) -> forms.Field:
    """Make one form field French in place (numbers and dates); idempotent; returns the field.

    Fields with choices (a select) and hidden inputs are left alone: nobody types in them.
    """
    if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
        widget = field.widget
        if isinstance(widget, forms.DateInput) and widget.input_type == "date" and not isinstance(widget, IsoDateInput):
            new = IsoDateInput({key: value for key, value in widget.attrs.items() if key != "type"})
            new.is_required = widget.is_required
            field.widget = new
        return field
    numeric = isinstance(field, (forms.IntegerField, forms.FloatField, forms.DecimalField))
    if numeric:  # Django's FloatField and DecimalField are IntegerFields too: same bounds by default
        _bound_to_integer_column(field)
    if not numeric or getattr(field, "french", False) or isinstance(field.widget, (forms.HiddenInput, forms.Select)):
        return field
    field.__class__ = _french_class(type(field))
    field.localize = True
    integer = not isinstance(field, (forms.DecimalField, forms.FloatField))
    field.widget = _number_widget(field.widget, integer=integer)
    return field


class LocalizedFields(dict):
    """A form's `fields` dict that localizes every field put in it, even after `__init__`."""

    def __init__(self, fields):
        super().__init__()
        self.update(fields)

    def __setitem__(self, name, field):
        super().__setitem__(name, localize_field(field))

    def update(self, *args, **kwargs):
        for name, field in dict(*args, **kwargs).items():
            self[name] = field

    def setdefault(self, name, field=None):
        if name not in self:
            self[name] = field
        return self[name]
