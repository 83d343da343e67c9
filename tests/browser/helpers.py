"""Shared steps of the browser journeys: log in, keep a screenshot under test-results/ (git-ignored, kept
as CI artefacts and for review)."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.comptes.factories import PASSWORD

RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def keep_screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as test-results/screenshots/<name>.png and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, email: str) -> None:
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
