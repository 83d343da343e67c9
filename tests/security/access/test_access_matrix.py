"""The access matrix: every URL pattern × every persona × GET and POST, against the table of matrix.py.

Writes test-results/access-matrix.csv (expected and observed, one row per request). The expected part is
kept in docs/securite/access-matrix.csv for the security review: the test fails when it is stale
(regenerate it with UPDATE_ACCESS_MATRIX=1).
"""

import time
from collections import Counter

import pytest

from tests.security.harness import (
    RESULTS_DIR,
    Persona,
    build_url,
    check_docs_copy,
    leak,
    outcome,
    url_patterns,
    write_csv,
)
from tests.security.matrix import ADMIN_PREFIX, ADMIN_SPECIAL, ROUTES, SAME, A, R, a
from tests.security.world import PERSONAS

pytestmark = pytest.mark.django_db

API_PREFIX = "api:"
ADMIN_MODEL_PAGE_PERSONAS = ("anonymous", "inactive", "siege_a")
ADMIN_ARGUMENTS = {"app_label": "comptes", "object_id": "1", "content_type_id": 1, "url": "inconnu/"}


def html_patterns():
    return [pattern for pattern in url_patterns() if not pattern.name.startswith(API_PREFIX)]


def admin_routes(patterns) -> list[R]:
    """The admin rows, generated: every admin URL sends every persona to the admin login (no persona is staff)."""
    routes = []
    for pattern in patterns:
        if pattern.name.startswith(ADMIN_PREFIX):
            kw = {param: ADMIN_ARGUMENTS.get(param, "1") for param in pattern.params}
            access = ADMIN_SPECIAL.get(pattern.name, a(deny="login"))
            routes.append(R(pattern.name, access, post=SAME if pattern.name in ADMIN_SPECIAL else None, kw=kw))
    return routes


def methods(route: R, persona: str) -> tuple[str, ...]:
    """GET, and POST on every state-changing view. A read-only view gets a POST only from the personas it
    refuses (the refusal must not depend on the method); the admin's model pages share one guard: GET only."""
    if _admin_model_page(route):
        return ("GET",)
    if route.post is None and route.get is not None and route.get.expected(persona) == "ok":
        return ("GET",)
    return ("GET", "POST")


def personas_of(route: R, personas: dict) -> dict:
    """Every persona, except on the admin's model pages (one guard for all, checked in full on the admin
    index): anonymous, an inactive account and the most powerful persona (siège A) there."""
    if _admin_model_page(route):
        return {name: personas[name] for name in ADMIN_MODEL_PAGE_PERSONAS}
    return personas


def _admin_model_page(route: R) -> bool:
    return route.name.startswith(ADMIN_PREFIX) and route.name not in ADMIN_SPECIAL


def test_every_url_pattern_is_declared_in_the_matrix():
    patterns = {pattern.name for pattern in html_patterns() if not pattern.name.startswith(ADMIN_PREFIX)}
    declared = {route.name for route in ROUTES}
    missing = sorted(patterns - declared)
    stale = sorted(declared - patterns)
    assert not missing, f"URL patterns missing from tests/security/matrix.py: {missing}"
    assert not stale, f"Rows of tests/security/matrix.py without a URL pattern: {stale}"


def expected(route: R, method: str, persona: str) -> set[str]:
    """The outcomes accepted for one request."""
    if method == "GET":
        if route.get is None:  # POST-only view
            return {"login"} if persona in ("anonymous", "inactive") and not _public_post(route) else {"405"}
        return {route.get.expected(persona)}
    post = route.get if route.post == SAME else route.post
    if post is None:  # read-only view: refused like the GET, or 405
        return {route.get.expected(persona), "405"}
    return {post.expected(persona)}


def _public_post(route: R) -> bool:
    return isinstance(route.post, A) and route.post.public


def test_access_matrix(world):
    patterns = {pattern.name: pattern for pattern in html_patterns()}
    routes = [*ROUTES, *admin_routes(patterns.values())]
    personas = {name: Persona(name, world.users.get(name)) for name in PERSONAS}
    started = time.monotonic()
    rows, mismatches, leaks, counts, timing, pairs = [], [], [], Counter(), Counter(), set()
    for route in routes:
        route_started = time.monotonic()
        pattern = patterns[route.name]
        url = build_url(pattern, world, obj=route.obj, kw=route.kw) + (f"?{route.query}" if route.query else "")
        for persona_name, persona in personas_of(route, personas).items():
            for method in methods(route, persona_name):
                accepted = expected(route, method, persona_name)
                response, body = persona.request(method, url)
                got = outcome(response)
                counts["requests"] += 1
                pairs.add((route.key, persona_name))
                counts[got] += 1
                if got not in accepted:
                    mismatches.append(f"{method} {url} ({route.key}) as {persona_name}: {got}, expected {accepted}")
                    counts["unexpected 200"] += response.status_code == 200
                found = leak(persona_name, response, body)
                if found:
                    leaks.append(f"{method} {url} ({route.key}) as {persona_name}: « {found} »")
                verdict = "ok" if got in accepted else "ÉCART"
                accepted_text = "|".join(sorted(accepted))
                rows.append(
                    [
                        route.key,
                        pattern.route,
                        url,
                        persona_name,
                        method,
                        accepted_text,
                        response.status_code,
                        got,
                        verdict,
                    ]
                )
        timing["admin" if route.name.startswith(ADMIN_PREFIX) else route.key] += time.monotonic() - route_started
    elapsed = time.monotonic() - started
    header = ["route", "motif", "url", "persona", "methode", "attendu", "statut", "obtenu", "verdict"]
    write_csv(RESULTS_DIR / "access-matrix.csv", header, rows)
    check_docs_copy("access-matrix.csv", [[row[0], row[1], row[3], row[4], row[5]] for row in rows])
    print(
        f"\nMatrice d'accès : {len(pairs)} paires (route, persona), {counts['requests']} requêtes GET/POST "
        f"({len(routes)} routes, {len(personas)} personas) "
        f"en {elapsed:.1f} s ; {counts['unexpected 200']} 200 inattendus ; {counts['5xx']} erreurs 5xx ; "
        f"{len(mismatches)} écarts ; {len(leaks)} fuites ; résultats : {dict(sorted(counts.items()))} ; "
        f"les plus lentes : {', '.join(f'{key} {value:.1f} s' for key, value in timing.most_common(6))}"
    )
    problems = [*(f"ÉCART {line}" for line in mismatches), *(f"FUITE {line}" for line in leaks)]
    assert not problems, f"{len(problems)} problèmes (les 5xx sont des écarts) :\n" + "\n".join(problems)
