"""Every view and API endpoint × persona: anonymous → login (HTML) or JSON 403 (API); out of scope →
404; not allowed → 403."""

import pytest
from django.urls import reverse

from tests.financements.factories import make_engagement

pytestmark = pytest.mark.django_db

NOBODY = {"porteur_manager", "porteur_reader", "other_porteur", "cpts_porteur", "outsider"}


def expected(persona, *, ars, comite=False, dd=True, refused=403):
    if persona == "siege_agent":
        return ars
    if persona == "dd_agent":
        return ars if dd else refused
    if persona == "expert":
        return ars if comite else refused
    return refused


@pytest.fixture
def ledger(enveloppe, beneficiaire37, beneficiaire45, siege_agent):
    return {
        "e37": make_engagement(enveloppe, beneficiaire37, by=siege_agent),
        "e45": make_engagement(enveloppe, beneficiaire45, by=siege_agent),
        "enveloppe": enveloppe,
        "b37": beneficiaire37,
        "b45": beneficiaire45,
    }


def test_anonymous(client, ledger):
    for url in (
        reverse("financements:index"),
        reverse("financements:enveloppe_list"),
        reverse("financements:enveloppe_create"),
        reverse("financements:enveloppe_detail", args=[ledger["enveloppe"].public_id]),
        reverse("financements:enveloppe_update", args=[ledger["enveloppe"].public_id]),
        reverse("financements:engagement_list"),
        reverse("financements:engagement_create"),
        reverse("financements:engagement_detail", args=[ledger["e37"].public_id]),
        reverse("financements:beneficiaire_detail", args=[ledger["b37"].public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/comptes/connexion/" in response.url
    for url in (reverse("api:financements-enveloppes"), reverse("api:financements-engagements")):
        response = client.get(url)
        assert response.status_code == 403
        assert response["Content-Type"].startswith("application/json")


def test_lists_and_dashboard(persona, ledger):
    name, client = persona
    assert client.get(reverse("financements:index")).status_code == expected(name, ars=200, comite=True)
    for view in ("financements:enveloppe_list", "financements:engagement_list"):
        assert client.get(reverse(view)).status_code == expected(name, ars=200), view
    for view in ("api:financements-enveloppes", "api:financements-engagements"):
        response = client.get(reverse(view))
        assert response.status_code == expected(name, ars=200), view
        assert response["Content-Type"].startswith("application/json")


def test_envelope_management(persona, ledger):
    name, client = persona
    enveloppe = ledger["enveloppe"]
    assert client.get(reverse("financements:enveloppe_create")).status_code == expected(name, ars=200, dd=False)
    update = client.get(reverse("financements:enveloppe_update", args=[enveloppe.public_id]))
    assert update.status_code == expected(name, ars=200, dd=False)
    detail = client.get(reverse("financements:enveloppe_detail", args=[enveloppe.public_id]))
    assert detail.status_code == expected(name, ars=200, refused=404)


def test_commitment_pages(persona, ledger):
    name, client = persona
    assert client.get(reverse("financements:engagement_create")).status_code == expected(name, ars=200)
    own = client.get(reverse("financements:engagement_detail", args=[ledger["e37"].public_id]))
    assert own.status_code == expected(name, ars=200, refused=404)
    other = client.get(reverse("financements:engagement_detail", args=[ledger["e45"].public_id]))
    assert other.status_code == (200 if name == "siege_agent" else 404)
    beneficiaire = client.get(reverse("financements:beneficiaire_detail", args=[ledger["b37"].public_id]))
    assert beneficiaire.status_code == expected(name, ars=200, refused=404)
    payment = client.post(
        reverse("financements:engagement_action", args=[ledger["e45"].public_id, "paiement"]),
        {"paiement-date": "2026-03-01", "paiement-montant": "10"},
    )
    assert payment.status_code == (302 if name == "siege_agent" else 404)


def test_delegation_envelope_outside_departement_is_404(client, dd45_agent, territory, siege_agent):
    from tests.financements.factories import make_enveloppe

    enveloppe = make_enveloppe(by=siege_agent, libelle="Réservée 37", departements=[territory["dep37"]])
    client.force_login(dd45_agent)
    assert client.get(reverse("financements:enveloppe_detail", args=[enveloppe.public_id])).status_code == 404


def test_reader_delegation_cannot_commit(client, territory, ledger):
    from comptes.enums import Role
    from tests.comptes.factories import MembershipFactory, UserFactory
    from tests.conftest import delegation

    reader = UserFactory(email="lecteur37@test.ars.fr")
    MembershipFactory(user=reader, organisation=delegation("37", "Indre-et-Loire"), role=Role.LECTURE)
    client.force_login(reader)
    assert client.get(reverse("financements:engagement_detail", args=[ledger["e37"].public_id])).status_code == 200
    assert client.get(reverse("financements:engagement_create")).status_code == 403
    response = client.post(
        reverse("financements:engagement_action", args=[ledger["e37"].public_id, "paiement"]),
        {"paiement-date": "2026-03-01", "paiement-montant": "10"},
    )
    assert response.status_code == 403
