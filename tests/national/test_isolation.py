"""The second région sees nothing of the first: a Bretagne siège account on the main lists of every programme."""

import datetime

import pytest
from django.urls import reverse

from comptes.enums import OrganisationType
from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.cpts.factories import make_msp, signed_cpts
from tests.financements.factories import make_beneficiaire, make_engagement, make_enveloppe

pytestmark = pytest.mark.django_db

MARK = "VISIBLE-CVL"
LISTS = [
    "cls:contrat_list",
    "cls:instruction_list",
    "cls:fiche_list",
    "cpts:index",
    "cpts:msp_list",
    "financements:enveloppe_list",
    "financements:engagement_list",
    "zonage:arrete_list",
]


@pytest.fixture
def cvl_programmes(siege_agent, cpts_porteur, territory):
    from cls.models import ContratLocalSante

    organisation = cpts_porteur.memberships.get().organisation
    signed_cpts(porteur=organisation, departement=territory["dep37"], by=siege_agent, nom=f"CPTS {MARK}")
    make_msp(departement=territory["dep37"], commune=territory["loches"], nom=f"MSP {MARK}", statut="en_fonctionnement")
    collectivite = OrganisationFactory(type=OrganisationType.COLLECTIVITE, nom=f"Collectivité {MARK}")
    ContratLocalSante.objects.create(
        nom=f"CLS {MARK}",
        porteur=collectivite,
        departement=territory["dep37"],
        population=6_300,
        etape="signe",
        date_signature=datetime.date(2025, 1, 15),
        duree_annees=5,
        date_fin=datetime.date(2030, 1, 14),
    )
    enveloppe = make_enveloppe(by=siege_agent, libelle=f"Enveloppe {MARK}")
    make_engagement(enveloppe, make_beneficiaire(territory["dep37"], libelle=f"Bénéficiaire {MARK}"), by=siege_agent)


@pytest.fixture
def siege_bretagne(bretagne):
    user = UserFactory(email="siege-bretagne@test.ars.fr")
    siege = OrganisationFactory(type=OrganisationType.ARS_SIEGE, nom="ARS Bretagne — siège", region=bretagne["region"])
    MembershipFactory(user=user, organisation=siege)
    return user


@pytest.mark.parametrize("name", LISTS)
def test_the_bretagne_siege_sees_nothing_of_centre_val_de_loire(
    client, siege_agent, siege_bretagne, cvl_programmes, name
):
    client.force_login(siege_agent)
    response = client.get(reverse(name))
    assert response.status_code == 200
    if name not in ("cls:instruction_list", "cls:fiche_list", "zonage:arrete_list"):  # none filed in the fixture
        assert MARK in response.content.decode(), "the reference région's siège sees its own objects"
    client.force_login(siege_bretagne)
    response = client.get(reverse(name))
    assert response.status_code in (200, 403, 404)
    assert MARK not in response.content.decode()
