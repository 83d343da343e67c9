"""Real broker + real worker: the daily reminder task sends each reminder once."""

import datetime

import pytest

from cpts.models import RappelMission
from cpts.tasks import send_mission_reminders
from tests.celery_worker import celery_worker  # noqa: F401 - fixture

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_reminder_task_runs_on_the_worker_once(celery_worker, territory, cpts_org, siege_agent, mailoutbox):  # noqa: F811
    from tests.cpts.factories import signed_cpts

    signed_cpts(porteur=cpts_org, departement=territory["dep37"], by=siege_agent, date_aci=datetime.date(2023, 1, 10))
    first = send_mission_reminders.delay("2023-06-10")
    second = send_mission_reminders.delay("2023-06-10")
    assert sorted([first.get(timeout=60), second.get(timeout=60)]) == [0, 2]
    assert RappelMission.objects.count() == 2
    assert len(mailoutbox) == 2
