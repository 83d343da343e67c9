"""The public commune endpoint's answers, cached (Redis in production) and keyed on a version of the zonage data.

An answer depends on the arrêtés in force, their annexes, the aids and the référentiel's figures, the commune and
its overlays, and the day. Any save or delete of a model of those apps (`WATCHED_APPS`) moves the version, so the
next call recomputes; bulk writes send no signal, hence a bounded lifetime (`TIMEOUT`) as well. Callers also get an
ETag built from the same key (a 304 costs no query).
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "zonage:api:version"
TIMEOUT = 10 * 60
WATCHED_APPS = frozenset({"zonage", "referentiel", "territoires"})


def version() -> str:
    """The current version of the zonage data (a random token, renewed on every change)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        current = cache.get(VERSION_KEY)
    return current


def bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def commune_key(code_insee: str, on, *, data_version: str | None = None) -> str:
    """`data_version`: the `version()` the caller already read (saves a cache read)."""
    return f"zonage:api:commune:{data_version or version()}:{on.isoformat()}:{code_insee}"


def etag(key: str) -> str:
    return '"' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'


def cached_body(key: str, build) -> bytes:
    """The body stored under `key`, or `build()` (bytes) stored."""
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, TIMEOUT)
    return body


def _changed(sender, **kwargs):
    if sender._meta.app_label in WATCHED_APPS:
        bump()


def connect() -> None:
    """Connected once, in ZonageConfig.ready()."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"zonage-api-cache-{signal}")
