"""Screenshots of the journeys, kept under test-results/ (git-ignored) for CI artefacts and review."""

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def keep_screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as test-results/screenshots/<name>.png and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
