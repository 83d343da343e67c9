"""The pages every dossier kind shares (instruction/views/pages.py, lists.py): one machinery for the CLS
lettre, the CPTS lettre and the projet de santé, declared by their DossierKind."""

import pytest
from django.urls import reverse

from instruction.enums import Etat
from instruction.kinds import get_kind, kinds_with_partners
from instruction.services import dossier_transition
from tests.cls.factories import complete_lettre as cls_lettre
from tests.cpts.factories import complete_lettre as cpts_lettre
from tests.cpts.factories import complete_projet, validated_cpts

pytestmark = pytest.mark.django_db

KINDS = ("cls", "cpts", "cpts_projet")


@pytest.fixture
def cls_draft(collectivite, porteur_manager, territory):
    return cls_lettre(organisation=collectivite, user=porteur_manager, submit=False).dossier


def test_each_kind_declares_only_what_differs():
    for code in KINDS:
        kind = get_kind(code)
        assert kind.has_pages
        assert kind.sections
        assert kind.templates["summary"]
        assert [section for section in kind.sections if section.pieces], code
        fields = {name for section in kind.sections for name in section.fields}
        assert set(kind.form_class.UPLOADS) <= fields  # every upload has its section
        assert set(kind.form_class.FILING_REQUIRED) <= fields  # what filing requires is on the form
    # Co-instruction is switched on by naming the partners: the CPTS lettre only.
    assert [code for code in KINDS if code in kinds_with_partners()] == ["cpts"]


def test_the_kinds_share_one_dossier_page(client, territory, collectivite, porteur_manager, cpts_porteur):
    cpts_org = cpts_porteur.memberships.get().organisation
    lettre_cls = cls_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]])
    lettre_cpts = cpts_lettre(organisation=cpts_org, user=cpts_porteur)
    cpts = validated_cpts(porteur=cpts_org, departement=territory["dep37"], by=cpts_porteur, nom="CPTS V")
    projet = complete_projet(cpts=cpts, user=cpts_porteur)
    for user, content, heading in [
        (porteur_manager, lettre_cls, "Lettre d&#x27;intention CLS-"),
        (cpts_porteur, lettre_cpts, "Lettre d&#x27;intention CPTS-"),
        (cpts_porteur, projet, "Projet de santé PS-CPTS-"),
    ]:
        client.force_login(user)
        response = client.get(content.dossier.get_absolute_url())
        assert response.status_code == 200
        assert [template.name for template in response.templates][0] == "instruction/dossier_detail.html"
        html = response.content.decode()
        assert heading in html
        assert 'id="prochaine-etape"' in html
        assert "Échanges avec" in html


def test_draft_pages_and_own_lists_are_the_shared_ones(client, cls_draft, porteur_manager, cpts_porteur):
    client.force_login(porteur_manager)
    response = client.get(reverse("cls:lettre_edit", args=[cls_draft.public_id]))
    assert [template.name for template in response.templates][0] == "instruction/dossier_form.html"
    response = client.get(reverse("cls:lettre_list"))
    assert [template.name for template in response.templates][0] == "instruction/mes_dossiers.html"
    client.force_login(cpts_porteur)
    response = client.get(reverse("cpts:lettre_list"))
    assert [template.name for template in response.templates][0] == "instruction/mes_dossiers.html"
    assert "Nom de la future CPTS" in response.content.decode()


def test_a_failed_creation_shows_the_list_again_with_the_error(client, cpts_porteur):
    client.force_login(cpts_porteur)
    response = client.post(reverse("cpts:lettre_create"), {"nom": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="resume-erreurs"' in html
    assert 'href="#id_nom"' in html


# --- Access per persona of the new views ----------------------------------------------------------------


def test_co_instruction_list_per_persona(persona):
    name, client = persona
    status = client.get(reverse("instruction:co_instruction_list")).status_code
    assert status == (200 if name == "partner_agent" else 403)


def test_messages_pages_per_persona(persona):
    """Every logged-in persona has a (possibly empty) messages page and unread badge."""
    _, client = persona
    assert client.get(reverse("instruction:messages")).status_code == 200
    assert client.get(reverse("instruction:messages_badge")).status_code == 200


def test_messages_pages_need_login(client):
    for url in (reverse("instruction:messages"), reverse("instruction:messages_badge")):
        response = client.get(url)
        assert response.status_code == 302
        assert "/comptes/connexion/" in response.url


@pytest.mark.parametrize("action", ["autosave", "televerser"])
def test_autosave_and_upload_per_persona(persona, cls_draft, action):
    name, client = persona
    response = client.post(
        reverse("cls:lettre_edit", args=[cls_draft.public_id]), {"action": action}, headers={"HX-Request": "true"}
    )
    expected = {"porteur_manager": 200 if action == "autosave" else 400, "porteur_reader": 403}.get(name, 404)
    assert response.status_code == expected


def test_a_filed_dossier_is_not_editable_without_a_complement(client, collectivite, porteur_manager, territory):
    dossier = cls_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
    client.force_login(porteur_manager)
    url = reverse("cls:lettre_edit", args=[dossier.public_id])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "autosave"}).status_code == 403


# --- Query counts of the lists ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 12])
def test_own_list_queries_do_not_grow(
    client, collectivite, porteur_manager, territory, count, django_assert_num_queries
):
    for _ in range(count):
        cls_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]])
    client.force_login(porteur_manager)
    url = reverse("cls:lettre_list")
    client.get(url)
    with django_assert_num_queries(8):  # + its région (départements, else EPCI) and the header's identity
        response = client.get(url)
    assert len(response.context["dossiers"]) == count


@pytest.mark.parametrize("count", [2, 12])
def test_messages_list_queries_do_not_grow(
    client, collectivite, porteur_manager, dd_agent, territory, count, django_assert_num_queries
):
    from instruction.services import message_post

    for _ in range(count):
        dossier = cls_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
        message_post(dossier=dossier, author=dd_agent, from_ars=True, body="Bonjour")
    client.force_login(porteur_manager)
    url = reverse("instruction:messages")
    client.get(url)
    with django_assert_num_queries(9):  # + its région (départements, else EPCI) and the header's identity
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == count


def test_instruction_lists_show_every_kind_of_their_programme(client, territory, cpts_porteur, dd_agent):
    cpts_org = cpts_porteur.memberships.get().organisation
    lettre = cpts_lettre(organisation=cpts_org, user=cpts_porteur)
    cpts = validated_cpts(porteur=cpts_org, departement=territory["dep37"], by=cpts_porteur, nom="CPTS V")
    projet = complete_projet(cpts=cpts, user=cpts_porteur)
    dossier_transition(dossier=lettre.dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    client.force_login(dd_agent)
    html = client.get(reverse("cpts:instruction_list")).content.decode()
    assert f">{lettre.dossier.reference}<" in html
    assert f">{projet.dossier.reference}<" in html
    assert "Projet de santé CPTS" in html  # the kind under the déposant
    html = client.get(reverse("cpts:instruction_list"), {"kind": "cpts_projet"}).content.decode()
    assert f">{lettre.dossier.reference}<" not in html
    assert f">{projet.dossier.reference}<" in html
