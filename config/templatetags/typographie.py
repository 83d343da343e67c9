"""French typography in any template: « 2 587 031 », « 39,8 % », « +1 204 » (see config.typography)."""

from django import template

from config import typography

register = template.Library()


@register.filter
def fr_number(value, decimals=0):
    return typography.fr_number(value, int(decimals))


@register.filter
def fr_percent(value, decimals=1):
    """A percentage already multiplied by 100."""
    return typography.fr_percent(value, int(decimals))


@register.filter
def fr_share(value, decimals=1):
    """A share between 0 and 1."""
    return typography.fr_share(value, int(decimals))


@register.filter
def fr_delta(value, decimals=0):
    return typography.fr_delta(value, int(decimals))
