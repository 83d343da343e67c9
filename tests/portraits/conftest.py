import datetime

import pytest

from cls.enums import Etape
from cls.models import ContratLocalSante, FicheAction
from cpts.enums import StatutMsp
from tests.cpts.factories import make_msp, signed_cpts
from tests.zonage.conftest import ensure_reference_data, two_versions, zonage_territory  # noqa: F401


@pytest.fixture(autouse=True)
def zonage_reference_data(db):
    ensure_reference_data()


@pytest.fixture
def portrait_data(two_versions, zonage_territory, collectivite, siege_agent):  # noqa: F811
    """Zonage v1/v2 (TVS A: Loches; TVS B: Chinon and Orléans), a signed CLS on Loches, a signed CPTS on Loches
    and Chinon, a second CPTS (in project) on Chinon, an MSP in operation in Loches."""
    t = zonage_territory
    contrat = ContratLocalSante.objects.create(
        nom="CLS du Lochois",
        porteur=collectivite,
        departement=t["dep37"],
        etape=Etape.MISE_EN_OEUVRE,
        date_signature=datetime.date(2025, 1, 1),
        duree_annees=5,
        date_fin=datetime.date(2029, 12, 31),
    )
    contrat.perimetre.add(t["loches"])
    FicheAction.objects.create(contrat=contrat, numero="1", intitule="Action 1")
    signed_cpts(
        porteur=collectivite, departement=t["dep37"], by=siege_agent, communes=[t["loches"], t["chinon"]],
        nom="CPTS Sud Touraine",
    )  # fmt: skip
    from tests.cpts.factories import make_cpts

    make_cpts(porteur=collectivite, departement=t["dep37"], by=siege_agent, communes=[t["chinon"]], nom="CPTS Chinon")
    make_msp(departement=t["dep37"], commune=t["loches"], nom="MSP de Loches", statut=StatutMsp.EN_FONCTIONNEMENT)
    return {**t, "contrat": contrat}
