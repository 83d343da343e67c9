"""Every view × persona: anonymous → login, out of scope → 404, reader writing → 403."""

import pytest
from django.urls import reverse

from cls.models import ContratLocalSante
from instruction.enums import CategoriePiece, Etat
from instruction.services import annotation_add, dossier_transition
from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(collectivite, porteur_manager, territory):
    return complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier


@pytest.fixture
def draft(collectivite, porteur_manager, territory):
    return complete_lettre(organisation=collectivite, user=porteur_manager, submit=False).dossier


# expected status per persona for GET pages of a filed lettre of porteur_manager's collectivité (dép. 37)
DETAIL = {
    "siege_agent": 200,
    "dd_agent": 200,
    "porteur_manager": 200,
    "porteur_reader": 200,
    "other_porteur": 404,
    "cpts_porteur": 404,
    "expert": 404,
    "partner_agent": 404,  # not invited: cls does not switch co-instruction on
    "outsider": 404,
}


def _status(response) -> int:
    response.close()  # FileResponse keeps the file open until closed
    return response.status_code


def test_anonymous_is_sent_to_login(client, filed):
    for url in (
        reverse("cls:lettre_list"),
        reverse("cls:lettre_detail", args=[filed.public_id]),
        reverse("cls:instruction_list"),
        reverse("cls:contrat_list"),
        reverse("instruction:piece", args=[filed.pieces.first().public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/comptes/connexion/" in response.url


def test_lettre_detail(persona, filed):
    name, client = persona
    assert client.get(reverse("cls:lettre_detail", args=[filed.public_id])).status_code == DETAIL[name]


def test_piece_download(persona, filed):
    name, client = persona
    piece = filed.pieces.get(categorie=CategoriePiece.PRINCIPALE)
    assert _status(client.get(reverse("instruction:piece", args=[piece.public_id]))) == DETAIL[name]


def test_draft_is_private_to_the_collectivite(persona, draft):
    name, client = persona
    edit = client.get(reverse("cls:lettre_edit", args=[draft.public_id])).status_code
    expected = {"porteur_manager": 200, "porteur_reader": 403}.get(name, 404)
    assert edit == expected
    piece = draft.pieces.first()
    download = _status(client.get(reverse("instruction:piece", args=[piece.public_id])))
    assert download == (200 if name in ("porteur_manager", "porteur_reader") else 404)


def test_lists(persona, filed):
    name, client = persona
    own = client.get(reverse("cls:lettre_list")).status_code
    assert own == (200 if name in ("porteur_manager", "porteur_reader", "other_porteur") else 403)
    instruction = client.get(reverse("cls:instruction_list")).status_code
    assert instruction == (200 if name in ("siege_agent", "dd_agent") else 403)


def test_other_collectivite_does_not_see_the_filing_in_lists(client, other_porteur, filed):
    client.force_login(other_porteur)
    assert filed.reference not in client.get(reverse("cls:lettre_list")).content.decode()


def test_dd45_does_not_see_a_37_filing(client, dd45_agent, filed):
    client.force_login(dd45_agent)
    assert filed.reference not in client.get(reverse("cls:instruction_list")).content.decode()
    assert client.get(reverse("cls:lettre_detail", args=[filed.public_id])).status_code == 404


@pytest.mark.parametrize("action", ["transition", "annotation", "referent"])
def test_ars_actions(persona, filed, action):
    name, client = persona
    data = {"to_etat": Etat.EN_INSTRUCTION, "body": "note", "referent": ""}
    status = client.post(reverse(f"instruction:{action}", args=[filed.public_id]), data).status_code
    expected = {"siege_agent": 302, "dd_agent": 302, "porteur_manager": 403, "porteur_reader": 403}.get(name, 404)
    assert status == expected


def test_message_action(persona, filed):
    name, client = persona
    status = client.post(reverse("instruction:message", args=[filed.public_id]), {"body": "Bonjour"}).status_code
    expected = {"siege_agent": 302, "dd_agent": 302, "porteur_manager": 302, "porteur_reader": 403}.get(name, 404)
    assert status == expected


def test_annotations_never_reach_the_collectivite(client, filed, dd_agent, porteur_manager):
    annotation_add(dossier=filed, author=dd_agent, body="Note strictement interne")
    client.force_login(dd_agent)
    assert (
        "Note strictement interne" in client.get(reverse("cls:lettre_detail", args=[filed.public_id])).content.decode()
    )
    client.force_login(porteur_manager)
    page = client.get(reverse("cls:lettre_detail", args=[filed.public_id])).content.decode()
    assert "Note strictement interne" not in page
    assert "Annotations internes" not in page


def test_complement_cycle_through_the_views(client, filed, dd_agent, porteur_manager, porteur_reader):
    client.force_login(dd_agent)
    url = reverse("instruction:transition", args=[filed.public_id])
    client.post(url, {"to_etat": Etat.EN_INSTRUCTION})
    response = client.post(url, {"to_etat": Etat.COMPLEMENT_DEMANDE, "reason": ""}, follow=True)
    assert "motif est obligatoire" in response.content.decode()
    client.post(url, {"to_etat": Etat.COMPLEMENT_DEMANDE, "reason": "Précisez le calendrier"})
    filed.refresh_from_db()
    assert filed.etat == Etat.COMPLEMENT_DEMANDE
    response = client.post(url, {"to_etat": Etat.ACCEPTEE}, follow=True)
    assert "Transition impossible" in response.content.decode()
    client.force_login(porteur_reader)
    assert (
        client.post(reverse("instruction:message", args=[filed.public_id]), {"body": "x", "repondre": "1"}).status_code
        == 403
    )
    client.force_login(porteur_manager)
    client.post(reverse("instruction:message", args=[filed.public_id]), {"body": "Calendrier joint", "repondre": "1"})
    filed.refresh_from_db()
    assert filed.etat == Etat.EN_INSTRUCTION
    client.force_login(dd_agent)
    client.post(url, {"to_etat": Etat.ACCEPTEE})
    contrat = ContratLocalSante.objects.get(lettre__dossier=filed)
    assert contrat.etape == "cadrage"
    assert contrat.perimetre.filter(pk__in=[c.pk for c in filed.lettre_cls.epcis.get().communes.all()]).exists()


def test_contrat_access(persona, filed, dd_agent):
    dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=filed, to_etat=Etat.ACCEPTEE, by=dd_agent)
    contrat = ContratLocalSante.objects.get()
    name, client = persona
    status = client.get(reverse("cls:contrat_detail", args=[contrat.public_id])).status_code
    expected = {"siege_agent": 200, "dd_agent": 200, "porteur_manager": 200, "porteur_reader": 200}.get(name, 404)
    assert status == expected
