"""A real Celery worker (in-process thread, solo pool) on the real Redis broker started by `make test`."""

import os

import pytest

from tests.conftest import skip_or_fail


@pytest.fixture
def celery_worker(transactional_db, settings):
    """Run tasks for real: serialised to Redis, consumed by a worker thread, results in the database."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        skip_or_fail("CELERY_BROKER_URL does not point to Redis")
    import redis
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    try:
        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis is not reachable at {broker}")

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = previous
