from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indicateurs.enums import Mode, Priorite, Provenance
from indicateurs.models import Baseline, Indicateur, Valeur
from indicateurs.services import valeur_enregistrer
from tests.indicateurs.factories import IndicateurFactory, PerimetreFactory, ValeurFactory

pytestmark = pytest.mark.django_db


def test_seed_catalogue_covers_the_four_priorities_with_2017_baselines():
    indicateurs = Indicateur.objects.all()
    assert 15 <= indicateurs.count() <= 40  # 25 seeded, + 10 computed from the registers (migration 0008)
    assert {indicateur.priorite for indicateur in indicateurs} == set(Priorite.values)
    baselines = {b.indicateur.code: b for b in Baseline.objects.select_related("indicateur", "perimetre")}
    assert baselines["P1_POP_ZIP"].valeur == Decimal("39.8")
    assert baselines["P1_MAITRES_STAGE"].valeur == 393
    assert baselines["P1_PROTOCOLES_COOPERATION"].valeur == 13
    assert baselines["P2_SITES_TELEMEDECINE"].valeur == 94
    assert baselines["P3_MSP"].valeur == 65
    assert baselines["P3_CENTRES_SANTE"].valeur == 53
    assert "P3_CPTS_ACI" not in baselines  # the CPTS agreement (ACI) dates from 2019
    assert baselines["P4_CLS"].valeur == 17
    assert all(b.document.code == "cvl-plan-acces-soins-2017" and b.perimetre.code == "24" for b in baselines.values())
    assert all(str(b.document).endswith("(décembre 2017)") for b in baselines.values())
    assert "P1_CESP" not in baselines  # the source gives no regional figure
    assert indicateurs.filter(mode=Mode.CALCULE).count() >= 10


def test_value_unique_per_indicator_perimeter_period(territory):
    valeur = ValeurFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ValeurFactory(indicateur=valeur.indicateur, perimetre=valeur.perimetre, periode=valeur.periode)


def test_secret_value_is_stored_as_secret_not_zero(territory):
    indicateur, perimetre = IndicateurFactory(), PerimetreFactory()
    valeur = valeur_enregistrer(
        indicateur=indicateur, perimetre=perimetre, periode="2026-S1", valeur=Decimal(3), secret=True
    )
    assert valeur.secret
    assert valeur.valeur is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Valeur.objects.filter(pk=valeur.pk).update(secret=False)


def test_value_history_and_replacement(territory, siege_agent):
    indicateur, perimetre = IndicateurFactory(), PerimetreFactory()
    valeur_enregistrer(indicateur=indicateur, perimetre=perimetre, periode="2026-S1", valeur=Decimal(1))
    valeur = valeur_enregistrer(
        indicateur=indicateur, perimetre=perimetre, periode="2026-S1", valeur=Decimal(2), saisi_par=siege_agent
    )
    assert Valeur.objects.count() == 1
    assert [h.valeur for h in valeur.history.order_by("history_date")] == [Decimal(1), Decimal(2)]
    assert valeur.provenance == Provenance.SAISIE
    assert valeur.saisi_par == siege_agent


def test_invalid_period_rejected(territory):
    with pytest.raises(ValidationError):
        valeur_enregistrer(indicateur=IndicateurFactory(), perimetre=PerimetreFactory(), periode="2026-S3", valeur=1)


@pytest.mark.parametrize("niveaux", [[], ["commune"], "region"])
def test_indicator_levels_are_checked(niveaux):
    indicateur = Indicateur.objects.get(code="P4_CLS")
    indicateur.niveaux = niveaux
    with pytest.raises(ValidationError, match="Niveaux attendus"):
        indicateur.full_clean()


def test_seeded_catalogue_is_valid():
    for indicateur in Indicateur.objects.all():
        indicateur.full_clean()


def test_indicateurs_does_not_import_the_apps_it_reads():
    import subprocess
    import sys

    code = (
        "import django, os, sys; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.test'; django.setup();"
        "before = set(sys.modules);"  # apps' ready() may load their own modules: only what follows counts
        "import indicateurs.calculs, indicateurs.views.tableau, indicateurs.api.views, indicateurs.services;"
        "print(sorted(m for m in set(sys.modules) - before"
        " if m.split('.')[0] in {'cls', 'zonage', 'cpts', 'instruction'}"
        " and m.count('.') and not m.endswith(('.apps', '.migrations', '.models', '.enums', '.admin'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
