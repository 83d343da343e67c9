"""The Celery application: settings under the CELERY_ namespace, tasks autodiscovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("sante_territoires")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def send_after_commit(task, *args, **kwargs) -> None:
    """Queue `task` once the current transaction commits, without ever failing the request that recorded it.

    If the broker is down, the error is logged and the task is not sent: what it works on is a database row
    (a notification of the outbox, a bilan, a recomputation) that a periodic sweep picks up once the broker
    is back. Unlike `delay_on_commit`, a dead Redis never turns a committed filing into an error page."""
    import logging

    from django.db import transaction
    from kombu.exceptions import KombuError
    from redis.exceptions import RedisError

    def send():
        if app.conf.task_always_eager:  # demo and quick tests: no broker, the task's own errors propagate
            task.apply_async(args=args, kwargs=kwargs)
            return
        try:
            task.apply_async(args=args, kwargs=kwargs)
        except (KombuError, RedisError, OSError):
            logging.getLogger(__name__).warning("Broker unreachable: %s%s left for the sweep", task.name, args)

    transaction.on_commit(send)
