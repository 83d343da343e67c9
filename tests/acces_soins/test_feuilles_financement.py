"""The funding of a feuille de route action lives in `financements`: the action page reads its resources
by funder from the ledger, and « Engager » opens the ledger's commitment form on the action's record."""

from decimal import Decimal

import pytest
from django.urls import reverse

from config.typography import fr_number
from financements.enums import Programme
from financements.links import owner_url
from financements.models import Engagement
from financements.selectors import ressources_par_financeur, totaux_par_programme
from tests.acces_soins.factories import ActionFactory, FeuilleFactory
from tests.financements.factories import make_engagement, make_enveloppe

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(territory):
    return ActionFactory(feuille=FeuilleFactory(), libelle="Maison de santé itinérante (test)")


@pytest.fixture
def cts_enveloppe(territory, siege_agent):
    return make_enveloppe(by=siege_agent, programmes=[Programme.FEUILLE_DE_ROUTE])


def _engager_url(action):
    return reverse("acces_soins:action_engager", args=[action.public_id])


def test_engager_creates_the_ledger_record_once_and_opens_the_commitment_form(client, dd_agent, action):
    client.force_login(dd_agent)
    response = client.post(_engager_url(action))
    action.refresh_from_db()
    beneficiaire = action.beneficiaire
    assert beneficiaire.programme == Programme.FEUILLE_DE_ROUTE
    assert beneficiaire.departement.code == "37"
    assert "Maison de santé itinérante (test)" in beneficiaire.libelle
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('financements:engagement_create')}?beneficiaire={beneficiaire.public_id}"
    client.post(_engager_url(action))
    action.refresh_from_db()
    assert action.beneficiaire_id == beneficiaire.pk
    assert owner_url(beneficiaire) == reverse("acces_soins:action_detail", args=[action.public_id])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("siege_agent", 302),
        ("dd_agent", 302),
        ("dd45_agent", 403),  # reads the action, cannot commit for another département
        ("expert", 403),  # the comité reads the totals only
        ("porteur_manager", 404),
        ("cpts_porteur", 404),
        ("partner_agent", 404),
        ("outsider", 404),
    ],
)
def test_engager_access(client, request, action, name, expected):
    client.force_login(request.getfixturevalue(name))
    assert client.post(_engager_url(action)).status_code == expected


def test_engager_anonymous_and_get(client, dd_agent, action):
    response = client.post(_engager_url(action))
    assert response.status_code == 302
    assert "connexion" in response["Location"]
    client.force_login(dd_agent)
    assert client.get(_engager_url(action)).status_code == 405


def test_action_page_shows_resources_by_funder(client, dd_agent, siege_agent, action, cts_enveloppe):
    from acces_soins.services.feuilles import action_beneficiaire
    from financements import services

    client.force_login(dd_agent)
    page = client.get(reverse("acces_soins:action_detail", args=[action.public_id])).content.decode()
    assert "Aucun financement enregistré." in page
    assert "Engager un montant sur une enveloppe" in page

    beneficiaire = action_beneficiaire(action=action)
    engagement = make_engagement(cts_enveloppe, beneficiaire, by=siege_agent, montant="45000")
    services.paiement_add(engagement=engagement, date=engagement.date_decision, montant=Decimal(18000), by=siege_agent)
    services.cofinancement_add(
        beneficiaire=beneficiaire,
        financeur="collectivites",
        organisation="CC Loches Sud Touraine",
        montant=Decimal(10000),
        annee=2026,
        statut="acquis",
        by=siege_agent,
    )
    [ars, collectivites] = ressources_par_financeur(beneficiaire)
    assert (ars.engage, ars.verse, ars.cofinance) == (Decimal(45000), Decimal(18000), Decimal(0))
    assert (collectivites.engage, collectivites.cofinance, collectivites.total) == (0, Decimal(10000), Decimal(10000))

    page = client.get(reverse("acces_soins:action_detail", args=[action.public_id])).content.decode()
    assert "ARS — Fonds d&#x27;intervention régional (FIR)" in page
    for amount in (45000, 18000, 10000):
        assert fr_number(amount, 2) in page
    assert reverse("financements:beneficiaire_detail", args=[beneficiaire.public_id]) in page


def test_comite_reads_the_resources_without_ledger_links(client, expert, siege_agent, action, cts_enveloppe):
    from acces_soins.services.feuilles import action_beneficiaire

    beneficiaire = action_beneficiaire(action=action)
    make_engagement(cts_enveloppe, beneficiaire, by=siege_agent, montant="30000")
    client.force_login(expert)
    page = client.get(reverse("acces_soins:action_detail", args=[action.public_id])).content.decode()
    assert fr_number(30000, 2) in page
    assert "Engager un montant" not in page
    assert reverse("financements:beneficiaire_detail", args=[beneficiaire.public_id]) not in page


def test_commitment_on_an_action_counts_in_the_programme_totals(client, dd_agent, siege_agent, action, cts_enveloppe):
    client.force_login(dd_agent)
    beneficiaire_id = client.post(_engager_url(action))["Location"].split("beneficiaire=")[1]
    response = client.post(
        reverse("financements:engagement_create"),
        {
            "enveloppe": cts_enveloppe.public_id,
            "beneficiaire": beneficiaire_id,
            "montant": "25000",
            "statut": "engage",
            "date_decision": "2026-03-02",
            "reference_convention": "CONV-TEST-1",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Engagement.objects.get().beneficiaire.action_feuille == action
    lignes = {ligne.code: ligne for ligne in totaux_par_programme(Engagement.objects.all())}
    assert lignes[Programme.FEUILLE_DE_ROUTE].engage == Decimal(25000)
