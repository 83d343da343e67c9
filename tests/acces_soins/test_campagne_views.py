"""Pages of the campaign: access per persona, the journey through the pages (open, fill in, transmit, validate,
consolidate, freeze), constant query counts of the lists, and the reminders at the right dates."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from acces_soins.campagne.rappels import rappels_envoyer
from acces_soins.campagne.services import contribution_transmettre
from acces_soins.enums import EtatContribution, StatutCampagne, TypeContributeur
from acces_soins.models import Campagne, RappelCampagne
from tests.acces_soins.campagne_world import CLOTURE, S1, answer, make_contrat, make_world, open_campaign

pytestmark = pytest.mark.django_db

ARS = {"siege_agent", "dd_agent"}
CLS_READERS = ARS | {"porteur_manager", "porteur_reader"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(territory, collectivite, cpts_porteur, partner_org, siege_agent, dd_agent, dd45_agent):
    return make_world(
        territory=territory,
        collectivite=collectivite,
        cpts_porteur=cpts_porteur,
        partner_org=partner_org,
        siege_agent=siege_agent,
        dd_agent=dd_agent,
        dd45_agent=dd45_agent,
    )


@pytest.fixture
def campagne(world, siege_agent):
    return open_campaign(siege_agent, notify=False)


def cls_of(campagne):
    return campagne.contributions.get(type=TypeContributeur.CLS)


def line_data(contribution) -> dict:
    """The POST of a contribution page with every line a person must fill in answered."""
    data = {}
    for line in contribution.lignes.filter(requis=True):
        prefix = f"l{line.pk}"
        data[f"{prefix}-texte"] = f"Note sur {line.reference or line.libelle}"
        if line.kind in ("fiche", "declinaison"):
            data[f"{prefix}-statut"] = line.prerempli["initial"]["statut"]
        if line.kind in ("fiche", "mission"):
            data[f"{prefix}-avancement"] = "50"
        if line.kind == "indicateur":
            data[f"{prefix}-valeur"] = "12"
    return data


# --- Access per persona --------------------------------------------------------------------------


def test_campaign_pages_per_persona(persona, campagne):
    name, client = persona
    expected = 200 if name in ARS else 404
    assert client.get(reverse("acces_soins:campagne_list")).status_code == expected
    assert client.get(reverse("acces_soins:campagne_detail", args=[campagne.public_id])).status_code == expected
    create = client.get(reverse("acces_soins:campagne_create"))
    assert create.status_code == (200 if name == "siege_agent" else 403 if name in ARS else 404)
    geler = client.post(reverse("acces_soins:campagne_geler", args=[campagne.public_id]))
    assert geler.status_code == (302 if name == "siege_agent" else 403 if name in ARS else 404)
    campagne.refresh_from_db()
    assert (campagne.statut == StatutCampagne.GELEE) is (name == "siege_agent")


def test_contribution_pages_per_persona(persona, campagne):
    name, client = persona
    assert client.get(reverse("acces_soins:mes_remontees")).status_code == (404 if name == "outsider" else 200)
    contribution = cls_of(campagne)
    url = reverse("acces_soins:contribution_detail", args=[contribution.public_id])
    assert client.get(url).status_code == (200 if name in CLS_READERS else 404)
    saved = client.post(url, line_data(contribution))
    # only a « saisie » or « gestionnaire » member of the CLS's collectivité writes its contribution
    assert saved.status_code == (302 if name == "porteur_manager" else 403 if name in CLS_READERS else 404)
    cpts = campagne.contributions.get(type=TypeContributeur.CPTS)
    cpts_url = reverse("acces_soins:contribution_detail", args=[cpts.public_id])
    assert client.get(cpts_url).status_code == (200 if name in ARS | {"cpts_porteur"} else 404)
    partner = campagne.contributions.get(type=TypeContributeur.PARTENAIRE)
    partner_url = reverse("acces_soins:contribution_detail", args=[partner.public_id])
    assert client.get(partner_url).status_code == (200 if name in ARS | {"partner_agent"} else 404)


def test_validation_per_persona(persona, campagne, porteur_manager):
    name, client = persona
    contribution = cls_of(campagne)
    url = reverse("acces_soins:contribution_detail", args=[contribution.public_id])
    answer(contribution, porteur_manager)
    contribution_transmettre(contribution=contribution, by=porteur_manager)
    response = client.post(
        reverse("acces_soins:contribution_transition", args=[contribution.public_id]), {"action": "valider"}
    )
    # the délégation of 37 validates (the siège is competent for every département)
    assert response.status_code == (302 if name in ARS else 403 if name in CLS_READERS else 404)
    contribution.refresh_from_db()
    assert (contribution.etat == EtatContribution.VALIDEE) is (name in ARS)
    assert client.get(url).status_code == (200 if name in CLS_READERS else 404)


def test_anonymous_is_sent_to_login(client, campagne):
    contribution = cls_of(campagne)
    for url in (
        reverse("acces_soins:mes_remontees"),
        reverse("acces_soins:campagne_list"),
        reverse("acces_soins:campagne_create"),
        reverse("acces_soins:campagne_detail", args=[campagne.public_id]),
        reverse("acces_soins:contribution_detail", args=[contribution.public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "connexion" in response["Location"], url


# --- The journey through the pages -------------------------------------------------------------


@freeze_time("2026-07-20 09:00")
def test_journey_from_opening_to_frozen_bilan(
    client, world, siege_agent, porteur_manager, dd_agent, expert, django_capture_on_commit_callbacks
):
    client.force_login(siege_agent)
    form = client.get(reverse("acces_soins:campagne_create") + "?semestre=2026-S1")
    assert form.status_code == 200
    assert "14/08/2026" in form.content.decode() or "2026-08-14" in form.content.decode()  # 45 days, référentiel
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("acces_soins:campagne_create"), {"semestre": "2026-S1", "date_cloture": "2026-08-14"}
        )
    assert response.status_code == 302
    campagne = Campagne.objects.get()
    assert campagne.date_cloture == CLOTURE
    assert campagne.semestre == str(S1)
    contribution = cls_of(campagne)
    link = reverse("acces_soins:contribution_detail", args=[contribution.public_id])
    assert any(link in message.body for message in mail.outbox)  # the e-mail carries the page's link

    client.force_login(porteur_manager)
    assert contribution.libelle in client.get(reverse("acces_soins:mes_remontees")).content.decode()
    page = client.get(link)
    assert page.status_code == 200
    incomplete = client.post(link, {"action": "transmettre"})
    assert incomplete.status_code == 400  # the required lines are asked again
    response = client.post(link, {**line_data(contribution), "action": "transmettre"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.etat == EtatContribution.TRANSMISE

    client.force_login(dd_agent)
    transition = reverse("acces_soins:contribution_transition", args=[contribution.public_id])
    assert contribution.libelle in client.get(reverse("acces_soins:mes_remontees")).content.decode()  # to validate
    assert client.post(transition, {"action": "renvoyer"}).status_code == 302  # no reason: refused
    contribution.refresh_from_db()
    assert contribution.etat == EtatContribution.TRANSMISE
    assert client.post(transition, {"action": "valider"}).status_code == 302
    contribution.refresh_from_db()
    assert contribution.etat == EtatContribution.VALIDEE

    client.force_login(siege_agent)
    assert client.post(transition, {"action": "consolider"}).status_code == 302
    contribution.refresh_from_db()
    assert contribution.etat == EtatContribution.CONSOLIDEE
    board = client.get(reverse("acces_soins:campagne_detail", args=[campagne.public_id]))
    assert contribution.libelle in board.content.decode()
    export = client.get(reverse("acces_soins:campagne_detail", args=[campagne.public_id]) + "?export=csv")
    assert export.status_code == 200
    assert contribution.libelle in export.content.decode("utf-8-sig")
    response = client.post(reverse("acces_soins:campagne_geler", args=[campagne.public_id]))
    assert response.status_code == 302
    campagne.refresh_from_db()
    assert campagne.statut == StatutCampagne.GELEE
    bilan = campagne.bilans.get(perimetre_type="region")

    client.force_login(expert)  # the comité d'évaluation reads the frozen bilan
    assert client.get(reverse("acces_soins:bilan_detail", args=[bilan.public_id])).status_code == 200


# --- Query counts ------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_board_and_lists_query_count_does_not_grow(client, world, territory, siege_agent, collectivite2):
    campagne = open_campaign(siege_agent, notify=False)
    client.force_login(siege_agent)
    urls = [
        reverse("acces_soins:campagne_list"),
        reverse("acces_soins:campagne_detail", args=[campagne.public_id]),
        reverse("acces_soins:mes_remontees"),
    ]
    before = [_queries(client, url) for url in urls]
    # three more CLS contributors in the campaign, and a second campaign in the list
    campagne.delete()
    for n in range(3):
        make_contrat(collectivite2, territory["dep45"], nom=f"CLS numéro {n}")
    campagne = open_campaign(siege_agent, notify=False)
    open_campaign(siege_agent, semestre=S1.previous(), date_cloture=datetime.date(2026, 2, 14), notify=False)
    assert campagne.contributions.filter(type=TypeContributeur.CLS).count() == 4
    for contribution in campagne.contributions.all():
        contribution.etat = EtatContribution.VALIDEE  # waiting for the siège: listed on its « Mes remontées »
        contribution.save(update_fields=["etat"])
    urls[1] = reverse("acces_soins:campagne_detail", args=[campagne.public_id])
    assert [_queries(client, url) for url in urls] == before


def test_contribution_page_query_count_does_not_grow_with_lines(client, world, porteur_manager, siege_agent):
    from cls.models import FicheAction

    campagne = open_campaign(siege_agent, notify=False)
    client.force_login(porteur_manager)
    before = _queries(client, reverse("acces_soins:contribution_detail", args=[cls_of(campagne).public_id]))
    campagne.delete()
    for n in range(4, 9):
        FicheAction.objects.create(
            contrat=world.contrat, numero=str(n), intitule=f"Fiche {n}", date_debut=datetime.date(2025, 2, 1)
        )
    campagne = open_campaign(siege_agent, notify=False)
    assert cls_of(campagne).lignes.count() == 9
    assert _queries(client, reverse("acces_soins:contribution_detail", args=[cls_of(campagne).public_id])) == before


# --- Reminders at the right dates ------------------------------------------------------------------


def _sent(on: datetime.date) -> list[tuple[str, str]]:
    with freeze_time(on):
        return sorted((rappel.contribution.libelle, rappel.palier) for rappel in rappels_envoyer(on=on))


def test_reminders_at_j15_j7_j1_then_the_delegation_is_told(campagne, cpts_porteur):
    pending = campagne.contributions.count() - 1
    cpts = campagne.contributions.get(type=TypeContributeur.CPTS)
    answer(cpts, cpts_porteur)
    contribution_transmettre(contribution=cpts, by=cpts_porteur)
    assert _sent(CLOTURE - datetime.timedelta(days=16)) == []
    mail.outbox.clear()
    j15 = _sent(CLOTURE - datetime.timedelta(days=15))
    assert len(j15) == pending
    assert {palier for _, palier in j15} == {"J-15"}
    assert len(mail.outbox) >= 1
    assert _sent(CLOTURE - datetime.timedelta(days=15)) == []  # idempotent
    assert _sent(CLOTURE - datetime.timedelta(days=10)) == []
    assert {palier for _, palier in _sent(CLOTURE - datetime.timedelta(days=7))} == {"J-7"}
    assert {palier for _, palier in _sent(CLOTURE - datetime.timedelta(days=1))} == {"J-1"}
    assert _sent(CLOTURE) == []
    mail.outbox.clear()
    late = _sent(CLOTURE + datetime.timedelta(days=1))
    assert len(late) == pending
    assert {palier for _, palier in late} == {"retard"}
    # one e-mail per validator (the délégations of 37 and 45), listing its late contributors
    assert len(mail.outbox) == 2
    assert _sent(CLOTURE + datetime.timedelta(days=2)) == []
    assert RappelCampagne.objects.filter(contribution=cpts).count() == 0


# --- The région's sender ------------------------------------------------------------------------------


def test_every_campaign_email_comes_from_the_regions_sender(
    world, territory, siege_agent, cpts_porteur, django_capture_on_commit_callbacks
):
    from comptes.models import IdentiteRegionale

    IdentiteRegionale.objects.create(
        region=territory["dep37"].region, nom="ARS Centre (essai)", email_expediteur="campagnes@centre.ars.test"
    )
    with django_capture_on_commit_callbacks(execute=True):
        campagne = open_campaign(siege_agent)
    opened = len(mail.outbox)
    assert opened >= 1
    cpts = campagne.contributions.get(type=TypeContributeur.CPTS)
    answer(cpts, cpts_porteur)
    with django_capture_on_commit_callbacks(execute=True):
        contribution_transmettre(contribution=cpts, by=cpts_porteur)
    transmitted = len(mail.outbox)
    assert transmitted > opened
    assert _sent(CLOTURE - datetime.timedelta(days=15))  # reminders to the contributors
    reminded = len(mail.outbox)
    assert reminded > transmitted
    assert _sent(CLOTURE + datetime.timedelta(days=1))  # the délégation told of the late ones
    assert len(mail.outbox) > reminded
    senders = {message.from_email for message in mail.outbox}
    assert senders == {"ARS Centre-Val de Loire — Santé Territoires <campagnes@centre.ars.test>"}
