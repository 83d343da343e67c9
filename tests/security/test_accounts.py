"""Accounts: login throttling per account and per IP, session rotation, ANSSI password rules, optional TOTP
for staff, the admin's login through the portal's, and the audit log (written and read by the siège)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from comptes.enums import TypeEvenement
from comptes.models import EvenementAudit
from tests.comptes.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/comptes/connexion/"


def _login(client, email, password=PASSWORD, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


# --- Throttling (django-axes) --------------------------------------------------------------------------


def test_five_failures_on_one_account_lock_it_from_every_address(client, porteur_manager):
    statuses = [
        _login(client, porteur_manager.email, "faux", ip=f"10.0.1.{attempt}").status_code for attempt in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    response = _login(client, porteur_manager.email, ip="10.0.9.9")  # right password, another address
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert EvenementAudit.objects.filter(type=TypeEvenement.BLOCAGE, email=porteur_manager.email).exists()


def test_five_failures_from_one_address_lock_it_for_every_account(client, porteur_manager):
    for attempt in range(5):
        _login(client, f"inconnu{attempt}@example.fr", "faux", ip="10.0.2.1")
    response = _login(client, porteur_manager.email, ip="10.0.2.1")
    assert response.status_code == 429
    assert "bloquée pendant 15 minutes" in response.content.decode()
    assert _login(client, porteur_manager.email, ip="10.0.2.2").status_code == 302  # another address


def test_four_failures_do_not_lock(client, porteur_manager):
    for _ in range(4):
        _login(client, porteur_manager.email, "faux")
    assert _login(client, porteur_manager.email).status_code == 302


# --- Session and passwords ------------------------------------------------------------------------------


def test_the_session_key_changes_at_login(client, porteur_manager):
    session = client.session
    session["avant"] = "connexion"
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    assert _login(client, porteur_manager.email).status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=before).exists()
    assert client.session["_auth_user_id"] == str(porteur_manager.pk)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Court-2026", "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."),
        ("qwerty123456", "Ce mot de passe est trop courant."),
        ("123456789012345", "Ce mot de passe est entièrement numérique."),
    ],
)
def test_passwords_follow_the_anssi_rules_with_french_messages(password, message):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert message in error.value.messages


def test_a_long_uncommon_password_is_accepted():
    validate_password("Quatre-mots-au-hasard-2026")


# --- Optional TOTP for staff ------------------------------------------------------------------------------


def _code(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def test_staff_enrol_then_every_login_asks_the_code(client, dd_agent):
    client.force_login(dd_agent)
    page = client.get(reverse("comptes:otp_enrol"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=dd_agent, confirmed=False)
    assert client.post(reverse("comptes:otp_enrol"), {"code": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    client.post(reverse("comptes:logout"))

    response = _login(client, dd_agent.email)
    assert response["Location"] == reverse("comptes:otp_verify")
    assert "_auth_user_id" not in client.session  # the password alone opens nothing
    assert client.get(reverse("comptes:account")).status_code == 302
    wrong = client.post(reverse("comptes:otp_verify"), {"code": "000000"})
    assert "Ce code n&#x27;est pas valable" in wrong.content.decode()
    # django-otp refuses any code for a while after a failure (1 s, doubling): wait it out
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    response = client.post(reverse("comptes:otp_verify"), {"code": _code(device, drift=1)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(dd_agent.pk)
    assert client.get(reverse("comptes:account")).status_code == 200


def test_five_wrong_codes_send_back_to_the_password(client, dd_agent):
    TOTPDevice.objects.create(user=dd_agent, name="app", confirmed=True)
    _login(client, dd_agent.email)
    for _ in range(5):
        response = client.post(reverse("comptes:otp_verify"), {"code": "000000"})
    assert response["Location"] == reverse("comptes:login")
    assert client.get(reverse("comptes:otp_verify"))["Location"] == reverse("comptes:login")


def test_without_a_device_the_login_is_unchanged(client, dd_agent):
    assert _login(client, dd_agent.email)["Location"] == reverse("home")


def test_totp_enrolment_is_for_staff_only(client, porteur_manager):
    client.force_login(porteur_manager)
    assert client.get(reverse("comptes:otp_enrol")).status_code == 404


def test_staff_may_switch_totp_off(client, dd_agent):
    TOTPDevice.objects.create(user=dd_agent, name="app", confirmed=True)
    client.force_login(dd_agent)
    assert client.post(reverse("comptes:otp_enrol"), {"action": "retirer"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=dd_agent).exists()


def test_the_admin_login_goes_through_the_portal_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('comptes:login')}?next=/admin/"


# --- Audit log --------------------------------------------------------------------------------------------


def test_logins_and_failures_are_logged(client, porteur_manager):
    _login(client, porteur_manager.email, "faux", ip="10.0.3.1")
    _login(client, porteur_manager.email, ip="10.0.3.1")
    failure, success = EvenementAudit.objects.order_by("pk")
    assert (failure.type, failure.email, failure.ip, failure.user) == (
        TypeEvenement.ECHEC,
        porteur_manager.email,
        "10.0.3.1",
        None,
    )
    assert (success.type, success.user) == (TypeEvenement.CONNEXION, porteur_manager)


def test_an_export_is_logged(client, siege_agent):
    client.force_login(siege_agent)
    response = client.get(reverse("cpts:index"), {"export": "csv"})
    assert response.status_code == 200
    event = EvenementAudit.objects.get(type=TypeEvenement.EXPORT)
    assert event.user == siege_agent
    assert event.detail.endswith(".csv")
    assert event.chemin == "/cpts/?export=csv"


def test_a_document_download_is_logged(client, settings, tmp_path):
    from tests.security.world import build_world

    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    client.force_login(world.users["dd37"])
    response = client.get(reverse("instruction:piece", args=[world["piece_cls"].public_id]))
    b"".join(response.streaming_content)
    event = EvenementAudit.objects.get(type=TypeEvenement.TELECHARGEMENT)
    assert (event.user, event.detail) == (world.users["dd37"], world["piece_cls"].original_name)
    annexe = client.get(reverse("zonage:document_download", args=[world["document_prive"].public_id]))
    assert annexe.status_code == 200  # dd37 is an ARS agent of the arrêté's région
    b"".join(annexe.streaming_content)
    assert EvenementAudit.objects.filter(type=TypeEvenement.TELECHARGEMENT).count() == 2


def test_the_siege_reads_the_journal_filtered_and_paginated(client, siege_agent, django_assert_num_queries):
    for index in range(60):
        EvenementAudit.objects.create(type=TypeEvenement.ECHEC, email=f"personne{index}@example.fr")
    EvenementAudit.objects.create(type=TypeEvenement.EXPORT, email="siege@test.ars.fr", detail="cpts.csv")
    client.force_login(siege_agent)
    client.get(reverse("comptes:journal"))  # warm the session
    # session, user, the scope (its memberships bring the région's identity for the header), savepoint, count, page,
    # release
    with django_assert_num_queries(7):
        page = client.get(reverse("comptes:journal"))
    assert page.status_code == 200
    assert len(page.context["page_obj"]) == 50
    assert "62 événements" in page.content.decode()  # 60 failures, the export and the siège's own login
    filtered = client.get(reverse("comptes:journal"), {"type": TypeEvenement.EXPORT})
    assert [e.detail for e in filtered.context["page_obj"]] == ["cpts.csv"]
    assert client.get(reverse("comptes:journal"), {"page": 2}).context["page_obj"].number == 2


@pytest.mark.parametrize("persona", ["dd_agent", "expert", "porteur_manager", "partner_agent", "outsider"])
def test_the_journal_is_hidden_from_everyone_else(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("comptes:journal")).status_code == 404


def test_the_journal_needs_a_login(client, db):
    assert client.get(reverse("comptes:journal"))["Location"].startswith(LOGIN)
