"""Bilan-only figure filters; general French typography is `{% load typographie %}` (config)."""

from django import template

from config import typography

register = template.Library()


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
