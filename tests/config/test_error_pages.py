"""DSFR 403, 404 and 500 pages, a way back and a contact; JSON under /api/ (issue 15 §5)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from config import errors

pytestmark = pytest.mark.django_db


def test_unknown_page_is_the_dsfr_404_with_a_way_back_and_a_contact(client, settings):
    settings.CONTACT_EMAIL = "portail@ars.example.fr"
    response = client.get("/zonage/nulle-part/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page non trouvée — Santé Territoires</title>" in html
    assert "Erreur 404" in html
    assert f'href="{reverse("home")}"' in html
    assert 'href="mailto:portail@ars.example.fr"' in html
    assert "fr-header" in html
    assert "technical-error.svg" in html


def test_without_a_contact_address_the_pages_point_to_the_legal_notice(client, settings):
    settings.CONTACT_EMAIL = ""
    html = client.get("/zonage/nulle-part/").content.decode()
    assert f'href="{reverse("mentions_legales")}#contact"' in html


def test_a_dossier_out_of_scope_is_the_same_404(client, outsider):
    from tests.zonage.factories import ArreteFactory

    client.force_login(outsider)
    response = client.get(reverse("zonage:arrete_detail", args=[ArreteFactory().public_id]))
    assert response.status_code in (403, 404)
    assert "Erreur 40" in response.content.decode()


def test_403_says_why_and_who_to_ask(client, porteur_reader, porteur_manager, collectivite, territory):
    from tests.cls.test_access_contrats import make_contrat

    contrat = make_contrat(collectivite, territory["dep37"])
    client.force_login(porteur_reader)
    response = client.get(reverse("cls:fiche_create", args=[contrat.public_id]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "<title>Accès refusé — Santé Territoires</title>" in html
    # Why: the French rule of the predicate that refused.
    assert "ou par un membre « saisie » ou « gestionnaire » de la collectivité porteuse" in html
    # Who: the user's role, and the gestionnaires of the organisation.
    assert "rôle « lecture » pour CC Loches Sud Touraine" in html
    assert 'href="mailto:collectivite@test.fr"' in html


def test_403_without_a_gestionnaire_sends_to_the_delegation(client, dd_agent, settings):
    settings.CONTACT_EMAIL = "portail@ars.example.fr"
    client.force_login(dd_agent)
    response = client.get(reverse("zonage:arrete_create"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Seuls les gestionnaires du siège de l&#x27;ARS créent, importent et publient" in html
    assert "rôle « gestionnaire » pour" in html
    assert "Votre organisation n'a pas d'autre gestionnaire" in html
    assert 'href="mailto:portail@ars.example.fr"' in html


def test_permission_denied_message_is_carried_through():
    request = RequestFactory().get("/quelque-part/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = errors.permission_denied(request, PermissionDenied("Réservé au siège."))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Réservé au siège." in html
    assert "Connectez-vous" in html


def test_api_errors_stay_json(client, outsider):
    response = client.get("/api/v1/nulle-part/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Adresse inconnue de l'API."}
    client.force_login(outsider)
    denied = client.get("/api/v1/financements/enveloppes/")
    assert denied.status_code in (403, 404)
    assert denied["Content-Type"] == "application/json"
    request = RequestFactory().get("/api/v1/x/")
    assert errors.permission_denied(request, PermissionDenied("Non."))["Content-Type"] == "application/json"
    assert errors.server_error(request).status_code == 500


@pytest.mark.urls("tests.config.urls_crash")
def test_a_crash_shows_the_dsfr_500_page():
    client = Client(raise_request_exception=False)
    response = client.get("/essai-erreur-500/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<title>Erreur inattendue — Santé Territoires</title>" in html
    assert "Erreur 500" in html
    assert "Rien de ce que vous avez déjà enregistré n'est perdu" in html
    assert "Erreur volontaire" not in html  # no traceback leaks


def test_the_500_page_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/x/")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    assert response.status_code == 500


def test_demo_serves_the_dsfr_404_instead_of_the_debug_page(client, settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "config.middleware.ErrorPagesInDebugMiddleware"]
    unknown = client.get("/zonage/nulle-part/")
    assert unknown.status_code == 404
    assert "Erreur 404" in unknown.content.decode()
    assert "Using the URLconf" not in unknown.content.decode()
    raised = client.get(reverse("zonage:commune", args=["99999"]))  # a view raising Http404
    assert raised.status_code == 404
    assert "Erreur 404" in raised.content.decode()
    assert client.get("/api/v1/nulle-part/")["Content-Type"] == "application/json"


def test_expired_form_is_a_403_that_says_what_to_do(porteur_manager):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("comptes:login"), {"username": "x@y.fr", "password": "z"})
    assert response.status_code == 403
    assert "Le formulaire a expiré" in response.content.decode()
