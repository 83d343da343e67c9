"""The indicative deadlines come from the register: national by default, the région's or the kind's own wins."""

import datetime

import pytest
from django.utils import timezone

from instruction.enums import EtapeDelai
from instruction.services.echeances import echeance
from referentiel.models import Parametre, Source
from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(collectivite, porteur_manager, territory):
    return complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier


def _row(cle, valeur, region_code=""):
    Parametre.objects.create(
        domaine="instruction",
        code="delai",
        cle=cle,
        libelle="test",
        valeur=valeur,
        unite="jours",
        region_code=region_code,
        valide_du=datetime.date(2025, 1, 1),
        source=Source.objects.get(code="lecture-equipe" if not region_code else "cvl-plan-acces-soins-2017"),
    )


def test_national_delay_is_indicative(dossier):
    start = timezone.now()
    avant, indicatif = echeance(EtapeDelai.DECISION, dossier, start)
    assert avant == timezone.localdate(start) + datetime.timedelta(days=60)
    assert indicatif


def test_region_then_kind_win_over_the_national_delay(dossier):
    start = timezone.now()
    _row("decision", 45, region_code="24")
    assert echeance(EtapeDelai.DECISION, dossier, start)[0] == timezone.localdate(start) + datetime.timedelta(days=45)
    _row(f"decision:{dossier.kind}", 50)
    assert echeance(EtapeDelai.DECISION, dossier, start)[0] == timezone.localdate(start) + datetime.timedelta(days=50)


def test_no_delay_no_date(dossier):
    Parametre.objects.filter(domaine="instruction").delete()
    assert echeance(EtapeDelai.AVIS, dossier, timezone.now()) == (None, False)
