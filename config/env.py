"""Typed readers for environment variables.

Every setting read from the environment goes through one of these helpers, so a typo
or a malformed value stops the process at boot instead of surfacing later.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def _read(name: str, default):
    """The raw value, or `_MISSING` when unset/empty and a default applies. Raises if required."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return _MISSING
    return raw


def env_str(name: str, default=_MISSING) -> str:
    raw = _read(name, default)
    return default if raw is _MISSING else raw


def env_bool(name: str, default=_MISSING) -> bool:
    raw = _read(name, default)
    if raw is _MISSING:
        return bool(default)
    lowered = raw.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {raw!r}.")


def env_int(name: str, default=_MISSING) -> int:
    raw = _read(name, default)
    if raw is _MISSING:
        return int(default)
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from exc


def env_list(name: str, default=_MISSING) -> list[str]:
    raw = _read(name, default)
    if raw is _MISSING:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, default=_MISSING) -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (Docker secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return env_str(name, default)
