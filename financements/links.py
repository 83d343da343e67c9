"""Where a beneficiary's owning object lives: programme → callable(beneficiaire) -> url.

The programme apps (cls, cpts, acces_soins…) fill this registry in their `AppConfig.ready()`,
as they do for `instruction.kinds`. A programme without a registered callable shows no link.
"""

from collections.abc import Callable

_LINKS: dict[str, Callable] = {}


def register_link(programme: str, url_of: Callable) -> None:
    """Declare how to reach the page of the object that owns a beneficiary of `programme`."""
    _LINKS[str(programme)] = url_of


def owner_url(beneficiaire) -> str | None:
    """The URL of the owning object's page, or None (no registered link, or the owner is gone)."""
    url_of = _LINKS.get(beneficiaire.programme)
    if url_of is None:
        return None
    try:
        return url_of(beneficiaire)
    except Exception:  # noqa: BLE001 - a missing owner must not break a ledger page
        return None
