"""Unread messages: counted per dossier in the lists, in the navigation, read when the dossier page opens."""

import pytest
from django.urls import reverse

from instruction.models import Dossier
from instruction.services import message_post
from instruction.services.lectures import unread_total
from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(collectivite, porteur_manager, territory):
    return complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier


def _unread(user, dossier) -> int:
    return Dossier.objects.filter(pk=dossier.pk).with_unread(user).get().non_lus


def test_messages_of_the_other_side_are_unread_until_the_page_is_opened(client, dossier, dd_agent, porteur_manager):
    message_post(dossier=dossier, author=dd_agent, from_ars=True, body="Première question")
    message_post(dossier=dossier, author=dd_agent, from_ars=True, body="Deuxième question")
    assert _unread(porteur_manager, dossier) == 2
    assert _unread(dd_agent, dossier) == 0  # one's own messages are never unread
    assert unread_total(porteur_manager) == 2
    client.force_login(porteur_manager)
    badge = client.get(reverse("instruction:messages_badge")).content.decode()
    assert ">2<" in badge
    assert "messages non lus" in badge
    listing = client.get(reverse("cls:lettre_list")).content.decode()
    assert '2<span class="fr-sr-only"> non lus</span>' in listing
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert page.count("Nouveau</span>") == 2  # marked new on this visit
    assert _unread(porteur_manager, dossier) == 0
    assert "Nouveau</span>" not in client.get(dossier.get_absolute_url()).content.decode()
    assert client.get(reverse("instruction:messages_badge")).content.decode().strip() == ""
    message_post(dossier=dossier, author=dd_agent, from_ars=True, body="Troisième question")
    assert _unread(porteur_manager, dossier) == 1


def test_the_delegation_counts_the_deposant_messages(client, dossier, dd_agent, dd45_agent, porteur_manager):
    message_post(dossier=dossier, author=porteur_manager, from_ars=False, body="Une précision")
    assert unread_total(dd_agent) == 1
    assert unread_total(dd45_agent) == 0  # another département: not followed
    client.force_login(dd_agent)
    html = client.get(reverse("cls:instruction_list")).content.decode()
    assert '1<span class="fr-sr-only"> non lu</span>' in html
    messages_page = client.get(reverse("instruction:messages")).content.decode()
    assert dossier.reference in messages_page


def test_the_navigation_loads_the_count_after_the_page(client, porteur_manager, expert):
    client.force_login(porteur_manager)
    html = client.get(reverse("home")).content.decode()
    assert f'data-messages-non-lus="{reverse("instruction:messages_badge")}"' in html
    client.force_login(expert)
    assert "data-messages-non-lus" not in client.get(reverse("home")).content.decode()  # nothing to follow
