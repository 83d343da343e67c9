"""The register figures of the portrait (issue #20): per register, the entries in force inside the perimeter, with
source and date; shown to the ARS agents competent for the whole perimeter only (no register is public), in the
page, its CSV and the PDF."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portraits.enums import Audience
from portraits.perimetres import resolve
from portraits.services.snapshot import portrait_snapshot
from registres.enums import Statut
from tests.registres.factories import effectif, maitre, mouvement

pytestmark = pytest.mark.django_db

URL = reverse("portraits:portrait")
EPCI37 = {"epci": "200071587"}  # Loches only
ON = datetime.date(2026, 6, 1)


@pytest.fixture
def registres_data(portrait_data, siege_agent):
    t = portrait_data
    maitre(by=siege_agent, commune=t["loches"], nom="Dr Inside")
    maitre(by=siege_agent, commune=t["loches"], nom="Dr Projet", statut=Statut.PROJET)  # not in force
    maitre(by=siege_agent, commune=t["loches"], nom="Dr Fini", date_fin=datetime.date(2025, 12, 31))  # ended
    maitre(by=siege_agent, commune=t["chinon"], nom="Dr Chinon")  # another EPCI
    mouvement(by=siege_agent, commune=t["loches"], date=datetime.date(2026, 2, 1))
    mouvement(by=siege_agent, commune=t["loches"], date=datetime.date(2026, 3, 1))
    effectif(by=siege_agent, departement=t["dep37"], tvs=t["tvs_a"], date=datetime.date(2026, 1, 1), total=12)
    return t


def lignes(snapshot) -> dict:
    return {ligne["code"]: ligne for ligne in snapshot["registres"]["lignes"]}


def test_counts_per_register_inside_the_perimeter(registres_data, siege_agent):
    snapshot = portrait_snapshot(resolve(EPCI37, siege_agent), audience=Audience.ARS, on=ON)
    rows = lignes(snapshot)
    assert rows["maitres-de-stage"]["entrees"] == 1
    assert rows["mouvements-medecins"]["entrees"] == 2
    assert (rows["effectifs-tvs"]["entrees"], rows["effectifs-tvs"]["echelle"]) == (1, "département")
    assert rows["sites-telemedecine"]["entrees"] == 0
    assert rows["sites-telemedecine"]["maj"] is None
    assert rows["maitres-de-stage"]["maj"] == timezone.localdate().isoformat()
    assert rows["maitres-de-stage"]["source"].startswith("Registre « Maîtres de stage universitaires »")
    assert snapshot["registres"]["total"] == 4
    # Chinon and Loches: the Chinon maître de stage counts too.
    both = portrait_snapshot(resolve({"communes": "37132,37072"}, siege_agent), audience=Audience.ARS, on=ON)
    assert lignes(both)["maitres-de-stage"]["entrees"] == 2


def test_public_portrait_has_no_register(registres_data, siege_agent):
    snapshot = portrait_snapshot(resolve(EPCI37, siege_agent), audience=Audience.PUBLIC, on=ON)
    assert snapshot["registres"] is None


PERSONAS = [
    ("siege_agent", True),
    ("dd_agent", True),
    ("dd45_agent", False),
    ("porteur_manager", False),
    ("expert", False),
    ("anonymous", False),
]


@pytest.mark.parametrize(("persona", "shown"), PERSONAS)
def test_block_and_csv_per_persona(client, request, registres_data, persona, shown):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    page = client.get(URL, EPCI37).content.decode()
    assert ('aria-labelledby="registres"' in page) is shown
    export = client.get(reverse("portraits:export", args=["registres", "csv"]), EPCI37)
    assert export.status_code == (200 if shown else 404)
    if shown:
        lines = export.content.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("Registre;Entrées en cours;Échelle;Dernière mise à jour;Source")
        assert any(line.startswith("Mouvements de médecins;2;commune;") for line in lines)
