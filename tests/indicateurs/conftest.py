import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def catalogue(db):
    """The seeded catalogue, re-created when a transactional test (or --reuse-db after one) flushed the
    data migration's rows. Idempotent."""
    seed = importlib.import_module("indicateurs.migrations.0002_seed_catalogue").seed
    seed(apps, None)
