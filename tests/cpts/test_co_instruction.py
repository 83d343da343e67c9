"""The CPTS lettre d'intention is instructed jointly by the ARS, the Assurance maladie and the URPS."""

import pytest
from django.urls import reverse

from comptes.enums import OrganisationType, Role
from instruction.enums import Etat, SensAvis
from instruction.services import annotation_add, avis_give, dossier_transition
from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.cpts.factories import complete_lettre

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner45_agent(territory):
    organisation = OrganisationFactory(
        type=OrganisationType.PARTENAIRE, nom="URPS du Loiret (test)", departements=[territory["dep45"]]
    )
    user = UserFactory(email="urps45@test.fr")
    MembershipFactory(user=user, organisation=organisation, role=Role.GESTIONNAIRE)
    return user


@pytest.fixture
def lettre(cpts_org, cpts_porteur, partner_agent):
    return complete_lettre(organisation=cpts_org, user=cpts_porteur)


def test_the_cpts_kind_invites_the_partners_and_requires_their_avis(lettre, partner_org):
    assert lettre.dossier.kind_spec.avis_required
    assert list(lettre.dossier.participations.values_list("organisation", flat=True)) == [partner_org.pk]


def test_pages_per_side(client, lettre, cpts_porteur, partner_agent, dd_agent, partner_org):
    dossier = lettre.dossier
    url = reverse("cpts:lettre_detail", args=[dossier.public_id])
    annotation_add(dossier=dossier, author=dd_agent, body="Note interne de la délégation")
    client.force_login(partner_agent)
    page = client.get(url).content.decode()
    assert "Co-instruction et avis des partenaires" in page
    assert "Enregistrer l'avis" in page
    assert "Note interne de la délégation" in page
    assert "Enregistrer la décision" not in page
    assert "Dossiers en co-instruction" in page  # breadcrumb and navigation
    avis_give(
        dossier=dossier, organisation=partner_org, author=partner_agent, sens=SensAvis.RESERVES, motivation="Réserve X"
    )
    client.force_login(dd_agent)
    page = client.get(url).content.decode()
    assert "Avis favorable avec réserves" in page
    assert "Réserve X" in page
    assert "Retirer CPAM d&#x27;Indre-et-Loire (test) de la co-instruction" in page
    assert "Avis rendu" in page  # timeline
    client.force_login(cpts_porteur)
    page = client.get(url).content.decode()
    for hidden in ("Note interne de la délégation", "Co-instruction", "Réserve X", "Annotations internes"):
        assert hidden not in page


def test_decision_page_names_the_missing_avis(client, lettre, dd_agent, partner_org):
    dossier = lettre.dossier
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    client.force_login(dd_agent)
    page = client.get(reverse("cpts:lettre_detail", args=[dossier.public_id])).content.decode()
    assert "Avis attendu avant la décision" in page
    response = client.post(reverse("instruction:transition", args=[dossier.public_id]), {"to_etat": Etat.ACCEPTEE})
    assert response.status_code == 400
    assert "l&#x27;avis de « CPAM d&#x27;Indre-et-Loire (test) » n&#x27;a pas encore été rendu" in (
        response.content.decode()
    )
    dossier.refresh_from_db()
    assert dossier.etat == Etat.EN_INSTRUCTION


def test_partner_access_matrix(client, lettre, cpts_org, cpts_porteur, partner_agent, partner45_agent):
    dossier = lettre.dossier
    draft = complete_lettre(organisation=cpts_org, user=cpts_porteur, submit=False, nom="CPTS brouillon")
    piece = dossier.pieces.filter(categorie="principale").get()
    cases = [
        (partner_agent, reverse("cpts:lettre_detail", args=[dossier.public_id]), 200),
        (partner_agent, reverse("instruction:piece", args=[piece.public_id]), 200),
        (partner_agent, reverse("cpts:lettre_detail", args=[draft.dossier.public_id]), 404),
        (partner_agent, reverse("cpts:lettre_edit", args=[draft.dossier.public_id]), 404),
        (partner45_agent, reverse("cpts:lettre_detail", args=[dossier.public_id]), 404),
        (partner45_agent, reverse("instruction:piece", args=[piece.public_id]), 404),
        (partner45_agent, reverse("cpts:co_instruction_list"), 200),
    ]
    for user, url, status in cases:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, (user, url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)  # closes the file without firing request_finished
    client.force_login(partner45_agent)
    assert dossier.reference not in client.get(reverse("cpts:co_instruction_list")).content.decode()
    client.force_login(partner_agent)
    response = client.post(reverse("instruction:transition", args=[dossier.public_id]), {"to_etat": "en_instruction"})
    assert response.status_code == 403
    assert client.post(reverse("cpts:aci", args=[lettre.cpts.public_id]), {"date": "2024-01-01"}).status_code == 404


def test_home_page_of_the_partner(client, lettre, partner_agent, partner_org):
    client.force_login(partner_agent)
    page = client.get(reverse("home")).content.decode()
    assert "Avis à rendre" in page
    assert lettre.dossier.reference in page
    avis_give(dossier=lettre.dossier, organisation=partner_org, author=partner_agent, sens=SensAvis.FAVORABLE)
    page = client.get(reverse("home")).content.decode()
    assert "Aucun dossier n'attend l'avis de votre organisation." in page


@pytest.mark.parametrize("count", [2, 20])
def test_co_instruction_list_query_count(
    client, cpts_org, cpts_porteur, partner_agent, count, django_assert_num_queries
):
    for index in range(count):
        complete_lettre(organisation=cpts_org, user=cpts_porteur, nom=f"CPTS {index:02d}")
    client.force_login(partner_agent)
    url = reverse("cpts:co_instruction_list")
    client.get(url)
    with django_assert_num_queries(9):  # + the partner's région with its identity row (through its départements)
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == count
