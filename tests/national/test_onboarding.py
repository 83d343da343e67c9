"""`manage.py ouvrir_region`: organisations, identity, reference data, first gestionnaire and its invitation."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from comptes.enums import OrganisationType, Role
from comptes.models import IdentiteRegionale, Membership, Organisation, User
from referentiel.models import Parametre

pytestmark = pytest.mark.django_db


def _state():
    return (
        sorted(Organisation.objects.values_list("type", "nom")),
        IdentiteRegionale.objects.count(),
        Parametre.objects.filter(region_code="53").count(),
        User.objects.count(),
        Membership.objects.count(),
    )


def test_opening_a_region_creates_its_organisations_identity_reference_data_and_gestionnaire(
    bretagne, django_capture_on_commit_callbacks
):
    before = Parametre.objects.filter(region_code="53").count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ouvrir_region", "53", "--gestionnaire", "Premiere.Gestionnaire@bretagne.test")

    siege = Organisation.objects.get(type=OrganisationType.ARS_SIEGE, region=bretagne["region"])
    assert siege.nom == "ARS Bretagne — siège"
    delegations = Organisation.objects.filter(type=OrganisationType.DELEGATION, departements__region=bretagne["region"])
    assert sorted(delegations.values_list("departements__code", flat=True)) == ["29", "35"]
    assert "délégation départementale du Finistère" in delegations.get(departements__code="29").nom

    identite = IdentiteRegionale.objects.get(region=bretagne["region"])
    assert identite.nom == "Agence régionale de santé Bretagne"
    assert identite.a_confirmer

    copied = Parametre.objects.filter(region_code="53").exclude(adopte_de=None)
    assert copied.count() == Parametre.objects.filter(region_code="53").count() - before > 0
    for row in copied.select_related("adopte_de"):
        assert row.a_confirmer
        assert row.adopte_de.region_code == "24"
        assert not Parametre.objects.filter(domaine=row.domaine, code=row.code, cle=row.cle, region_code="").exists()

    gestionnaire = User.objects.get(email="premiere.gestionnaire@bretagne.test")
    assert not gestionnaire.has_usable_password()
    assert Membership.objects.get(user=gestionnaire).organisation == siege
    assert Membership.objects.get(user=gestionnaire).role == Role.GESTIONNAIRE

    (message,) = mail.outbox
    assert message.to == ["premiere.gestionnaire@bretagne.test"]
    assert "Agence régionale de santé Bretagne" in message.subject
    assert "/comptes/mot-de-passe/nouveau/" in message.body


def test_opening_twice_changes_nothing_and_sends_no_second_invitation(bretagne, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ouvrir_region", "53", "--gestionnaire", "gestion@bretagne.test")
    state = _state()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ouvrir_region", "53", "--gestionnaire", "gestion@bretagne.test")
    assert _state() == state
    assert len(mail.outbox) == 1


def test_the_invitation_leaves_from_the_regions_sender_and_the_link_sets_a_password(
    client, bretagne, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ouvrir_region", "53", "--sans-invitation")
    assert not mail.outbox
    identite = IdentiteRegionale.objects.get(region__code="53")
    identite.email_expediteur = "portail@bretagne.test"
    identite.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ouvrir_region", "53", "--gestionnaire", "seconde@bretagne.test")
    (message,) = mail.outbox
    assert message.from_email == "ARS Bretagne — Santé Territoires <portail@bretagne.test>"
    link = next(line for line in message.body.splitlines() if "/comptes/mot-de-passe/nouveau/" in line)
    path = link[link.index("/comptes/") :].strip()
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"new_password1": "Un-mot-de-passe-solide-2026", "new_password2": "Un-mot-de-passe-solide-2026"}
    )
    assert response.status_code == 302
    assert User.objects.get(email="seconde@bretagne.test").check_password("Un-mot-de-passe-solide-2026")


def test_an_existing_siege_and_delegations_are_kept(siege_agent, dd_agent, dd45_agent):
    before = Organisation.objects.count()
    call_command("ouvrir_region", "24")
    assert Organisation.objects.filter(type=OrganisationType.ARS_SIEGE).count() == 1
    assert Organisation.objects.count() == before  # the fixture's région has délégations for its two départements
    assert Parametre.objects.filter(region_code="24", note__startswith="Reprise").count() == 0


def test_a_region_without_geography_is_refused(db):
    with pytest.raises(CommandError, match="importez d'abord"):
        call_command("ouvrir_region", "53")
