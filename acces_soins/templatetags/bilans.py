"""French typography in the bilan templates: « 2 587 031 », « 39,8 % », « +1 204 »."""

import datetime

from django import template
from django.utils import dateformat

from config import typography
from config.templatetags import typographie

register = template.Library()


# The generic filters live in config (any template may load them); bilan templates keep loading them from here.
register.filter("fr_number", typographie.fr_number)
register.filter("fr_percent", typographie.fr_percent)
register.filter("fr_delta", typographie.fr_delta)


@register.filter
def fr_figure(figure):
    """A headline figure {valeur, unite}: percentages with one decimal, counts as integers."""
    if figure["unite"] == "%":
        return typography.fr_percent(figure["valeur"])
    decimals = 0 if isinstance(figure["valeur"], int) or figure["valeur"] is None else 1
    return typography.fr_number(figure["valeur"], decimals)


@register.filter
def fr_figure_delta(figure):
    decimals = 1 if figure["unite"] == "%" else 0
    text = typography.fr_delta(figure["delta"], decimals)
    return f"{text}{typography.NBSP}pt" if figure["unite"] == "%" and figure["delta"] else text


@register.filter
def fr_date(value):
    """An ISO date or datetime string of the snapshot → « 16 juin 2026 »."""
    if not value:
        return "—"
    return dateformat.format(datetime.date.fromisoformat(str(value)[:10]), "j F Y")
