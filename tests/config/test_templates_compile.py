"""Every template of the project compiles: an unknown filter or tag (a library renamed in one branch and still used
in another) fails here, not in the worker that renders a bilan section months later."""

import re
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


# A number in an HTML attribute (an id, an anchor, a value) is written by the template engine with the French
# thousands separator (USE_THOUSAND_SEPARATOR): « tvs-1 020 » breaks the id htmx swaps. Database keys written into
# attributes go through `unlocalize` (or `stringformat`); UUIDs (`public_id`) are not numbers.
KEY_IN_ATTRIBUTE = re.compile(r'[\w-]+="[^"]*\{\{ *\w+(?:\.\w+)*\.(?:pk|id|\w+_id) *\}\}')


def test_no_template_writes_a_database_key_into_an_attribute_with_a_thousands_separator():
    offenders = []
    for name in NAMES:
        for number, line in enumerate((TEMPLATES_DIR / name).read_text().splitlines(), start=1):
            for match in KEY_IN_ATTRIBUTE.finditer(line):
                if "public_id" not in match.group() and "auto_id" not in match.group():
                    offenders.append(f"{name}:{number}: {match.group()}")
    assert not offenders, offenders


def test_the_key_check_sees_a_key_in_an_attribute():
    assert KEY_IN_ATTRIBUTE.search('<tr id="tvs-{{ ligne.tvs_id }}">')
    assert KEY_IN_ATTRIBUTE.search('<a href="#mesure-{{ mesure.pk }}">')
    assert not KEY_IN_ATTRIBUTE.search('<tr id="tvs-{{ ligne.tvs_id|unlocalize }}">')
    assert not KEY_IN_ATTRIBUTE.search('<table id="{{ table_id }}">')
