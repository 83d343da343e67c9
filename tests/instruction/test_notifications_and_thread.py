import pytest
from django.core.exceptions import ValidationError

from instruction.enums import Etat, StatutNotification
from instruction.models import Notification
from instruction.perms import can_assign_referent, can_view_annotations
from instruction.services import annotation_add, dossier_submit, dossier_transition, message_post, referent_assign
from instruction.services.notifications import notification_send

pytestmark = pytest.mark.django_db


def test_notifications_are_sent_after_commit_only(
    draft, porteur_manager, dd_agent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dossier_submit(dossier=draft, by=porteur_manager)
    assert mailoutbox == []  # nothing is sent inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1
    assert set(mailoutbox[0].to) == {porteur_manager.email, dd_agent.email}
    assert draft.reference in mailoutbox[0].subject


def test_notification_is_sent_once(filed, dd_agent, mailoutbox):
    notification = Notification.objects.get(dossier=filed)
    assert notification_send(notification.pk) is True
    assert notification_send(notification.pk) is False
    notification.refresh_from_db()
    assert notification.statut == StatutNotification.ENVOYEE
    assert len(mailoutbox) == 1


def test_decisions_notify_the_deposant_and_answers_notify_the_delegation(
    filed, porteur_manager, porteur_reader, dd_agent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    assert set(mailoutbox[-1].to) == {porteur_manager.email, porteur_reader.email}
    with django_capture_on_commit_callbacks(execute=True):
        message_post(dossier=filed, author=porteur_manager, from_ars=False, body="Voici le budget.")
    assert mailoutbox[-1].to == [dd_agent.email]
    assert "Nouveau message" in mailoutbox[-1].subject


def test_referent_assignment(
    filed, dd_agent, dd45_agent, siege_agent, porteur_manager, mailoutbox, django_capture_on_commit_callbacks
):
    assert can_assign_referent(dd_agent, filed)
    assert can_assign_referent(siege_agent, filed)
    assert not can_assign_referent(dd45_agent, filed)
    assert not can_assign_referent(porteur_manager, filed)
    with pytest.raises(ValidationError):
        referent_assign(dossier=filed, referent=dd45_agent, by=dd_agent)
    with django_capture_on_commit_callbacks(execute=True):
        referent_assign(dossier=filed, referent=dd_agent, by=dd_agent)
    filed.refresh_from_db()
    assert filed.referent == dd_agent
    assert filed.history.first().history_user == dd_agent
    assert mailoutbox[-1].to == [dd_agent.email]
    # once a référent exists, the déposant's answers go to them only
    with django_capture_on_commit_callbacks(execute=True):
        message_post(dossier=filed, author=porteur_manager, from_ars=False, body="Bonjour")
    assert mailoutbox[-1].to == [dd_agent.email]


def test_annotations_are_for_ars_staff_only(filed, dd_agent, siege_agent, porteur_manager, dd45_agent, expert):
    annotation_add(dossier=filed, author=dd_agent, body="Élu très mobilisé")
    assert can_view_annotations(dd_agent, filed)
    assert can_view_annotations(siege_agent, filed)
    for user in (porteur_manager, dd45_agent, expert):
        assert not can_view_annotations(user, filed)


def test_empty_message_is_refused(filed, dd_agent):
    with pytest.raises(ValidationError):
        message_post(dossier=filed, author=dd_agent, from_ars=True, body="  ")


def test_no_messages_once_closed(filed, dd_agent, porteur_manager):
    from instruction.perms import can_post_message

    assert can_post_message(porteur_manager, filed)
    dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=filed, to_etat=Etat.REFUSEE, by=dd_agent, reason="Hors cadre")
    assert not can_post_message(porteur_manager, filed)
    assert not can_post_message(dd_agent, filed)
