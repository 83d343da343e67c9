"""French typography of the figures written to bench/results/latest.md (read by the ARS, like the portal's pages):
« 1,04 », « 91 % », « 34 969 », with the narrow no-break space before « % » and between thousands."""

NARROW_NBSP = "\u202f"


def decimal(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def entier(value: int) -> str:
    return f"{value:,}".replace(",", NARROW_NBSP)


def pourcentage(ratio: float) -> str:
    return f"{ratio * 100:.0f}{NARROW_NBSP}%"
