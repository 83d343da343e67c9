"""Production headers and cookies, tested on responses served with the settings of config.settings.prod.

The prod module is loaded with placeholder environment variables; every setting it defines is applied except
the infrastructure (database, cache, broker, storages, e-mail), which the tests keep.
"""

import importlib
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.comptes.factories import PASSWORD

pytestmark = pytest.mark.django_db

INFRASTRUCTURE = {
    "DATABASES",
    "CACHES",
    "STORAGES",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "SECRET_KEY",
    "TEMPLATES",
    "LOGGING",
    "PASSWORD_HASHERS",
}
PROD_ENV = {
    "SECRET_KEY": "headers-test-" + "x" * 50,
    "DATABASE_URL": "postgres://user:password@localhost:5432/sante",
    "ALLOWED_HOSTS": "testserver",
    "CELERY_BROKER_URL": "redis://localhost:6379/0",
}


@pytest.fixture
def prod_settings(monkeypatch):
    for name, value in PROD_ENV.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("config.settings.prod", None)
    prod = importlib.import_module("config.settings.prod")
    values = {
        name: getattr(prod, name)
        for name in dir(prod)
        if name.isupper() and name not in INFRASTRUCTURE and not name.startswith(("CELERY_", "EMAIL_"))
    }
    sys.modules.pop("config.settings.prod", None)
    with override_settings(**values):
        yield values


def test_http_is_redirected_to_https(prod_settings):
    response = Client().get("/comptes/connexion/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/comptes/connexion/"


def test_security_headers(prod_settings):
    response = Client().get("/comptes/connexion/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert "script-src 'self'" in csp  # plus a per-response nonce on the pages with an inline script
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_cookies_are_secure_httponly_and_samesite(prod_settings, porteur_manager):
    client = Client()
    page = client.get("/comptes/connexion/", secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"]
    assert csrf["httponly"]
    assert csrf["samesite"] == "Lax"
    assert csrf["path"] == "/"
    response = client.post(
        "/comptes/connexion/", {"username": porteur_manager.email, "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert session["path"] == "/"
    assert not session["domain"]  # a __Host- cookie is bound to the exact host


def test_the_api_answers_with_the_same_headers(prod_settings):
    response = Client().get("/api/v1/zonage/arretes/", secure=True)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" in response


def test_check_deploy_is_clean():
    # A production environment: not the test process's (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(["scripts/check-deploy.sh"], cwd=settings.BASE_DIR, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
