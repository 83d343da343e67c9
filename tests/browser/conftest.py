"""Playwright on Debian's Chromium (never `playwright install`), plus an axe-core audit helper."""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",  # required as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-default-apps",
    "--mute-audio",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# live_server fixtures from that thread are safe here (one thread, one connection).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript or CSP errors on the page: {errors}"


SERIOUS = {"serious", "critical"}


def assert_accessible(page, *, context: str = "") -> list[dict]:
    """Run axe-core (WCAG 2.1 A/AA rules) on the current page; fail on serious or critical violations.

    Returns the minor/moderate violations so a test may look at them.
    """
    if not AXE_JS.exists():
        skip_or_fail(f"axe-core not installed ({AXE_JS}); run `npm ci`")
    # Evaluated through the DevTools protocol: not an inline <script>, so the page's CSP stays strict.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
        })"""
    )
    blocking = [violation for violation in results["violations"] if violation["impact"] in SERIOUS]
    details = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in blocking
    ]
    assert not blocking, f"axe-core found serious/critical violations {context}:\n" + "\n".join(details)
    return [violation for violation in results["violations"] if violation["impact"] not in SERIOUS]


RESULTS = Path(__file__).resolve().parents[2] / "test-results"


def save_screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot under test-results/ (a CI artefact)."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
