"""The legal pages are complete and honest (issue 15 §7)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page(client, name: str, query: str = "?region=24") -> str:
    """The page as the reference région's visitor reads it (the région selector of public pages)."""
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_accessibility_statement_is_honest_about_the_missing_audit(client, territory):
    html = page(client, "accessibilite")
    assert "Agence régionale de santé Centre-Val de Loire s'engage" in html
    assert "est <strong>non conforme</strong> au référentiel général d'amélioration de l'accessibilité" in html
    assert "aucun audit de conformité n'a encore été réalisé" in html
    assert "axe-core 4.14.1" in html  # the tool of the automatic checks, and what they cover
    assert "Pages couvertes" in html
    assert "Contenus non accessibles connus" in html
    assert "Défenseur des droits" in html
    assert "Accessibilité : non conforme" in html  # the footer says the same


def test_legal_notice_names_the_editor_from_the_organisation_data(client, territory, settings):
    settings.CONTACT_EMAIL = "portail@ars.example.fr"
    settings.HEBERGEUR = "Hébergeur Exemple, 1 rue de l'Essai, 45000 Orléans"
    html = page(client, "mentions_legales")
    assert "édité par Agence régionale de santé Centre-Val de Loire" in html
    assert "Le directeur général de l&#x27;ARS Centre-Val de Loire." in html
    assert "Hébergeur Exemple" in html
    assert 'href="mailto:portail@ars.example.fr"' in html
    assert 'id="contact"' in html


def test_without_a_region_the_legal_pages_speak_for_every_agency(client, territory):
    html = page(client, "mentions_legales", query="")
    assert "édité par l&#x27;agence régionale de santé de votre région" in html
    assert "chacune édite les pages de sa région" in html
    assert "gence régionale de santé de votre région s" in page(client, "accessibilite", query="")


def test_personal_data_page_covers_the_rgpd_points(client, territory):
    html = page(client, "donnees_personnelles")
    headings = ("Responsable du traitement", "Finalités", "Données traitées", "Destinataires", "Durées de conservation")
    for heading in headings:
        assert heading in html
    assert "article 6.1.e" in html
    assert "CNIL" in html
    assert "à confirmer" in html  # retention periods the sources do not fix are said to be open
    assert "Aucun cookie de mesure d'audience" in html
