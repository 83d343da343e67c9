"""The sustained load of bench/sustained_load.py at a small size, in `make test` (issue 17 §5): gunicorn
(2 workers), the test PostgreSQL, a Redis of its own and a Celery worker; nothing lost, nothing duplicated,
no error. The full size (50 users × 3 minutes) is run by hand: see the script's docstring."""

import os
import sys

import pytest

from tests.reliability.services import RedisServer, broker, process_env, require_postgresql

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

USERS = int(os.environ.get("LOAD_USERS", "10"))
DURATION = float(os.environ.get("LOAD_DURATION", "60"))


def test_sustained_load_loses_and_duplicates_nothing(tmp_path, settings):
    sys.path.insert(0, str(settings.BASE_DIR))
    from bench.sustained_load import report, run, seed_world

    require_postgresql()
    settings.MEDIA_ROOT = tmp_path
    world = seed_world(collectivites=USERS, agents=USERS)
    with RedisServer() as redis, broker(redis.url):
        env = process_env(broker_url=redis.url, media=tmp_path, mails=tmp_path, DATABASE_CONN_MAX_AGE=60)
        record, counts, elapsed = run(world=world, users=USERS, duration=DURATION, env=env, folder=tmp_path)
    print(report(record, counts, elapsed))
    assert record.errors == []
    assert counts["created_seen"] > 0
    assert counts["filed_seen"] > 0
    assert (counts["lost"], counts["duplicated"], counts["filed_lost"]) == (0, 0, 0)
    assert counts["created_stored"] == counts["created_seen"]
    assert counts["filed_stored"] == counts["filed_seen"]
    assert counts["receipts"] == counts["filings"] == counts["filed_stored"]  # one receipt, one filing each
    assert counts["duplicate_references"] == 0
    assert counts["notifications_waiting"] == 0
