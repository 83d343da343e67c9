"""Every view × persona: anonymous → login (HTML) or 403 JSON (API), out of scope → 404, read-only → 403."""

import pytest
from django.urls import reverse

from tests.cpts.factories import complete_lettre

pytestmark = pytest.mark.django_db

# GET of a signed CPTS of cpts_porteur's organisation in dép. 37.
DETAIL = {
    "siege_agent": 200,
    "dd_agent": 200,
    "porteur_manager": 404,
    "porteur_reader": 404,
    "other_porteur": 404,
    "cpts_porteur": 200,
    "expert": 200,  # comité: signed ACI, read-only
    "partner_agent": 404,  # the registry is closed to partners
    "outsider": 404,
}
LIST = {
    "siege_agent": 200,
    "dd_agent": 200,
    "porteur_manager": 403,
    "porteur_reader": 403,
    "other_porteur": 403,
    "cpts_porteur": 200,
    "expert": 200,
    "partner_agent": 403,
    "outsider": 403,
}


def test_anonymous(client, signed, msp):
    for url in (
        reverse("cpts:index"),
        reverse("cpts:detail", args=[signed.public_id]),
        reverse("cpts:create"),
        reverse("cpts:edit", args=[signed.public_id]),
        reverse("cpts:msp_list"),
        reverse("cpts:msp_detail", args=[msp.public_id]),
        reverse("cpts:msp_create"),
        reverse("cpts:msp_edit", args=[msp.public_id]),
        reverse("cpts:carte"),
        reverse("cpts:carte_donnees"),
        reverse("cpts:lettre_list"),
        reverse("cpts:instruction_list"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/comptes/connexion/" in response.url
    for url in (
        reverse("api:cpts-list"),
        reverse("api:cpts-detail", args=[signed.public_id]),
        reverse("api:msp-list"),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert response["Content-Type"].startswith("application/json")


def test_pages_per_persona(persona, signed, msp):
    name, client = persona
    assert client.get(reverse("cpts:detail", args=[signed.public_id])).status_code == DETAIL[name]
    assert client.get(reverse("api:cpts-detail", args=[signed.public_id])).status_code == DETAIL[name]
    assert client.get(reverse("cpts:index")).status_code == LIST[name]
    assert client.get(reverse("cpts:msp_list")).status_code == LIST[name]
    assert client.get(reverse("cpts:carte")).status_code == LIST[name]
    msp_status = client.get(reverse("cpts:msp_detail", args=[msp.public_id])).status_code
    assert msp_status == (200 if DETAIL[name] == 200 else 404)
    edit_status = client.get(reverse("cpts:msp_edit", args=[msp.public_id])).status_code
    assert edit_status == {"siege_agent": 200, "dd_agent": 200, "cpts_porteur": 403, "expert": 403}.get(name, 404)


def test_write_actions_per_persona(persona, signed):
    """Only the ARS of the département records stages; porteur and comité are read-only (403)."""
    name, client = persona
    url = reverse("cpts:avenant", args=[signed.public_id])
    response = client.post(url, {"date_signature": "2024-03-01", "objet": "Test"})
    expected = {"siege_agent": 302, "dd_agent": 302, "cpts_porteur": 403, "expert": 403}.get(name, 404)
    assert response.status_code == expected


def test_other_porteur_and_other_delegation_get_404(client, signed, msp, other_cpts_porteur, dd45_agent, cpts_porteur):
    lettre = complete_lettre(organisation=cpts_porteur.memberships.get().organisation, user=cpts_porteur)
    for user in (other_cpts_porteur, dd45_agent):
        client.force_login(user)
        for url in (
            reverse("cpts:detail", args=[signed.public_id]),
            reverse("cpts:msp_detail", args=[msp.public_id]),
            reverse("cpts:lettre_detail", args=[lettre.dossier.public_id]),
            reverse("api:cpts-detail", args=[signed.public_id]),
        ):
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(reverse("cpts:aci", args=[signed.public_id]), {"date": "2024-01-01"}).status_code == 404
        assert client.get(reverse("api:cpts-list")).json()["count"] == 0
        assert client.get(reverse("api:msp-list")).json()["count"] == 0
        assert signed.nom not in client.get(reverse("cpts:carte_donnees")).content.decode()


def test_lettre_pages_per_persona(persona, cpts_porteur):
    name, client = persona
    lettre = complete_lettre(organisation=cpts_porteur.memberships.get().organisation, user=cpts_porteur)
    status = client.get(reverse("cpts:lettre_detail", args=[lettre.dossier.public_id])).status_code
    # The partner covering dép. 37 is invited automatically when the lettre is filed.
    assert status == {"siege_agent": 200, "dd_agent": 200, "cpts_porteur": 200, "partner_agent": 200}.get(name, 404)
    own = client.get(reverse("cpts:lettre_list")).status_code
    assert own == (200 if name == "cpts_porteur" else 403)
    instruction = client.get(reverse("cpts:instruction_list")).status_code
    assert instruction == (200 if name in ("siege_agent", "dd_agent") else 403)
    co_instruction = client.get(reverse("cpts:co_instruction_list")).status_code
    assert co_instruction == (200 if name == "partner_agent" else 403)


def test_porteur_reader_cannot_file(client, territory):
    from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory

    organisation = OrganisationFactory(porteur=True, departements=[territory["dep37"]])
    reader = UserFactory(email="lecteur-cpts@test.fr")
    MembershipFactory(user=reader, organisation=organisation, role="lecture")
    client.force_login(reader)
    assert client.post(reverse("cpts:lettre_create"), {"nom": "CPTS X"}).status_code == 403
    assert client.get(reverse("cpts:lettre_list")).status_code == 200
