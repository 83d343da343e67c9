"""Access matrix: every view of the foundation, for anonymous visitors and each persona."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("home", {}),
    ("comptes:login", {}),
    ("comptes:password_reset", {}),
    ("comptes:password_reset_done", {}),
    ("comptes:password_reset_complete", {}),
    ("accessibilite", {}),
    ("mentions_legales", {}),
    ("donnees_personnelles", {}),
    ("api-docs", {}),
    ("api-schema", {}),
]

LOGIN_REQUIRED_PAGES = [
    ("comptes:account", {}),
    ("territoires:index", {}),
    ("territoires:commune_list", {}),
    ("territoires:commune_detail", {"code_insee": "37132"}),
    ("territoires:epci_detail", {"siren": "200071587"}),
    ("territoires:departement_detail", {"code": "37"}),
]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_public_pages_open_to_anonymous(client, territory, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), LOGIN_REQUIRED_PAGES)
def test_anonymous_is_sent_to_login(client, territory, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('comptes:login')}?next={url}"


@pytest.mark.parametrize(("name", "kwargs"), LOGIN_REQUIRED_PAGES)
def test_every_persona_reads_the_referential(persona, name, kwargs):
    _, client = persona
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert b"<title>" in response.content


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("territoires:commune_detail", {"code_insee": "99999"}),
        ("territoires:epci_detail", {"siren": "999999999"}),
        ("territoires:departement_detail", {"code": "99"}),
    ],
)
def test_unknown_territories_answer_404(persona, name, kwargs):
    _, client = persona
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 404


HOME_MARKERS = {
    "siege_agent": "Siège de l'ARS",
    "dd_agent": "Délégation départementale",
    "porteur_manager": "Espace collectivité",
    "porteur_reader": "Espace collectivité",
    "other_porteur": "Espace collectivité",
    "cpts_porteur": "Espace porteur",
    "expert": "Comité d'évaluation",
    "partner_agent": "Partenaire institutionnel",
    "outsider": "aucune organisation active",
}


def test_home_page_depends_on_the_persona(persona):
    name, client = persona
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert HOME_MARKERS[name] in response.content.decode()


def test_anonymous_home_is_the_public_landing(client, db):
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert "Se connecter" in content
    assert "Bonjour" not in content


def test_navigation_shows_the_referential_only_when_logged_in(client, porteur_manager):
    assert reverse("territoires:index") not in client.get(reverse("home")).content.decode()
    client.force_login(porteur_manager)
    assert reverse("territoires:index") in client.get(reverse("home")).content.decode()


def test_admin_is_closed_to_personas_without_staff_status(persona):
    _, client = persona
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_logged_in_user_visiting_login_goes_home(client, dd_agent):
    client.force_login(dd_agent)
    response = client.get(reverse("comptes:login"))
    assert response.status_code == 302


def test_logout_requires_post(client, dd_agent):
    client.force_login(dd_agent)
    assert client.get(reverse("comptes:logout")).status_code == 405
    response = client.post(reverse("comptes:logout"), follow=True)
    assert response.status_code == 200
    assert "Vous êtes déconnecté·e." in response.content.decode()
    assert client.get(reverse("comptes:account")).status_code == 302


def test_account_lists_only_my_memberships(client, porteur_manager, other_porteur):
    client.force_login(porteur_manager)
    content = client.get(reverse("comptes:account")).content.decode()
    assert "CC Loches Sud Touraine" in content
    assert "CC Chinon, Vienne et Loire" not in content
