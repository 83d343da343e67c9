"""Every template of the project compiles: an unknown filter or tag (a library renamed in one branch and still used
in another) fails here, not in the worker that renders a bilan section months later."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
NAMES = sorted(
    str(path.relative_to(TEMPLATES_DIR))
    for path in TEMPLATES_DIR.rglob("*")
    if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".svg")
)


def test_the_walk_finds_the_templates():
    assert len(NAMES) > 100
    assert "acces_soins/bilans/sections/territoire.html" in NAMES
    assert "acces_soins/bilans/sections/registres.html" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_template_compiles(name):
    get_template(name)
