import pytest

from tests.territoires.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bretagne(territory):
    """A second région beside the reference one: Bretagne, two départements and two communes."""
    region = RegionFactory(code="53", nom="Bretagne")
    dep35 = DepartementFactory(code="35", nom="Ille-et-Vilaine", region=region, type_nom=1)
    dep29 = DepartementFactory(code="29", nom="Finistère", region=region, type_nom=2)
    rennes_metropole = EpciFactory(siren="243500139", nom="Rennes Métropole", population=230_000)
    brest_metropole = EpciFactory(siren="242900314", nom="Brest Métropole", population=210_000)
    rennes = CommuneFactory(
        code_insee="35238", nom="Rennes", departement=dep35, epci=rennes_metropole, population=225_000
    )
    brest = CommuneFactory(code_insee="29019", nom="Brest", departement=dep29, epci=brest_metropole, population=140_000)
    return {"region": region, "dep35": dep35, "dep29": dep29, "rennes": rennes, "brest": brest}
