"""Every named URL pattern of the project, found by walking the resolver (so a new view is covered)."""

import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

SAMPLES = {"uuid": uuid.UUID(int=0), "int": 1, "slug": "x", "str": "x", "path": "x"}


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced URL name
    route: str
    converters: tuple[tuple[str, str], ...]  # (argument, converter name)

    def sample_url(self) -> str:
        """The URL with placeholder arguments of the right type (for views that answer before any lookup)."""
        return reverse(self.name, kwargs={arg: SAMPLES.get(kind, "x") for arg, kind in self.converters})


def _converters(pattern) -> list[tuple[str, str]]:
    found = []
    for argument, converter in getattr(pattern, "converters", {}).items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        found.append((argument, {"string": "str"}.get(kind, kind)))
    if not found and getattr(pattern, "regex", None) is not None:
        found = [(argument, "str") for argument in pattern.regex.groupindex]
    return found


def url_patterns() -> list[Pattern]:
    found = []

    def walk(resolver, prefix="", namespace=None, converters=()):
        for entry in resolver.url_patterns:
            own = tuple(_converters(entry.pattern))
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry, prefix + str(entry.pattern), ns, converters + own)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.append(Pattern(name, prefix + str(entry.pattern), converters + own))

    walk(get_resolver())
    return found
