"""Failing decision / message / annotation forms re-render the dossier page (400) with the French
errors and what was typed, for both dossier kinds (CLS and CPTS) through the kind hook `render_page`."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from instruction.enums import Etat
from instruction.models import Annotation, Message, Notification
from instruction.services import dossier_transition
from tests.cls.factories import complete_lettre as cls_lettre
from tests.cpts.factories import complete_lettre as cpts_lettre
from tests.instruction.factories import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["cls", "cpts"])
def case(request, territory, collectivite, porteur_manager):
    """(filed dossier, déposant user) for each dossier kind."""
    if request.param == "cls":
        return cls_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier, (
            porteur_manager
        )
    user = request.getfixturevalue("cpts_porteur")
    return cpts_lettre(organisation=user.memberships.get().organisation, user=user).dossier, user


def _html(response) -> str:
    return response.content.decode()


def test_decision_without_reason_keeps_the_other_typed_values(client, case, dd_agent):
    dossier, _ = case
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    client.force_login(dd_agent)
    response = client.post(
        reverse("instruction:transition", args=[dossier.public_id]), {"to_etat": Etat.REFUSEE, "reason": "   "}
    )
    assert response.status_code == 400
    html = _html(response)
    assert "Un motif est obligatoire pour passer à l&#x27;état « Refusée »" in html
    assert "Votre saisie n&#x27;a pas été enregistrée" in html
    assert '<option value="refusee" selected>' in html  # the chosen decision is kept
    dossier.refresh_from_db()
    assert dossier.etat == Etat.EN_INSTRUCTION


def test_decision_keeps_the_typed_reason_when_the_transition_is_impossible(client, case, dd_agent):
    dossier, _ = case
    client.force_login(dd_agent)
    response = client.post(
        reverse("instruction:transition", args=[dossier.public_id]),
        {"to_etat": Etat.ACCEPTEE, "reason": "Projet solide et partenaires engagés"},
    )
    assert response.status_code == 400
    html = _html(response)
    assert "Transition impossible" in html
    assert "Projet solide et partenaires engagés" in html
    dossier.refresh_from_db()
    assert dossier.etat == Etat.DEPOSEE


def test_failed_message_keeps_its_text_and_says_the_attachment_was_refused(client, case):
    dossier, deposant = case
    client.force_login(deposant)
    bad = SimpleUploadedFile("budget.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(
        reverse("instruction:message", args=[dossier.public_id]),
        {"body": "Voici le budget prévisionnel détaillé.", "piece": bad},
    )
    assert response.status_code == 400
    html = _html(response)
    assert "Voici le budget prévisionnel détaillé." in html
    assert "« budget.pdf »" in html
    assert "La pièce jointe a été refusée et n&#x27;est pas enregistrée" in html
    assert not Message.objects.filter(dossier=dossier).exists()


def test_empty_message_with_a_valid_attachment_says_it_was_not_kept(client, case):
    dossier, deposant = case
    client.force_login(deposant)
    response = client.post(
        reverse("instruction:message", args=[dossier.public_id]), {"body": "", "piece": pdf_upload("calendrier.pdf")}
    )
    assert response.status_code == 400
    html = _html(response)
    assert "Écrivez votre message avant de l&#x27;envoyer." in html
    assert 'id="piece-non-envoyee"' in html
    assert "Le fichier « calendrier.pdf » était valide" in html
    assert not Message.objects.filter(dossier=dossier).exists()
    assert not dossier.pieces.filter(original_name="calendrier.pdf").exists()


def test_failed_annotation_rerenders_the_page(client, case, dd_agent):
    dossier, _ = case
    client.force_login(dd_agent)
    response = client.post(reverse("instruction:annotation", args=[dossier.public_id]), {"body": ""})
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in _html(response)
    assert not Annotation.objects.exists()


def test_valid_posts_still_redirect(client, case, dd_agent):
    dossier, _ = case
    client.force_login(dd_agent)
    response = client.post(reverse("instruction:annotation", args=[dossier.public_id]), {"body": "Appeler l'élu"})
    assert response.status_code == 302
    response = client.post(reverse("instruction:message", args=[dossier.public_id]), {"body": "Bonjour"})
    assert response.status_code == 302
    assert Notification.objects.filter(dossier=dossier, message__isnull=False).count() == 1


def test_answer_sends_one_email_to_the_delegation(
    client, case, dd_agent, mailoutbox, django_capture_on_commit_callbacks
):
    dossier, deposant = case
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=dossier, to_etat=Etat.COMPLEMENT_DEMANDE, by=dd_agent, reason="Le calendrier ?")
    mailoutbox.clear()
    client.force_login(deposant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("instruction:message", args=[dossier.public_id]),
            {"body": "Calendrier joint.", "repondre": "1", "piece": pdf_upload("calendrier.pdf")},
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.etat == Etat.EN_INSTRUCTION
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [dd_agent.email]
    assert "réponse" in email.subject
    assert "un nouveau message a été publié avec 1\xa0pièce jointe" in email.body
    assert "« Complément demandé » à l'état « En instruction »" in email.body
