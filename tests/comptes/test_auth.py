import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.comptes.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_email_is_case_insensitive(client, porteur_manager):
    response = client.post(
        reverse("comptes:login"), {"username": "Collectivite@Test.FR", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_shows_a_french_error_and_keeps_the_email(client, porteur_manager):
    response = client.post(reverse("comptes:login"), {"username": "collectivite@test.fr", "password": "faux"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in content
    assert 'value="collectivite@test.fr"' in content


def test_repeated_failures_lock_the_account_for_this_address(client, porteur_manager, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("comptes:login"), {"username": "collectivite@test.fr", "password": "faux"})
    response = client.post(reverse("comptes:login"), {"username": "collectivite@test.fr", "password": PASSWORD})
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(client, porteur_manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("comptes:password_reset"), {"email": "collectivite@test.fr"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["collectivite@test.fr"]
    assert "nouveau mot de passe" in message.subject
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Un-nouveau-mot-2026", "new_password2": "Un-nouveau-mot-2026"})
    assert response.status_code == 302
    porteur_manager.refresh_from_db()
    assert porteur_manager.check_password("Un-nouveau-mot-2026")


def test_password_reset_for_unknown_address_reveals_nothing(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("comptes:password_reset"), {"email": "inconnu@example.fr"})
    assert response.status_code == 302
    assert mail.outbox == []
