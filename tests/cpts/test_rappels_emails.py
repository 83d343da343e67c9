"""The mission reminder e-mails: absolute link, who acts next and by when (issue 15 §4)."""

import datetime

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_mission_reminders_link_and_next_step(signed, mailoutbox):
    from cpts.services.rappels import rappels_envoyer

    rappels_envoyer(on=datetime.date(2023, 6, 10))
    email = mailoutbox[0]
    assert f"http://testserver{reverse('cpts:detail', args=[signed.public_id])}" in email.body
    assert "Prochaine étape : " in email.body
    assert "démarre la mission au plus tard le 10 juillet 2023" in " ".join(email.body.split())
