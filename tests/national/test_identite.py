"""Per-region identity: the header's bloc-marque, the legal pages, the e-mails' sender and the PDFs' operator."""

import pytest
from django.core import mail
from django.test import override_settings

from comptes.enums import OrganisationType
from comptes.models import IdentiteRegionale
from comptes.selectors import ars_nom, identite_regionale
from comptes.tasks import send_email
from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NEUTRAL = "Portail des agences régionales de santé"


def _tagline(response) -> str:
    html = response.content.decode()
    start = html.index('class="fr-header__service-tagline"')
    return " ".join(html[start : html.index("</p>", start)].split())


def test_a_visitor_gets_the_neutral_national_header(client, territory):
    response = client.get("/")
    assert 'data-identite="national"' in _tagline(response)
    assert NEUTRAL in _tagline(response)


def test_the_header_names_the_users_region(client, siege_agent, bretagne):
    IdentiteRegionale.objects.create(
        region=siege_agent.memberships.get().organisation.region, nom="Agence régionale de santé Centre-Val de Loire"
    )
    client.force_login(siege_agent)
    assert "Agence régionale de santé Centre-Val de Loire" in _tagline(client.get("/"))

    siege_b = UserFactory(email="siege-b@test.ars.fr")
    MembershipFactory(
        user=siege_b,
        organisation=OrganisationFactory(
            type=OrganisationType.ARS_SIEGE, nom="ARS Bretagne — siège", region=bretagne["region"]
        ),
    )
    client.force_login(siege_b)
    tagline = _tagline(client.get("/"))
    assert "Agence régionale de santé Bretagne" in tagline  # no identity row: the name derived from the région
    assert "Centre-Val de Loire" not in tagline


@pytest.mark.parametrize("fixture", ["dd_agent", "porteur_manager", "cpts_porteur", "partner_agent"])
def test_every_persona_of_a_region_gets_its_agency(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert "Agence régionale de santé Centre-Val de Loire" in _tagline(client.get("/"))


def test_the_ministry_and_a_user_without_membership_get_the_neutral_header(client, national_agent, outsider):
    for user in (national_agent, outsider):
        client.force_login(user)
        assert NEUTRAL in _tagline(client.get("/"))


def test_legal_pages_take_a_region_selector_and_mark_what_is_to_confirm(client, bretagne):
    IdentiteRegionale.objects.create(
        region=bretagne["region"],
        nom="Agence régionale de santé Bretagne",
        adresse="6 place des Colombes, 35042 Rennes",
        email_contact="contact@bretagne.test",
        a_confirmer=True,
    )
    html = client.get("/mentions-legales/?region=53").content.decode()
    assert "édité par Agence régionale de santé Bretagne" in html
    assert "6 place des Colombes" in html
    assert "contact@bretagne.test" in html
    assert "Coordonnées à confirmer" in html
    assert "Agence régionale de santé Bretagne" in _tagline(client.get("/donnees-personnelles/?region=53"))
    neutral = client.get("/mentions-legales/").content.decode()
    assert "agence régionale de santé de votre région" in neutral
    assert "Coordonnées à confirmer" not in neutral


def test_identity_lookup_and_ars_nom(bretagne):
    assert identite_regionale(region_code=None).is_regional is False
    assert identite_regionale(region_code="99").is_regional is False
    derived = identite_regionale(departement_code="35")
    assert (derived.nom, derived.a_confirmer, derived.nom_court) == (
        "Agence régionale de santé Bretagne",
        True,
        "l'ARS Bretagne",
    )
    IdentiteRegionale.objects.create(region=bretagne["region"], nom="Agence régionale de santé de Bretagne (test)")
    assert ars_nom(region_code="53") == "Agence régionale de santé de Bretagne (test)"  # PDFs and accusés
    assert ars_nom(departement_code="29") == "Agence régionale de santé de Bretagne (test)"


@override_settings(DEFAULT_FROM_EMAIL="Santé Territoires <ne-pas-repondre@test.fr>")
def test_emails_leave_from_the_regions_sender(bretagne):
    identite = identite_regionale(region_code="53")
    assert identite.expediteur == "Santé Territoires <ne-pas-repondre@test.fr>"  # none recorded: the portal's
    IdentiteRegionale.objects.create(
        region=bretagne["region"], nom="Agence régionale de santé Bretagne", email_expediteur="portail@bretagne.test"
    )
    identite = identite_regionale(region_code="53")
    assert identite.expediteur == "ARS Bretagne — Santé Territoires <portail@bretagne.test>"
    send_email(subject="Objet", body="Corps", to=["a@example.fr"], from_email=identite.expediteur)
    send_email(subject="Objet", body="Corps", to=["a@example.fr"])
    assert [message.from_email for message in mail.outbox] == [
        "ARS Bretagne — Santé Territoires <portail@bretagne.test>",
        "Santé Territoires <ne-pas-repondre@test.fr>",
    ]


def test_the_identity_costs_one_query_per_request(client, siege_agent, django_assert_max_num_queries):
    """Read once (cached on the request) however many times the templates use it."""
    from django.test import RequestFactory

    from comptes.context_processors import request_identite

    request = RequestFactory().get("/")
    request.user = siege_agent
    request_identite(request)
    with django_assert_max_num_queries(0):
        for _ in range(3):
            request_identite(request)


@pytest.mark.parametrize("persona", ["siege_agent", "dd_agent"])
def test_an_ars_agents_identity_comes_with_its_scope(request, persona, django_assert_num_queries):
    """The région's identity row is read with the memberships (get_scope): the header costs an ARS agent no query,
    with its row as without (names derived from the région, values « à confirmer »)."""
    from django.test import RequestFactory

    from comptes.context_processors import request_identite
    from comptes.perms import get_scope

    user = request.getfixturevalue(persona)
    region = next(iter(get_scope(user).regions.values()))
    for recorded in (False, True):
        if recorded:
            IdentiteRegionale.objects.create(region=region, nom="Agence régionale de santé (enregistrée)")
        user = type(user).objects.get(pk=user.pk)  # a fresh user: its scope is read again
        get_scope(user)
        http_request = RequestFactory().get("/")
        http_request.user = user
        with django_assert_num_queries(0):
            identite = request_identite(http_request)
        assert identite.region_code == region.code
        if recorded:
            assert (identite.nom, identite.a_confirmer) == ("Agence régionale de santé (enregistrée)", True)
        else:
            assert (identite.nom, identite.a_confirmer) == (f"Agence régionale de santé {region.nom}", True)
