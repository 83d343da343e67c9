"""The error pages on the fixture world, for every persona: what a 403 page says (the persona's roles and who can
grant access) names only the persona's own organisations and their gestionnaires, and a page that does not
exist is the same 404 for everyone. The matrices check the other région's marker on these pages too
(tests.security.harness.leak)."""

import re

import pytest

from comptes.models import Membership
from tests.security.harness import Persona, build_url, leak, url_patterns
from tests.security.matrix import ROUTES
from tests.security.world import PERSONAS

pytestmark = pytest.mark.django_db

LOGGED = [name for name in PERSONAS if name not in ("anonymous", "inactive")]
MAILTO = re.compile(r'href="mailto:([^"]+)"')


def _refused_url(world, persona: str) -> str | None:
    """The first URL of the matrix that answers this persona with a 403 on GET."""
    patterns = {pattern.name: pattern for pattern in url_patterns()}
    for route in ROUTES:
        if route.get is not None and route.get.expected(persona) == "403":
            return build_url(patterns[route.name], world, obj=route.obj, kw=route.kw)
    return None


@pytest.mark.parametrize("persona", LOGGED)
def test_a_403_page_names_only_the_personas_own_organisations(world, persona, settings):
    settings.CONTACT_EMAIL = "contact@ars.example.fr"
    user = world.users[persona]
    url = _refused_url(world, persona)
    if url is None:
        pytest.skip(f"no 403 in the matrix for {persona}")
    response, body = Persona(persona, user).request("GET", url)
    assert response.status_code == 403
    html = body.decode()
    assert "Qui contacter" in html, url
    assert leak(persona, response, body) is None
    own = set(Membership.objects.active().filter(user=user).values_list("organisation", flat=True))
    shown = set(MAILTO.findall(html)) - {settings.CONTACT_EMAIL, user.email}
    allowed = set(Membership.objects.active().filter(organisation__in=own).values_list("user__email", flat=True))
    assert shown <= allowed, f"{url} as {persona}: {shown - allowed}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_missing_page_is_the_same_404_for_everyone(world, persona):
    client = Persona(persona, world.users.get(persona))
    page, page_body = client.request("GET", "/page-qui-n-existe-pas/")
    api, api_body = client.request("GET", "/api/v1/inexistant/")
    assert (page.status_code, api.status_code) == (404, 404)
    assert "Page non trouvée" in page_body.decode()
    assert api["Content-Type"].startswith("application/json")
    assert leak(persona, page, page_body) is None
