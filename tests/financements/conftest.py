import pytest

from tests.financements.factories import make_beneficiaire, make_enveloppe


@pytest.fixture
def enveloppe(territory, siege_agent):
    return make_enveloppe(by=siege_agent)


@pytest.fixture
def beneficiaire37(territory):
    return make_beneficiaire(territory["dep37"])


@pytest.fixture
def beneficiaire45(territory):
    return make_beneficiaire(territory["dep45"], libelle="CPTS Orléans Nord", programme="cpts")
