"""The register figures of the portrait (issue #20): per register, the entries in force inside the perimeter, with
source and date; no register is public: shown to the ARS agents competent for the whole perimeter, and to the comité
d'évaluation in its region the registers `registres.perms.can_view_registre` opens to it (issue #19), in the page,
its CSV and the PDF."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portraits.enums import Audience
from portraits.perimetres import resolve
from portraits.perms import registres_du_portrait
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
    registres = registres_du_portrait(siege_agent, Audience.ARS)
    snapshot = portrait_snapshot(resolve(EPCI37, siege_agent), audience=Audience.ARS, registres=registres, on=ON)
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
    both = portrait_snapshot(
        resolve({"communes": "37132,37072"}, siege_agent), audience=Audience.ARS, registres=registres, on=ON
    )
    assert lignes(both)["maitres-de-stage"]["entrees"] == 2


def test_public_portrait_has_no_register(registres_data, siege_agent):
    snapshot = portrait_snapshot(resolve(EPCI37, siege_agent), audience=Audience.PUBLIC, on=ON)
    assert snapshot["registres"] is None


def test_registers_of_each_audience_follow_the_registres_perms(siege_agent, expert, porteur_manager):
    """One rule: the registers `can_view_registre` opens to the reader; the comité does not read the ARS-only
    register of the doctors' movements (it describes people); nobody reads one in a public portrait."""
    ars = {registre.code for registre in registres_du_portrait(siege_agent, Audience.ARS)}
    comite = {registre.code for registre in registres_du_portrait(expert, Audience.COMITE)}
    assert "mouvements-medecins" in ars
    assert "mouvements-medecins" not in comite
    assert "maitres-de-stage" in comite
    assert comite < ars
    assert registres_du_portrait(siege_agent, Audience.PUBLIC) == []
    assert registres_du_portrait(porteur_manager, Audience.COMITE) == []


# persona: (registers block shown, the ARS-only register of the doctors' movements among them, audience)
PERSONAS = [
    ("siege_agent", True, True, "ars"),
    ("dd_agent", True, True, "ars"),
    ("dd45_agent", False, False, "public"),
    ("porteur_manager", False, False, "public"),
    ("cpts_porteur", False, False, "public"),
    ("partner_agent", False, False, "public"),
    ("outsider", False, False, "public"),
    ("expert", True, False, "comite"),
    ("anonymous", False, False, "public"),
]


@pytest.mark.parametrize(("persona", "shown", "mouvements", "audience"), PERSONAS)
def test_block_and_csv_per_persona(client, request, registres_data, persona, shown, mouvements, audience):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(URL, EPCI37)
    assert response.context["snapshot"]["audience"] == audience
    page = response.content.decode()
    assert ('aria-labelledby="registres"' in page) is shown
    assert ("Mouvements de médecins" in page) is mouvements
    assert ("Financements reçus" in page) is (audience == "ars")  # the comité sees no other ARS block
    export = client.get(reverse("portraits:export", args=["registres", "csv"]), EPCI37)
    assert export.status_code == (200 if shown else 404)
    if shown:
        lines = export.content.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("Registre;Entrées en cours;Échelle;Dernière mise à jour;Source")
        assert any(line.startswith("Maîtres de stage universitaires;1;commune;") for line in lines)
        assert any(line.startswith("Mouvements de médecins;2;commune;") for line in lines) is mouvements
    financements = client.get(reverse("portraits:export", args=["financements", "csv"]), EPCI37)
    assert financements.status_code == (200 if audience == "ars" else 404)


def test_comite_of_another_region_sees_the_public_portrait(client, registres_data):
    from comptes.enums import Role
    from tests.comptes.factories import MembershipFactory, OrganisationFactory
    from tests.territoires.factories import RegionFactory

    region = RegionFactory(code="53", nom="Bretagne")
    bretagne = OrganisationFactory(comite=True, nom="Comité d'évaluation (Bretagne)", region=region)
    client.force_login(MembershipFactory(organisation=bretagne, role=Role.LECTURE).user)
    response = client.get(URL, EPCI37)
    assert response.context["snapshot"]["audience"] == "public"
    assert 'aria-labelledby="registres"' not in response.content.decode()


def test_comite_pdf_carries_its_registers_and_is_kept_from_the_public(client, registres_data, expert):
    from portraits.models import PortraitPdf

    client.force_login(expert)
    response = client.post(reverse("portraits:pdf_request") + "?epci=200071587")
    job = PortraitPdf.objects.get()
    assert response.status_code == 302
    assert job.audience == Audience.COMITE
    # The worker draws it with the registers its requester reads (portraits.services.pdf.portrait_build).
    codes = {registre.code for registre in registres_du_portrait(job.requested_by, job.audience)}
    assert "maitres-de-stage" in codes
    assert "mouvements-medecins" not in codes
    client.logout()
    assert client.get(reverse("portraits:pdf", args=[job.public_id])).status_code == 404
