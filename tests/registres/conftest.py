import datetime

import pytest

from comptes.enums import Role
from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.registres.factories import EFFET_V2
from tests.territoires.factories import TvsFactory
from tests.zonage.factories import ArreteFactory, classer


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


@pytest.fixture
def arretes(tvs):
    """v1 (in force 2022-01-01 → 2024-12-31): Loches ZAC; v2 (in force from 2025-01-01): Loches ZIP."""
    v1 = ArreteFactory(reference="ARS-TEST-V1", publie=True)
    v1.date_signature, v1.date_effet, v1.date_fin, v1.statut = (
        datetime.date(2021, 12, 1),
        datetime.date(2022, 1, 1),
        datetime.date(2024, 12, 31),
        "remplace",
    )
    v1.save()
    classer(v1, tvs["loches"], "ZAC")
    v2 = ArreteFactory(reference="ARS-TEST-V2", publie=True)
    v2.date_signature, v2.date_effet = datetime.date(2024, 12, 1), EFFET_V2
    v2.save()
    classer(v2, tvs["loches"], "ZIP")
    return v1, v2
