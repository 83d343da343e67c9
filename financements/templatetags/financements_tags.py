from django import template

from config.typography import fr_number

register = template.Library()


@register.filter
def euros(value, decimals: int = 0):
    """« 2 600 000 € » (or with `decimals` digits after the comma)."""
    if value is None or value == "":
        return "—"
    return f"{fr_number(value, int(decimals))}\u00a0€"
