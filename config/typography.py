"""French number typography for pages and PDFs: « 2 587 031 », « 39,8 % », « +1 204 ».

Thousands are separated by a non-breaking space (U+00A0), the decimal mark is a comma and a
non-breaking space precedes « % » and units, so a figure never breaks across lines.
"""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"


def fr_number(value, decimals: int = 0) -> str:
    """`2587031` → « 2 587 031 » ; `3.14159, 2` → « 3,14 ». None → « — »."""
    if value is None or value == "":
        return "—"
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = MINUS if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = NBSP.join(groups)
    if decimals:
        text += "," + fraction.ljust(decimals, "0")
    return sign + text


def fr_percent(value, decimals: int = 1) -> str:
    """A percentage already multiplied by 100: `39.8` → « 39,8 % »."""
    if value is None or value == "":
        return "—"
    return f"{fr_number(value, decimals)}{NBSP}%"


def fr_share(value, decimals: int = 1) -> str:
    """A share between 0 and 1: `0.398` → « 39,8 % »."""
    if value is None or value == "":
        return "—"
    return fr_percent(Decimal(str(value)) * 100, decimals)


def fr_delta(value, decimals: int = 0) -> str:
    """A signed change: `1204` → « +1 204 », `-3` → « −3 », `0` → « = »."""
    if value is None or value == "":
        return "—"
    if Decimal(str(value)) == 0:
        return "="
    text = fr_number(value, decimals)
    return text if text.startswith(MINUS) else f"+{text}"
