"""Concurrent decisions and duplicate submits (issue 17 §4), with real threads on PostgreSQL: each thread has
its own connection and its own request transaction (ATOMIC_REQUESTS), like two gunicorn workers."""

import html
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from instruction.enums import CategoriePiece, Etat
from instruction.kinds import get_kind
from instruction.models import Dossier, Piece, Transition
from tests.reliability.conftest import draft_post_data
from tests.reliability.services import require_postgresql

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*calls):
    """Run each call in its own thread, released together; return their results in order."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def slow_decisions(monkeypatch):
    """Each decision takes a moment inside its transaction, after its row lock: the two requests overlap."""
    from instruction.services import dossiers

    original = dossiers._record

    def record(*args, **kwargs):
        time.sleep(0.5)
        return original(*args, **kwargs)

    monkeypatch.setattr(dossiers, "_record", record)


@pytest.fixture
def filed(draft_of, dd_agent):
    from instruction.services import dossier_submit, dossier_transition

    user, lettre = draft_of("cls")
    dossier_submit(dossier=lettre.dossier, by=user)
    dossier_transition(dossier=lettre.dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    return lettre.dossier


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"to_etat": Etat.ACCEPTEE}, {"to_etat": Etat.REFUSEE, "reason": "Territoire déjà couvert."}),
        ({"to_etat": Etat.ACCEPTEE}, {"to_etat": Etat.ACCEPTEE}),
        ({"to_etat": Etat.COMPLEMENT_DEMANDE, "reason": "Budget ?"}, {"to_etat": Etat.ACCEPTEE}),
    ],
)
def test_two_agents_decide_the_same_dossier_at_once_exactly_one_wins(
    filed, dd_agent, siege_agent, slow_decisions, first, second
):
    require_postgresql()
    url = reverse("instruction:transition", args=[filed.public_id])
    before = Transition.objects.filter(dossier=filed).count()
    agents = [logged_in(dd_agent), logged_in(siege_agent)]
    posts = [{**first, "etat_vu": Etat.EN_INSTRUCTION}, {**second, "etat_vu": Etat.EN_INSTRUCTION}]
    responses = at_once(*(lambda c=c, p=p: c.post(url, p) for c, p in zip(agents, posts, strict=True)))
    assert sorted(response.status_code for response in responses) == [302, 400]
    loser = next(response for response in responses if response.status_code == 400)
    text = html.unescape(loser.content.decode())
    assert "Votre décision n'a pas été enregistrée" in text or "Transition impossible" in text
    filed.refresh_from_db()
    winner = posts[[response.status_code for response in responses].index(302)]
    assert filed.etat == winner["to_etat"]
    assert Transition.objects.filter(dossier=filed).count() == before + 1  # one entry in the log


def test_a_decision_on_a_dossier_changed_since_the_page_was_drawn_is_refused_with_the_reason(
    filed, dd_agent, siege_agent
):
    """Sequential, no lock involved: the agent decided on what it saw; the dossier moved meanwhile."""
    url = reverse("instruction:transition", args=[filed.public_id])
    complement = {"to_etat": Etat.COMPLEMENT_DEMANDE, "reason": "Budget ?", "etat_vu": Etat.EN_INSTRUCTION}
    assert logged_in(dd_agent).post(url, complement).status_code == 302
    stale = logged_in(siege_agent).post(
        url, {"to_etat": Etat.CLASSEE, "reason": "Doublon", "etat_vu": "en_instruction"}
    )
    assert stale.status_code == 400
    text = html.unescape(stale.content.decode())
    assert "Le dossier a changé pendant que vous décidiez : il est désormais « Complément demandé »" in text
    assert Transition.objects.filter(dossier=filed, to_etat=Etat.CLASSEE).count() == 0


def test_the_decision_form_carries_the_state_the_agent_saw(client, filed, dd_agent):
    client.force_login(dd_agent)
    page = client.get(get_kind("cls").url("detail", filed)).content.decode()
    assert 'name="etat_vu" value="en_instruction"' in page


def test_double_click_on_file_gives_one_dossier_and_one_receipt(draft_of):
    require_postgresql()
    user, lettre = draft_of("cls")
    url = get_kind("cls").url("edit", lettre.dossier)
    data = draft_post_data(lettre, action="deposer")
    clients = [logged_in(user), logged_in(user)]
    responses = at_once(*(lambda c=c: c.post(url, data) for c in clients))
    assert [response.status_code for response in responses] == [302, 302]
    dossier = Dossier.objects.get(pk=lettre.dossier.pk)
    assert dossier.etat == Etat.DEPOSEE
    assert Piece.objects.filter(dossier=dossier, categorie=CategoriePiece.ACCUSE).count() == 1
    assert Transition.objects.filter(dossier=dossier, to_etat=Etat.DEPOSEE).count() == 1
    # A replayed POST, later: nothing changes, and the déposant is told.
    replay = clients[0].post(url, data, follow=True)
    assert "Ce dossier est déjà déposé" in html.unescape(replay.content.decode())
    assert Piece.objects.filter(dossier=dossier, categorie=CategoriePiece.ACCUSE).count() == 1


def test_double_click_on_create_opens_one_draft(porteur_manager, collectivite):
    require_postgresql()
    client = logged_in(porteur_manager)
    page = client.get(reverse("cls:lettre_list")).content.decode()
    jeton = page.split('name="jeton" value="', 1)[1].split('"', 1)[0]
    clients = [client, logged_in(porteur_manager)]
    url = reverse("cls:lettre_create")
    responses = at_once(*(lambda c=c: c.post(url, {"jeton": jeton}) for c in clients))
    assert [response.status_code for response in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    assert Dossier.objects.filter(created_by=porteur_manager).count() == 1
    client.post(url, {"jeton": jeton})  # replayed
    assert Dossier.objects.filter(created_by=porteur_manager).count() == 1
    client.post(url, {})  # a new form (no token, or another one): another draft, as asked
    assert Dossier.objects.filter(created_by=porteur_manager).count() == 2
