"""The REST API matrix: every /api/v1/ pattern × every persona × session and token, GET and POST.

Writes test-results/api-matrix.csv (expected part kept in docs/securite/api-matrix.csv).
"""

import time
from collections import Counter

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

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
from tests.security.matrix import API_ROUTES, TOKEN_HOLDERS
from tests.security.world import PERSONAS

pytestmark = pytest.mark.django_db


def api_patterns():
    return {pattern.name: pattern for pattern in url_patterns() if pattern.name.startswith("api:")}


def test_every_api_pattern_is_declared():
    declared = {route.name for route in API_ROUTES}
    assert sorted(set(api_patterns()) - declared) == [], "API patterns missing from tests/security/matrix.py"
    assert sorted(declared - set(api_patterns())) == [], "rows of API_ROUTES without a pattern"


class TokenPersona(Persona):
    """A client that sends `Authorization: Token <key>` and no session cookie."""

    def __init__(self, name, user):
        self.name, self.token = name, ""
        self.client = Client(enforce_csrf_checks=True)
        self.headers = {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"} if user else {}

    def request(self, method, url):
        return super().request(method, url, **self.headers)


def expected(route, persona: str, auth: str, method: str) -> str:
    if auth == "token" and persona not in TOKEN_HOLDERS and persona != "anonymous":
        return "403"  # the token itself is refused (or its account is inactive)
    readable = route.expected(persona)
    if method == "POST":
        return route.post or ("405" if readable in ("ok", "404") else readable)
    return readable


def test_api_matrix(world):
    patterns = api_patterns()
    clients = {
        "session": {name: Persona(name, world.users.get(name)) for name in PERSONAS},
        "token": {name: TokenPersona(name, world.users.get(name)) for name in PERSONAS},
    }
    started = time.monotonic()
    rows, problems, counts = [], [], Counter()
    for route in API_ROUTES:
        pattern = patterns[route.name]
        url = build_url(pattern, world, obj=route.obj, kw=route.kw)
        for auth, personas in clients.items():
            for name, client in personas.items():
                for method in ("GET", "POST"):
                    wanted = expected(route, name, auth, method)
                    response, body = client.request(method, url)
                    got = outcome(response)
                    counts["requests"] += 1
                    counts[got] += 1
                    if got != wanted:
                        problems.append(f"ÉCART {method} {url} ({route.key}) {auth} {name}: {got}, attendu {wanted}")
                        counts["unexpected 200"] += response.status_code == 200
                    found = leak(name, response, body)
                    if found:
                        problems.append(f"FUITE {method} {url} ({route.key}) {auth} {name}: « {found} »")
                    if response.status_code >= 300 and response.status_code not in (403, 404, 405):
                        problems.append(f"STATUT {method} {url} {auth} {name}: {response.status_code}")
                    rows.append([route.key, pattern.route, url, name, auth, method, wanted, response.status_code, got])
    elapsed = time.monotonic() - started
    write_csv(
        RESULTS_DIR / "api-matrix.csv",
        ["route", "motif", "url", "persona", "authentification", "methode", "attendu", "statut", "obtenu"],
        rows,
    )
    check_docs_copy("api-matrix.csv", [[row[0], row[1], row[3], row[4], row[5], row[6]] for row in rows])
    print(
        f"\nMatrice de l'API : {len(API_ROUTES) * len(PERSONAS) * 2} paires (route, persona, authentification), "
        f"{counts['requests']} requêtes en {elapsed:.1f} s ; {counts['unexpected 200']} 200 inattendus ; "
        f"{counts['5xx']} erreurs 5xx ; {len(problems)} problèmes ; {dict(sorted(counts.items()))}"
    )
    assert not problems, "\n".join(problems)


def test_a_refused_token_says_why_in_french(world):
    token, _ = Token.objects.get_or_create(user=world.users["coll_a_gest"])
    response = Client().get("/api/v1/cpts/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 403
    assert "réservés aux agents de l'ARS" in response.json()["detail"]


def test_a_partner_token_reads_only_its_scope(world):
    token, _ = Token.objects.get_or_create(user=world.users["cpam"])
    response = Client().get("/api/v1/cpts/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["results"] == []  # a partner co-instructs dossiers; it holds no CPTS
