import importlib

import pytest
from django.apps import apps


def ensure_catalogue() -> None:
    """The seeded catalogue, re-created when a transactional test (or --reuse-db after one) flushed the
    data migrations' rows: the first seed (0002), then its corrections (0006) and the indicators computed from
    the registers (0008)."""
    module = importlib.import_module("indicateurs.migrations.0002_seed_catalogue")
    Indicateur = apps.get_model("indicateurs", "Indicateur")
    if Indicateur.objects.filter(code__in=[row[0] for row in module.CATALOGUE]).count() < len(module.CATALOGUE):
        module.seed(apps, None)
        importlib.import_module("indicateurs.migrations.0006_catalogue_fidelite").apply(apps, None)
        importlib.import_module("indicateurs.migrations.0008_indicateurs_registres").apply(apps, None)


@pytest.fixture(autouse=True)
def catalogue(db):
    ensure_catalogue()
