import datetime

from django import template

from config.typography import fr_date

register = template.Library()


@register.filter
def date_iso(value):
    """A snapshot date (ISO text) the French way; empty for none."""
    return fr_date(datetime.date.fromisoformat(value[:10])) if value else ""


@register.filter
def cle(mapping, key):
    return (mapping or {}).get(key)
