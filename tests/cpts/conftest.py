import pytest


def ensure_reference_data():
    """Migrations seed the catalogues (missions, MSP criteria, pre-ACI contracts); a transactional test's flush
    (a browser test) removes them, so put them back when missing. The register's values come back by itself
    (`referentiel` reloads them on `post_migrate`, which a flush emits)."""
    from django.apps import apps

    from cpts.models import CritereAciMsp, Mission
    from cpts.seed import seed

    if not (Mission.objects.exists() and CritereAciMsp.objects.exists()):
        seed(apps)


@pytest.fixture(autouse=True)
def cpts_reference_data(db):
    ensure_reference_data()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cpts_org(cpts_porteur):
    return cpts_porteur.memberships.get().organisation


@pytest.fixture
def other_cpts_porteur(territory):
    """Another porteur of the same département (must see none of cpts_porteur's structures)."""
    from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory

    organisation = OrganisationFactory(porteur=True, nom="Autre CPTS", departements=[territory["dep37"]])
    user = UserFactory(email="autre-cpts@test.fr")
    MembershipFactory(user=user, organisation=organisation, role="gestionnaire")
    return user


@pytest.fixture
def signed(territory, cpts_org, siege_agent):
    from tests.cpts.factories import signed_cpts

    return signed_cpts(porteur=cpts_org, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]])


@pytest.fixture
def msp(territory, cpts_org):
    from tests.cpts.factories import make_msp

    return make_msp(departement=territory["dep37"], commune=territory["loches"], porteur=cpts_org, sisa=True)


@pytest.fixture
def validated(territory, cpts_org, siege_agent):
    from tests.cpts.factories import validated_cpts

    return validated_cpts(
        porteur=cpts_org, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]]
    )


@pytest.fixture
def cpts_reader(cpts_org):
    """A « lecture » member of the CPTS porteur organisation."""
    from tests.comptes.factories import MembershipFactory, UserFactory

    user = UserFactory(email="lecteur-cpts@test.fr")
    MembershipFactory(user=user, organisation=cpts_org, role="lecture")
    return user
