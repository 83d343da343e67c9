"""The demo zonage is fictitious: its shares are clearly unlike the real 2017 figures (14,2 % → 39,8 %; 71,3 %)."""

import pytest
from django.core.management import CommandError, call_command

from referentiel.models import Parametre
from tests.territoires.factories import CommuneFactory, TvsFactory
from zonage.demo import MEDECIN_VERSIONS, PROJET_REFERENCE, load_demo_zonage
from zonage.models import ArreteZonage
from zonage.services import zone_shares

pytestmark = pytest.mark.django_db


def test_demo_refused_outside_demo(settings):
    settings.IS_DEMO = False
    with pytest.raises(CommandError, match="IS_DEMO"):
        call_command("demo_zonage")


def test_demo_shares_never_reproduce_a_real_figure(settings, territory):
    settings.IS_DEMO = True
    for index in range(60):  # 60 TVS of equal population: shares follow the targets closely
        tvs = TvsFactory(code=f"D{index:03d}")
        CommuneFactory(code_insee=f"37{index + 300:03d}", departement=territory["dep37"], tvs=tvs, population=1_000)
    load_demo_zonage()
    load_demo_zonage()  # idempotent
    real = {float(row.valeur) for row in Parametre.objects.filter(domaine="zonage", code__startswith="part_population")}
    assert {14.2, 39.8, 71.3} <= real
    for reference, *_ in MEDECIN_VERSIONS:
        shares = zone_shares(ArreteZonage.objects.get(reference=reference))
        for figure in (shares.zip.share * 100, shares.zip_zac.share * 100):
            assert all(abs(figure - value) > 3 for value in real), (reference, figure)
    projet = zone_shares(ArreteZonage.objects.get(reference=PROJET_REFERENCE))
    for figure in (projet.zip.share * 100, projet.zip_zac.share * 100):
        assert all(abs(figure - value) > 3 for value in real), (PROJET_REFERENCE, figure)
    assert ArreteZonage.objects.filter(reference__contains="(fictif)").count() == 4
