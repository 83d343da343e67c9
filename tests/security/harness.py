"""What the access matrices share: URL patterns from the resolver, persona clients with their own CSRF
token, requests rolled back one by one, outcome classification and the region-leak check."""

import copy
import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.world import MARKER_A, MARKER_B, REGION_OF

RESULTS_DIR = Path(settings.BASE_DIR) / "test-results"
DOCS_DIR = Path(settings.BASE_DIR) / "docs" / "securite"
LOGIN_PREFIXES = ("/comptes/connexion/", "/admin/login/")
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
ATTRIBUTES = {"uuid": "public_id"}


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced URL name
    route: str  # the pattern as written, for the reports
    params: tuple[str, ...]  # the URL arguments


def url_patterns() -> list[Pattern]:
    """Every named URL pattern of the project, found by walking the resolver (a new view is covered)."""
    found = []

    def walk(resolver, prefix="", namespace=None, params=()):
        for entry in resolver.url_patterns:
            own = tuple(_params(entry.pattern))
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry, prefix + str(entry.pattern), ns, params + own)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if entry.name:
                    name = f"{namespace}:{entry.name}" if namespace else entry.name
                else:  # unnamed (the admin's legacy redirects): keyed by its route, within its namespace
                    name = f"{namespace or ''}:<{route}>"
                found.append(Pattern(name, route, params + own))

    walk(get_resolver())
    return found


def _params(pattern) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return list(converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def build_url(pattern: Pattern, world, *, obj: str | None, kw: dict) -> str:
    """The concrete URL: each argument from `kw` (a value, a world key or a callable) or from `obj`."""
    kwargs = {}
    for param in pattern.params:
        if param in kw:
            value = kw[param]
            if callable(value):
                value = value(world)
            elif isinstance(value, str) and value in world.objects:
                value = world[value].public_id
        else:
            value = getattr(world[obj], ATTRIBUTES.get(param, param))
        kwargs[param] = value
    if ":<" not in pattern.name:
        groups = re.compile(pattern.route).groups if not kwargs and "(" in pattern.route else 0
        return reverse(pattern.name, args=["1"] * groups) if groups else reverse(pattern.name, kwargs=kwargs)
    url = "/" + pattern.route  # an unnamed pattern: fill its arguments in by hand
    for param, value in kwargs.items():
        url = re.sub(rf"<(\w+:)?{param}>|\(\?P<{param}>[^)]*\)", str(value), url)
    return url.replace("^", "").replace("$", "")


class Persona:
    """A browser of one persona: a CSRF-enforcing client, logged in, with the CSRF token of its session."""

    def __init__(self, name: str, user=None):
        self.name = name
        self.client = Client(enforce_csrf_checks=True)
        if user is not None:
            self.client.force_login(user, backend=MODEL_BACKEND)
        page = "/comptes/connexion/" if user is None or not user.is_active else "/comptes/mon-compte/"
        self.client.get(page)
        self.token = self.client.cookies[settings.CSRF_COOKIE_NAME].value

    def request(self, method: str, url: str, data: dict | None = None, **extra):
        """One request in a savepoint rolled back afterwards, cookies restored: the world never changes."""
        cookies = copy.deepcopy(self.client.cookies)
        with transaction.atomic():
            if method == "GET":
                response = self.client.get(url, **extra)
            else:
                response = self.client.post(url, {"csrfmiddlewaretoken": self.token, **(data or {})}, **extra)
            body = read(response)
            transaction.set_rollback(True)
        self.client.cookies = cookies
        return response, body


def read(response) -> bytes:
    """The body. The test client closes responses itself (a streamed one once consumed) with the signal that
    closes database connections disconnected: closing it again here would drop the world's connection."""
    return b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content


def outcome(response) -> str:
    status = response.status_code
    if status >= 500:
        return "5xx"
    if 300 <= status < 400:
        return "login" if response.get("Location", "").startswith(LOGIN_PREFIXES) else "ok"
    if status in (401, 403, 404, 405, 429):
        return str(status)
    return "ok"


def leak(persona: str, response, body: bytes) -> str | None:
    """The other région's marker in a page served to this persona, if any: a page, a form sent back with its
    errors (400, its choices) or an error page (403 names the persona's organisations and their gestionnaires)."""
    region = REGION_OF.get(persona)
    content_type = response.get("Content-Type", "")
    redirect = 300 <= response.status_code < 400
    if region is None or redirect or not content_type.startswith(("text/", "application/json")):
        return None
    marker = MARKER_B if region == "A" else MARKER_A
    text = body.decode("utf-8", errors="replace")
    index = text.find(marker)
    return None if index < 0 else text[max(0, index - 60) : index + 40].replace("\n", " ")


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def check_docs_copy(name: str, expected_rows: list[list]) -> None:
    """docs/securite/<name>: the expected outcomes only (stable, reviewed with the code). The test fails when
    it is stale; UPDATE_ACCESS_MATRIX=1 rewrites it."""
    header = {
        "access-matrix.csv": ["route", "motif", "persona", "methode", "attendu"],
        "api-matrix.csv": ["route", "motif", "persona", "authentification", "methode", "attendu"],
    }[name]
    generated = RESULTS_DIR / name.replace(".csv", "-expected.csv")
    write_csv(generated, header, expected_rows)
    path = DOCS_DIR / name
    if os.environ.get("UPDATE_ACCESS_MATRIX"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generated.read_text(encoding="utf-8"), encoding="utf-8")
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    assert current == generated.read_text(encoding="utf-8"), (
        f"docs/securite/{name} is stale: run tests/security with UPDATE_ACCESS_MATRIX=1 and review the diff"
    )
