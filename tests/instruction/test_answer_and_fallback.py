import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from instruction.enums import Etat, Evenement
from instruction.models import Message, Notification
from instruction.services import dossier_answer, dossier_transition
from instruction.services.notifications import notification_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def complement(filed, dd_agent):
    dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=filed, to_etat=Etat.COMPLEMENT_DEMANDE, by=dd_agent, reason="Budget ?")
    return filed


def test_answer_queues_one_notification_sent_once_after_commit(
    complement, porteur_manager, dd_agent, mailoutbox, django_capture_on_commit_callbacks
):
    before = set(Notification.objects.values_list("pk", flat=True))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dossier_answer(dossier=complement, author=porteur_manager, body="Budget joint.")
    assert mailoutbox == []
    assert len(callbacks) == 1
    notification = Notification.objects.exclude(pk__in=before).get()
    assert notification.evenement == Evenement.TRANSITION
    assert notification.message.body == "Budget joint."
    callbacks[0]()
    assert notification_send(notification.pk) is False  # idempotent
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [dd_agent.email]
    assert "Nouveau message" not in mailoutbox[0].subject
    assert "un nouveau message a été publié" in mailoutbox[0].body
    assert complement.etat == Etat.EN_INSTRUCTION


def test_answer_is_all_or_nothing(filed, porteur_manager):
    with pytest.raises(ValidationError, match="Aucun complément"):
        dossier_answer(dossier=filed, author=porteur_manager, body="Réponse trop tôt")
    assert not Message.objects.exists()


def test_kind_without_page_hook_falls_back_to_messages_and_redirect(client, filed, dd_agent):
    client.force_login(dd_agent)
    response = client.post(reverse("instruction:annotation", args=[filed.public_id]), {"body": ""})
    assert response.status_code == 302
    assert response.url == f"/essai/{filed.public_id}/"
