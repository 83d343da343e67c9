import pytest

from comptes.enums import Role
from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.territoires.factories import TvsFactory


@pytest.fixture
def tvs(territory):
    """Loches and Chinon each in their own TVS (of the current assignment), Orléans in a third one."""
    found = {}
    for key in ("loches", "chinon", "orleans"):
        found[key] = TvsFactory(nom=f"TVS de {territory[key].nom}")
        territory[key].tvs = found[key]
        territory[key].save()
    return found


@pytest.fixture
def dd_reader(territory):
    """A member of the délégation of 37 with the « lecture » role: reads, never writes."""
    organisation = OrganisationFactory(type="delegation", nom="Délégation Indre-et-Loire")
    organisation.departements.set([territory["dep37"]])
    user = UserFactory(email="lecture37@test.ars.fr")
    MembershipFactory(user=user, organisation=organisation, role=Role.LECTURE)
    return user


@pytest.fixture(autouse=True)
def reference_data(db):
    """The zonage catalogue (professions, zones, aids) and the indicators, re-created after a transactional test
    flushed the rows of the data migrations."""
    from tests.indicateurs.conftest import ensure_catalogue
    from tests.zonage.conftest import ensure_reference_data

    ensure_reference_data()
    ensure_catalogue()
