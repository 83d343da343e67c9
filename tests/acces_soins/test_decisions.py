"""COPIL decisions followed to closure: access per persona, the owner's follow-up and its log, an abandon needs a
reason, overdue decisions on the owner's home page, the next session's agenda, constant list queries; and the
« remontée nationale » (PDF and CSV)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from acces_soins.enums import StatutDecision
from acces_soins.models import Mesure
from acces_soins.services.decisions import decision_modifier, decision_suivre
from tests.acces_soins.factories import ComiteFactory, DecisionFactory
from tests.acces_soins.helpers import normalized, pdf_text

pytestmark = pytest.mark.django_db

VIEWERS = {"siege_agent", "dd_agent", "expert"}  # the plan's readers
TODAY = datetime.date(2026, 11, 2)


@pytest.fixture
def decision(territory, collectivite, siege_agent):
    """A decision owned by the collectivité (porteur_manager's and porteur_reader's organisation), overdue."""
    decision = DecisionFactory(
        comite=ComiteFactory(date=datetime.date(2026, 6, 16)),
        mesures=[Mesure.objects.get(priorite__numero=1, numero=1)],
    )
    return decision_modifier(
        decision=decision,
        by=siege_agent,
        responsable_organisation=collectivite,
        echeance=datetime.date(2026, 10, 1),
        mesures=list(decision.mesures.all()),
    )


@freeze_time(TODAY)
def test_decision_pages_per_persona(persona, decision):
    name, client = persona
    owners = {"porteur_manager", "porteur_reader"}
    listed = client.get(reverse("acces_soins:decision_list"))
    assert listed.status_code == (200 if name in VIEWERS | owners else 404)
    detail = client.get(reverse("acces_soins:decision_detail", args=[decision.public_id]))
    assert detail.status_code == (200 if name in VIEWERS | owners else 404)
    agenda = client.get(reverse("acces_soins:ordre_du_jour"))
    assert agenda.status_code == (200 if name in VIEWERS else 404)
    followed = client.post(
        reverse("acces_soins:decision_detail", args=[decision.public_id]),
        {
            "formulaire": "suivi",
            "suivi-statut": StatutDecision.EN_COURS,
            "suivi-commentaire": "Réunion fixée.",
            "suivi-motif_abandon": "",
        },
    )
    # the siège and the owner's « saisie »/« gestionnaire » members follow it; the other readers only read
    can_follow = {"siege_agent", "porteur_manager"}
    assert followed.status_code == (302 if name in can_follow else 403 if name in VIEWERS | owners else 404)
    decision.refresh_from_db()
    assert (decision.statut == StatutDecision.EN_COURS) is (name in can_follow)


def test_anonymous_is_sent_to_login(client, decision):
    for url in (
        reverse("acces_soins:decision_list"),
        reverse("acces_soins:decision_detail", args=[decision.public_id]),
        reverse("acces_soins:ordre_du_jour"),
        reverse("acces_soins:remontee_nationale", args=["csv"]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "connexion" in response["Location"], url


def test_follow_up_is_logged_and_an_abandon_needs_a_reason(decision, porteur_manager):
    from django.core.exceptions import ValidationError

    decision_suivre(decision=decision, by=porteur_manager, statut=StatutDecision.EN_COURS, commentaire="Lancée.")
    with pytest.raises(ValidationError):
        decision_suivre(decision=decision, by=porteur_manager, statut=StatutDecision.ABANDONNEE, motif_abandon=" ")
    decision_suivre(
        decision=decision, by=porteur_manager, statut=StatutDecision.ABANDONNEE, motif_abandon="Reprise par la CPTS."
    )
    decision.refresh_from_db()
    assert decision.statut == StatutDecision.ABANDONNEE
    assert [suivi.statut for suivi in decision.suivis.order_by("le", "pk")] == ["en_cours", "abandonnee"]
    assert decision.jours_de_retard(TODAY) == 0  # a closed decision is late no more


@freeze_time(TODAY)
def test_overdue_decision_on_the_owner_home_page_and_first_on_the_agenda(
    client, decision, porteur_manager, siege_agent
):
    later = DecisionFactory(comite=decision.comite, texte="Décision sans échéance.")
    client.force_login(porteur_manager)
    home = client.get(reverse("home")).content.decode()
    assert "Décisions du comité en retard" in home
    assert reverse("acces_soins:decision_detail", args=[decision.public_id]) in home
    decision_suivre(decision=decision, by=porteur_manager, statut=StatutDecision.FAITE, commentaire="Fait.")
    assert "Décisions du comité en retard" not in client.get(reverse("home")).content.decode()
    decision_suivre(decision=decision, by=siege_agent, statut=StatutDecision.EN_COURS, commentaire="Rouverte.")
    client.force_login(siege_agent)
    agenda = normalized(client.get(reverse("acces_soins:ordre_du_jour")).content.decode())
    assert agenda.index(decision.texte) < agenda.index(later.texte)  # overdue first
    assert "Rouverte." in agenda  # with its history


def test_decision_list_query_count_does_not_grow(client, decision, siege_agent, collectivite):
    client.force_login(siege_agent)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("acces_soins:decision_list")).status_code == 200
        return len(context.captured_queries)

    before = count()
    for _ in range(5):
        extra = DecisionFactory(comite=decision.comite, mesures=[Mesure.objects.get(priorite__numero=3, numero=1)])
        decision_modifier(
            decision=extra, by=siege_agent, responsable_organisation=collectivite, echeance=TODAY, mesures=[]
        )
    assert count() == before


@freeze_time(TODAY)
def test_remontee_nationale_per_persona_and_content(persona, decision):
    name, client = persona
    csv = client.get(reverse("acces_soins:remontee_nationale", args=["csv"]) + "?semestre=2026-S1")
    assert csv.status_code == (200 if name in VIEWERS else 404)
    pdf = client.get(reverse("acces_soins:remontee_nationale", args=["pdf"]) + "?semestre=2026-S1")
    assert pdf.status_code == (200 if name in VIEWERS else 404)
    if name == "siege_agent":
        assert "P1.1" in csv.content.decode("utf-8-sig")
        assert "P1.1" in normalized(pdf_text(pdf.content))
    assert client.get(reverse("acces_soins:remontee_nationale", args=["xls"])).status_code == 404
