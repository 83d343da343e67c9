"""The real broker path: a task serialised to Redis, run by a worker, its result stored in the database."""

import pytest
from django.core import mail
from django_celery_results.models import TaskResult

from comptes.tasks import send_email
from tests.celery_worker import celery_worker  # noqa: F401 - fixture

pytestmark = pytest.mark.worker


def test_email_task_runs_on_a_real_worker(celery_worker):  # noqa: F811
    result = send_email.delay(subject="Essai", body="Corps du message", to=["dd37@test.ars.fr"])

    assert result.get(timeout=30) == 1
    assert [message.subject for message in mail.outbox] == ["Essai"]
    stored = TaskResult.objects.get(task_id=result.id)
    assert stored.status == "SUCCESS"
    assert stored.task_name == "comptes.tasks.send_email"
