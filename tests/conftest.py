"""Strict, shared test setup: personas, undefined template variables fail, services required in CI."""

import os

import pytest

from comptes.enums import OrganisationType, Role
from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory, delegation
from tests.territoires.factories import CommuneFactory, DepartementFactory, EpciFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "true"


def skip_or_fail(reason: str):
    """Skip locally when a service is missing, but fail under `make test` (REQUIRE_SERVICES)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"Service required by `make test` is missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttling counters (API, login) live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()


# --- Territory and personas ------------------------------------------------------------------


@pytest.fixture
def territory(db):
    """Two départements of the reference region, each with an EPCI and communes."""
    dep37 = DepartementFactory(code="37", nom="Indre-et-Loire")
    dep45 = DepartementFactory(code="45", nom="Loiret")
    epci37 = EpciFactory(siren="200071587", nom="CC Loches Sud Touraine", population=51_000)
    epci37b = EpciFactory(siren="200043081", nom="CC Chinon, Vienne et Loire", population=24_000)
    epci45 = EpciFactory(siren="244500468", nom="Orléans Métropole", population=290_000)
    communes = {
        "loches": CommuneFactory(code_insee="37132", nom="Loches", departement=dep37, epci=epci37, population=6_300),
        "chinon": CommuneFactory(code_insee="37072", nom="Chinon", departement=dep37, epci=epci37b, population=7_900),
        "orleans": CommuneFactory(
            code_insee="45234", nom="Orléans", departement=dep45, epci=epci45, population=116_000
        ),
    }
    return {"dep37": dep37, "dep45": dep45, "epci37": epci37, "epci37b": epci37b, "epci45": epci45, **communes}


def _member(email: str, organisation, role: str = Role.GESTIONNAIRE):
    user = UserFactory(email=email)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def siege_agent(territory):
    return _member("siege@test.ars.fr", OrganisationFactory(siege=True))


@pytest.fixture
def dd_agent(territory):
    return _member("dd37@test.ars.fr", delegation("37", "Indre-et-Loire"))


@pytest.fixture
def dd45_agent(territory):
    return _member("dd45@test.ars.fr", delegation("45", "Loiret"))


@pytest.fixture
def collectivite(territory):
    return OrganisationFactory(
        type=OrganisationType.COLLECTIVITE, nom="CC Loches Sud Touraine", epci=territory["epci37"], siren="200071587"
    )


@pytest.fixture
def collectivite2(territory):
    return OrganisationFactory(
        type=OrganisationType.COLLECTIVITE, nom="CC Chinon, Vienne et Loire", epci=territory["epci37b"]
    )


@pytest.fixture
def porteur_manager(collectivite):
    return _member("collectivite@test.fr", collectivite, Role.GESTIONNAIRE)


@pytest.fixture
def porteur_reader(collectivite):
    return _member("lecture@test.fr", collectivite, Role.LECTURE)


@pytest.fixture
def other_porteur(collectivite2):
    return _member("collectivite2@test.fr", collectivite2, Role.SAISIE)


@pytest.fixture
def cpts_porteur(territory):
    organisation = OrganisationFactory(porteur=True, nom="CPTS de test", departements=[territory["dep37"]])
    return _member("cpts@test.fr", organisation)


@pytest.fixture
def expert(territory):
    """A member of the comité d'évaluation (read-only persona)."""
    return _member("comite@test.fr", OrganisationFactory(comite=True), Role.LECTURE)


@pytest.fixture
def partner_org(territory):
    """An institutional partner (Assurance maladie) covering dép. 37: invited to co-instruct its CPTS lettres."""
    return OrganisationFactory(
        type=OrganisationType.PARTENAIRE, nom="CPAM d'Indre-et-Loire (test)", departements=[territory["dep37"]]
    )


@pytest.fixture
def partner_agent(partner_org):
    """A member of the institutional partner: sees only the filed dossiers its organisation co-instructs."""
    return _member("cpam@test.fr", partner_org, Role.GESTIONNAIRE)


@pytest.fixture
def national_agent(territory):
    """A member of the ministry (DGOS): reads the national comparison, writes nothing anywhere."""
    return _member(
        "dgos@test.sante.gouv.fr", OrganisationFactory(type=OrganisationType.NATIONAL, nom="DGOS"), Role.LECTURE
    )


@pytest.fixture
def outsider(territory):
    """A logged-in user with no membership at all."""
    return UserFactory(email="personne@example.fr")


PERSONAS = [
    "siege_agent",
    "dd_agent",
    "porteur_manager",
    "porteur_reader",
    "other_porteur",
    "cpts_porteur",
    "expert",
    "partner_agent",
    "outsider",
]


@pytest.fixture(params=PERSONAS)
def persona(request, client):
    """Each logged-in persona in turn: (name, logged-in client)."""
    user = request.getfixturevalue(request.param)
    client.force_login(user)
    return request.param, client
