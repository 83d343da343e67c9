"""Every e-mail of the project: an absolute link (SITE_URL) and who acts next and by when."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from config.checks import check_site_url
from config.typography import fr_date
from instruction.enums import Etat, SensAvis
from instruction.services import avis_give, dossier_transition, message_post, referent_assign
from tests.cls.factories import complete_lettre as cls_lettre
from tests.cpts.factories import complete_lettre as cpts_lettre

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def _in_days(days: int) -> str:
    return fr_date(timezone.localdate() + datetime.timedelta(days=days))  # « 1er janvier 2027 »


def _sent(mailoutbox, callbacks) -> list:
    """Run the notification tasks queued after commit; the e-mails they sent."""
    before = len(mailoutbox)
    for callback in callbacks:
        callback()
    return mailoutbox[before:]


def _check(email, *, path: str, step: str):
    assert f"http://testserver{path}" in LINK.findall(email.body), email.body
    assert f"Prochaine étape : {step}" in " ".join(email.body.split()), email.body


def test_every_event_of_a_cls_dossier(
    collectivite, porteur_manager, dd_agent, territory, mailoutbox, django_capture_on_commit_callbacks
):
    path_of = lambda dossier: reverse("cls:lettre_detail", args=[dossier.public_id])  # noqa: E731
    with django_capture_on_commit_callbacks() as callbacks:
        dossier = cls_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
    (depot,) = _sent(mailoutbox, callbacks)
    _check(
        depot,
        path=path_of(dossier),
        step="La délégation départementale de l'ARS (Indre-et-Loire) instruit le dossier et rend sa décision, "
        f"au plus tard le {_in_days(60)} (délai indicatif).",
    )
    with django_capture_on_commit_callbacks() as callbacks:
        referent_assign(dossier=dossier, referent=dd_agent, by=dd_agent)
    (referent,) = _sent(mailoutbox, callbacks)
    _check(referent, path=path_of(dossier), step=f"{dd_agent}, référent·e à la délégation départementale")
    with django_capture_on_commit_callbacks() as callbacks:
        dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
        dossier_transition(
            dossier=dossier, to_etat=Etat.COMPLEMENT_DEMANDE, by=dd_agent, reason="Le calendrier ?", sections=["*"]
        )
    complement = _sent(mailoutbox, callbacks)[-1]
    _check(
        complement,
        path=path_of(dossier),
        step="CC Loches Sud Touraine corrige son dossier et répond à la demande de complément, "
        f"au plus tard le {_in_days(30)} (délai indicatif).",
    )
    with django_capture_on_commit_callbacks() as callbacks:
        message_post(dossier=dossier, author=dd_agent, from_ars=True, body="Avez-vous le calendrier ?")
    (message,) = _sent(mailoutbox, callbacks)
    assert message.to == [porteur_manager.email]
    _check(message, path=path_of(dossier), step="CC Loches Sud Touraine corrige son dossier")
    from instruction.services import dossier_answer

    with django_capture_on_commit_callbacks() as callbacks:
        dossier_answer(dossier=dossier, author=porteur_manager, body="Le voici.")
    (reponse,) = _sent(mailoutbox, callbacks)
    _check(reponse, path=path_of(dossier), step=f"{dd_agent}, référent·e")
    assert f"au plus tard le {_in_days(60)}" in " ".join(reponse.body.split())  # the clock starts again
    with django_capture_on_commit_callbacks() as callbacks:
        dossier_transition(dossier=dossier, to_etat=Etat.ACCEPTEE, by=dd_agent)
    (acceptee,) = _sent(mailoutbox, callbacks)
    _check(acceptee, path=path_of(dossier), step=f"{dd_agent}, référent·e")
    assert "prend contact avec CC Loches Sud Touraine pour la suite." in " ".join(acceptee.body.split())


def test_refusal_says_nothing_more_is_expected(
    collectivite, porteur_manager, dd_agent, territory, mailoutbox, django_capture_on_commit_callbacks
):
    dossier = cls_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    with django_capture_on_commit_callbacks() as callbacks:
        dossier_transition(dossier=dossier, to_etat=Etat.REFUSEE, by=dd_agent, reason="Hors champ")
    (email,) = _sent(mailoutbox, callbacks)
    _check(email, path=dossier.get_absolute_url(), step="Aucune action n'est attendue : le dossier est clôturé.")


def test_co_instruction_emails(
    cpts_porteur, partner_org, partner_agent, dd_agent, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = cpts_porteur.memberships.get().organisation
    with django_capture_on_commit_callbacks() as callbacks:
        dossier = cpts_lettre(organisation=organisation, user=cpts_porteur).dossier
    emails = _sent(mailoutbox, callbacks)
    depot = next(email for email in emails if cpts_porteur.email in email.to)
    invitation = next(email for email in emails if partner_agent.email in email.to)
    path = reverse("cpts:lettre_detail", args=[dossier.public_id])
    # The déposant never learns which partners co-instruct: its next step is the ARS decision.
    _check(depot, path=path, step="La délégation départementale de l'ARS (Indre-et-Loire) instruit le dossier")
    assert partner_org.nom not in depot.body
    _check(
        invitation,
        path=path,
        step=f"{partner_org.nom} rend son avis sur le dossier, au plus tard le {_in_days(21)} (délai indicatif).",
    )
    with django_capture_on_commit_callbacks() as callbacks:
        avis_give(dossier=dossier, organisation=partner_org, author=partner_agent, sens=SensAvis.FAVORABLE)
    (avis,) = _sent(mailoutbox, callbacks)
    _check(avis, path=path, step="La délégation départementale de l'ARS (Indre-et-Loire) instruit le dossier")


def test_password_reset_link_is_absolute_and_says_until_when(
    client, porteur_manager, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comptes:password_reset"), {"email": porteur_manager.email})
    body = " ".join(mailoutbox[-1].body.split())
    assert re.search(r"http://testserver/comptes/\S+", body)
    assert "Prochaine étape : vous choisissez un nouveau mot de passe" in body
    assert f"au plus tard le {_in_days(1)}" in body


def test_bilan_email_link_is_absolute(siege_agent, territory, mailoutbox, django_capture_on_commit_callbacks):
    from acces_soins.models import BilanSemestriel
    from acces_soins.services.bilans import bilan_notify

    # Not saved: the e-mail reads only these fields.
    bilan = BilanSemestriel(
        requested_by=siege_agent,
        semestre="2026-S1",
        perimetre_type="departement",
        perimetre_code="37",
        perimetre_libelle="Indre-et-Loire (37)",
        page_count=3,
    )
    with django_capture_on_commit_callbacks(execute=True):
        bilan_notify(bilan=bilan)
    body = mailoutbox[-1].body
    assert f"http://testserver{reverse('acces_soins:bilan_detail', args=[bilan.public_id])}" in body
    assert "Prochaine étape : aucune action n'est attendue de votre part" in body


@pytest.mark.parametrize(
    ("url", "hosts", "ids"),
    [
        ("", ["portail.fr"], ["config.E001"]),
        ("http://portail.fr", ["portail.fr"], ["config.E001"]),
        ("https://autre.fr", ["portail.fr"], ["config.W001"]),
        ("https://portail.fr", ["portail.fr"], []),
        ("https://portail.fr/", [".portail.fr"], []),
    ],
)
def test_check_deploy_requires_an_absolute_https_site_url(settings, url, hosts, ids):
    settings.SITE_URL = url
    settings.ALLOWED_HOSTS = hosts
    assert [message.id for message in check_site_url()] == ids
