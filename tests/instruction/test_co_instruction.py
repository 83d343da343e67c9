"""Co-instruction with institutional partners: invitations, avis, decision check, access."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from comptes.enums import OrganisationType, Role
from instruction import perms
from instruction.enums import ActionCoInstruction, Etat, SensAvis
from instruction.kinds import DossierKind, register
from instruction.models import Avis, CoInstructionEvent, Dossier, Participation
from instruction.services import (
    annotation_add,
    avis_give,
    dossier_create,
    dossier_submit,
    dossier_transition,
    participation_invite,
    participation_remove,
    partners_covering,
)
from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_kind(territory):
    """A kind instructed jointly, with every avis required before a decision (like the CPTS lettre)."""
    register(
        DossierKind(
            code="essai_co",
            label="Dossier co-instruit d'essai",
            reference_prefix="ESC",
            detail_url=lambda dossier: f"/essai/{dossier.public_id}/",
            departement_of=lambda dossier: territory["dep37"],
            co_instruction=partners_covering,
            avis_required=True,
        )
    )
    return "essai_co"


@pytest.fixture
def urps_org(territory):
    """A partner covering the two départements."""
    return OrganisationFactory(
        type=OrganisationType.PARTENAIRE, nom="URPS (test)", departements=[territory["dep37"], territory["dep45"]]
    )


@pytest.fixture
def partner45_org(territory):
    return OrganisationFactory(
        type=OrganisationType.PARTENAIRE, nom="CPAM du Loiret (test)", departements=[territory["dep45"]]
    )


@pytest.fixture
def partner45_agent(partner45_org):
    user = UserFactory(email="cpam45@test.fr")
    MembershipFactory(user=user, organisation=partner45_org, role=Role.GESTIONNAIRE)
    return user


@pytest.fixture
def co_filed(co_kind, collectivite, porteur_manager, partner_org, partner45_org, django_capture_on_commit_callbacks):
    dossier = dossier_create(kind=co_kind, deposant=collectivite, created_by=porteur_manager)
    with django_capture_on_commit_callbacks(execute=True):
        dossier_submit(dossier=dossier, by=porteur_manager)
    dossier.refresh_from_db()
    return dossier


def _invited(dossier):
    return set(dossier.participations.values_list("organisation__nom", flat=True))


def test_partners_covering_the_departement_are_invited_when_filed(co_filed, partner_org, urps_org):
    # urps_org did not exist at filing time; partner45 does not cover dép. 37.
    assert _invited(co_filed) == {partner_org.nom}
    participation = co_filed.participations.get()
    assert participation.automatique
    event = CoInstructionEvent.objects.get(dossier=co_filed)
    assert event.action == ActionCoInstruction.INVITATION
    assert event.organisation == partner_org
    notification = co_filed.notifications.get(evenement="invitation")
    assert notification.organisation == partner_org
    assert notification.statut == "envoyee"
    assert notification.recipients == []  # the organisation has no member yet


def test_invitation_email_reaches_the_partner_members(
    co_kind, collectivite, porteur_manager, partner_agent, urps_org, django_capture_on_commit_callbacks
):
    inactive = OrganisationFactory(
        type=OrganisationType.PARTENAIRE, nom="Partenaire inactif", departements=urps_org.departements.all()
    )
    inactive.is_active = False
    inactive.save()
    dossier = dossier_create(kind=co_kind, deposant=collectivite, created_by=porteur_manager)
    with django_capture_on_commit_callbacks(execute=True):
        dossier_submit(dossier=dossier, by=porteur_manager)
    assert _invited(dossier) == {"CPAM d'Indre-et-Loire (test)", "URPS (test)"}
    invitation = next(
        message for message in mail.outbox if "Invitation à co-instruire" in message.subject and message.to
    )
    assert invitation.to == ["cpam@test.fr"]
    assert "co-instruire le dossier" in invitation.body


def test_kinds_without_co_instruction_invite_nobody(filed, partner_org):
    assert not filed.participations.exists()


def test_manual_invitation_and_removal_by_the_ars_only(
    client, co_filed, dd_agent, partner_agent, porteur_manager, partner45_org, outsider
):
    invite = reverse("instruction:participation_invite", args=[co_filed.public_id])
    for user, status in ((partner_agent, 403), (porteur_manager, 403), (outsider, 404)):
        client.force_login(user)
        assert client.post(invite, {"organisation": partner45_org.pk}).status_code == status
    assert not co_filed.participations.filter(organisation=partner45_org).exists()
    client.force_login(dd_agent)
    assert client.post(invite, {"organisation": partner45_org.pk}).status_code == 302
    participation = co_filed.participations.get(organisation=partner45_org)
    assert participation.invited_by == dd_agent
    assert not participation.automatique
    # Twice: refused (the organisation is no longer offered).
    client.post(invite, {"organisation": partner45_org.pk})
    assert co_filed.participations.filter(organisation=partner45_org).count() == 1
    remove = reverse("instruction:participation_remove", args=[co_filed.public_id, participation.pk])
    for user, status in ((partner_agent, 403), (porteur_manager, 403)):
        client.force_login(user)
        assert client.post(remove).status_code == status
    client.force_login(dd_agent)
    assert client.post(remove).status_code == 302
    assert not Participation.objects.filter(pk=participation.pk).exists()
    actions = list(CoInstructionEvent.objects.filter(organisation=partner45_org).values_list("action", flat=True))
    assert actions == [ActionCoInstruction.INVITATION, ActionCoInstruction.RETRAIT]
    assert Participation.history.filter(organisation=partner45_org, history_type="-").exists()


def test_only_active_partners_can_be_invited_on_open_dossiers(co_filed, dd_agent, collectivite, partner45_org):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        participation_invite(dossier=co_filed, organisation=collectivite, by=dd_agent)
    draft = dossier_create(kind=co_filed.kind, deposant=collectivite, created_by=dd_agent)
    with pytest.raises(ValidationError):
        participation_invite(dossier=draft, organisation=partner45_org, by=dd_agent)


def test_one_current_avis_per_organisation_with_history(client, co_filed, partner_agent, partner_org):
    url = reverse("instruction:avis", args=[co_filed.public_id])
    client.force_login(partner_agent)
    # Motivation required unless favorable.
    client.post(url, {"organisation": partner_org.pk, "sens": SensAvis.DEFAVORABLE, "motivation": " "})
    assert not Avis.objects.exists()
    assert client.post(url, {"organisation": partner_org.pk, "sens": SensAvis.FAVORABLE}).status_code == 302
    response = client.post(
        url, {"organisation": partner_org.pk, "sens": SensAvis.RESERVES, "motivation": "Préciser le SAS."}
    )
    assert response.status_code == 302
    avis = Avis.objects.get()
    assert (avis.sens, avis.motivation, avis.author) == (SensAvis.RESERVES, "Préciser le SAS.", partner_agent)
    assert list(avis.history.order_by("history_date").values_list("sens", flat=True)) == [
        SensAvis.FAVORABLE,
        SensAvis.RESERVES,
    ]
    details = list(CoInstructionEvent.objects.filter(action=ActionCoInstruction.AVIS).values_list("detail", flat=True))
    assert details == ["Avis rendu : favorable.", "Avis modifié : favorable avec réserves."]


def test_avis_service_rules(co_filed, partner_agent, partner_org, partner45_org, dd_agent):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        avis_give(dossier=co_filed, organisation=partner_org, author=partner_agent, sens=SensAvis.DEFAVORABLE)
    assert "motivation est obligatoire" in str(error.value)
    with pytest.raises(ValidationError):  # not invited
        avis_give(dossier=co_filed, organisation=partner45_org, author=partner_agent, sens=SensAvis.FAVORABLE)
    dossier_transition(dossier=co_filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=co_filed, to_etat=Etat.CLASSEE, by=dd_agent, reason="Doublon")
    with pytest.raises(ValidationError):  # closed
        avis_give(dossier=co_filed, organisation=partner_org, author=partner_agent, sens=SensAvis.FAVORABLE)


def test_reader_of_a_partner_reads_but_gives_no_avis(client, co_filed, partner_org):
    reader = UserFactory(email="lecture-cpam@test.fr")
    MembershipFactory(user=reader, organisation=partner_org, role=Role.LECTURE)
    assert perms.can_view_dossier(reader, co_filed)
    client.force_login(reader)
    response = client.post(
        reverse("instruction:avis", args=[co_filed.public_id]), {"organisation": partner_org.pk, "sens": "favorable"}
    )
    assert response.status_code == 403


def test_decision_refused_while_an_avis_is_missing(client, co_filed, dd_agent, partner_agent, partner_org, urps_org):
    participation_invite(dossier=co_filed, organisation=urps_org, by=dd_agent)
    client.force_login(dd_agent)
    url = reverse("instruction:transition", args=[co_filed.public_id])
    client.post(url, {"to_etat": Etat.EN_INSTRUCTION})
    avis_give(dossier=co_filed, organisation=partner_org, author=partner_agent, sens=SensAvis.FAVORABLE)
    for to_etat, reason in ((Etat.ACCEPTEE, ""), (Etat.REFUSEE, "Territoire trop petit")):
        response = client.post(url, {"to_etat": to_etat, "reason": reason})
        texts = [str(message) for message in get_messages(response.wsgi_request)]
        assert any("Décision impossible : l'avis de « URPS (test) » n'a pas encore été rendu." in t for t in texts)
        co_filed.refresh_from_db()
        assert co_filed.etat == Etat.EN_INSTRUCTION
    avis_give(dossier=co_filed, organisation=urps_org, author=dd_agent, sens=SensAvis.DEFAVORABLE, motivation="Non.")
    client.post(url, {"to_etat": Etat.ACCEPTEE})
    co_filed.refresh_from_db()
    assert co_filed.etat == Etat.ACCEPTEE


def test_classement_needs_no_avis_and_kinds_without_requirement_decide_freely(co_filed, filed, dd_agent, partner45_org):
    dossier_transition(dossier=co_filed, to_etat=Etat.CLASSEE, by=dd_agent, reason="Retrait du porteur")
    participation_invite(dossier=filed, organisation=partner45_org, by=dd_agent)
    dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=filed, to_etat=Etat.ACCEPTEE, by=dd_agent)


def test_partner_access_rules(client, co_filed, partner_agent, partner45_agent, collectivite, porteur_manager):
    assert set(Dossier.objects.visible_to(partner_agent)) == {co_filed}
    assert not Dossier.objects.visible_to(partner45_agent).exists()
    draft = dossier_create(kind=co_filed.kind, deposant=collectivite, created_by=porteur_manager)
    assert not perms.can_view_dossier(partner_agent, draft)
    assert perms.can_view_annotations(partner_agent, co_filed)
    assert perms.can_annotate(partner_agent, co_filed)
    assert not perms.can_instruct(partner_agent, co_filed)
    assert not perms.can_post_message(partner_agent, co_filed)
    assert not perms.can_transition(partner_agent, co_filed, Etat.EN_INSTRUCTION)
    client.force_login(partner_agent)
    transition = reverse("instruction:transition", args=[co_filed.public_id])
    assert client.post(transition, {"to_etat": Etat.EN_INSTRUCTION}).status_code == 403
    assert client.post(reverse("instruction:message", args=[co_filed.public_id]), {"body": "x"}).status_code == 403
    assert client.post(reverse("instruction:referent", args=[co_filed.public_id]), {}).status_code == 403
    annotation = reverse("instruction:annotation", args=[co_filed.public_id])
    assert client.post(annotation, {"body": "Note CPAM"}).status_code == 302
    assert co_filed.annotations.get().author == partner_agent
    for url in (transition, annotation, reverse("instruction:avis", args=[draft.public_id])):
        client.force_login(partner45_agent)
        assert client.post(url, {"to_etat": Etat.EN_INSTRUCTION, "body": "x"}).status_code == 404
    # The déposant never reads nor writes the instruction team's annotations.
    assert not perms.can_view_annotations(porteur_manager, co_filed)
    client.force_login(porteur_manager)
    assert client.post(annotation, {"body": "Note"}).status_code == 403


def test_removed_partner_loses_access(co_filed, partner_agent, dd_agent):
    annotation_add(dossier=co_filed, author=dd_agent, body="Note")
    participation_remove(participation=co_filed.participations.get(), by=dd_agent)
    assert not Dossier.objects.visible_to(partner_agent).exists()
    fresh = Dossier.objects.get(pk=co_filed.pk)
    assert not perms.can_view_dossier(partner_agent, fresh)
