"""The filing journey through the shared machinery, stage recording, lists, exports, map, API, home."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from config.typography import fr_date
from cpts.enums import Etape
from cpts.models import Cpts, LettreIntentionCpts, Mission
from instruction.enums import Etat
from tests.cpts.factories import complete_lettre, make_msp, signed_cpts
from tests.instruction.factories import pdf_upload

pytestmark = pytest.mark.django_db


def test_filing_journey_through_the_machinery(client, territory, cpts_porteur, dd_agent):
    client.force_login(cpts_porteur)
    response = client.post(reverse("cpts:lettre_create"), {"nom": "CPTS du Lochois"})
    lettre = LettreIntentionCpts.objects.get()
    assert response.url == reverse("cpts:lettre_edit", args=[lettre.dossier.public_id])
    assert lettre.cpts.etape == Etape.EMERGENCE
    edit_url = response.url
    assert client.get(edit_url).status_code == 200
    # Incomplete filing: draft kept, errors shown.
    response = client.post(edit_url, {"action": "deposer", "diagnostic": "Diagnostic"})
    assert response.status_code == 200
    assert "Joignez la lettre d&#x27;intention signée" in response.content.decode()
    lettre.refresh_from_db()
    assert lettre.diagnostic == "Diagnostic"
    data = {
        "action": "deposer",
        "epcis": [territory["epci37"].pk],
        "communes": [territory["chinon"].pk],
        "diagnostic": "Diagnostic",
        "calendrier": "2026",
        "contact_nom": "Camille",
        "contact_email": "camille@example.fr",
        "orientations": [mission.pk for mission in Mission.objects.filter(type="socle")],
        "lettre_signee": pdf_upload(),
    }
    response = client.post(edit_url, data)
    lettre.refresh_from_db()
    dossier = lettre.dossier
    assert response.url == reverse("cpts:lettre_detail", args=[dossier.public_id])
    assert dossier.etat == Etat.DEPOSEE
    assert dossier.reference.startswith("CPTS-")
    assert dossier.departement == territory["dep37"]
    assert dossier.pieces.filter(categorie="accuse").exists()
    cpts = lettre.cpts
    cpts.refresh_from_db()
    assert cpts.etape == Etape.LETTRE_INTENTION
    assert cpts.population == 14_200
    assert set(cpts.communes.values_list("code_insee", flat=True)) == {"37132", "37072"}
    # Délégation: instruction list, complement request, porteur answers, acceptance.
    client.force_login(dd_agent)
    assert dossier.reference in client.get(reverse("cpts:instruction_list")).content.decode()
    transition = reverse("instruction:transition", args=[dossier.public_id])
    client.post(transition, {"to_etat": Etat.EN_INSTRUCTION})
    client.post(transition, {"to_etat": Etat.COMPLEMENT_DEMANDE, "reason": "Précisez les partenaires."})
    client.force_login(cpts_porteur)
    page = client.get(reverse("cpts:lettre_detail", args=[dossier.public_id])).content.decode()
    assert "La délégation vous demande un complément" in page
    client.post(
        reverse("instruction:message", args=[dossier.public_id]), {"body": "Partenaires : CH Loches.", "repondre": "1"}
    )
    dossier.refresh_from_db()
    assert dossier.etat == Etat.EN_INSTRUCTION
    client.force_login(dd_agent)
    client.post(transition, {"to_etat": Etat.ACCEPTEE})
    cpts.refresh_from_db()
    assert cpts.etape == Etape.LETTRE_VALIDEE
    assert cpts.date_lettre_validee == timezone.localdate()
    # Staff records the projet de santé and the ACI: mission deadlines appear.
    detail = reverse("cpts:detail", args=[cpts.public_id])
    today = timezone.localdate().isoformat()
    for etape in (Etape.PROJET_DEPOSE, Etape.PROJET_VALIDE):
        response = client.post(reverse("cpts:etape", args=[cpts.public_id]), {"to_etape": etape, "date": today})
        assert response.url == detail
    qualite = Mission.objects.get(code="qualite")
    client.post(reverse("cpts:aci", args=[cpts.public_id]), {"date": today, "optionnelles": [qualite.pk]})
    cpts.refresh_from_db()
    assert cpts.etape == Etape.ACI_SIGNE
    assert cpts.missions.count() == 5
    page = client.get(detail).content.decode()
    six_months = cpts.missions.get(mission__code="acces_soins").echeance_demarrage
    assert fr_date(six_months) in page
    assert "Relevé de financement" in page


def test_invalid_stage_and_abandon_need_reason(client, territory, cpts_org, dd_agent):
    client.force_login(dd_agent)
    lettre = complete_lettre(organisation=cpts_org, user=dd_agent, submit=False)
    cpts = lettre.cpts
    url = reverse("cpts:etape", args=[cpts.public_id])
    client.post(url, {"to_etape": Etape.PROJET_VALIDE, "date": "2024-01-01"})
    cpts.refresh_from_db()
    assert cpts.etape == Etape.EMERGENCE
    client.post(reverse("cpts:abandon", args=[cpts.public_id]), {"date": "2024-01-01", "reason": ""})
    cpts.refresh_from_db()
    assert cpts.etape == Etape.EMERGENCE
    client.post(reverse("cpts:abandon", args=[cpts.public_id]), {"date": "2024-01-01", "reason": "Pas de médecins"})
    cpts.refresh_from_db()
    assert (cpts.etape, cpts.motif_abandon) == (Etape.ABANDONNEE, "Pas de médecins")


def test_mission_and_attainment_forms(client, signed, dd_agent):
    client.force_login(dd_agent)
    mission = signed.missions.get(mission__code="acces_soins")
    url = reverse("cpts:mission", args=[signed.public_id, mission.pk])
    client.post(url, {f"m{mission.pk}-date_demarrage": "2023-03-01", f"m{mission.pk}-indicateurs": "Taux MT"})
    mission.refresh_from_db()
    assert mission.date_demarrage == datetime.date(2023, 3, 1)
    url = reverse("cpts:atteinte", args=[signed.public_id, mission.pk])
    client.post(url, {f"a{mission.pk}-annee": "1", f"a{mission.pk}-taux": "60"})
    assert mission.atteintes.get().taux == 60
    page = client.get(reverse("cpts:detail", args=[signed.public_id]) + "?annee=1").content.decode()
    assert "(60\u00a0%)" in page


def test_overlap_warning_on_both_pages(client, territory, cpts_org, siege_agent, signed):
    other = signed_cpts(
        porteur=cpts_org, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]], nom="Autre"
    )
    client.force_login(siege_agent)
    for cpts, name in ((signed, "Autre"), (other, "CPTS signée")):
        page = client.get(reverse("cpts:detail", args=[cpts.public_id])).content.decode()
        assert "Chevauchement de territoires" in page
        assert f"aussi à « {name} »" in page


def _cpts_batch(territory, cpts_org, siege_agent, count):
    for index in range(count):
        signed_cpts(
            porteur=cpts_org,
            departement=territory["dep37"],
            by=siege_agent,
            communes=[territory["loches"]],
            nom=f"CPTS {index:02d}",
        )


@pytest.mark.parametrize("count", [2, 20])
def test_list_query_counts(client, territory, cpts_org, siege_agent, django_assert_num_queries, count):
    _cpts_batch(territory, cpts_org, siege_agent, count)
    for index in range(count):
        make_msp(departement=territory["dep37"], commune=territory["loches"], nom=f"MSP {index:02d}")
    client.force_login(siege_agent)
    client.get(reverse("cpts:index"))  # warm the session
    # Same count for 2 and 20 rows (session, user, scope with the siège's région départements,
    # savepoint/release, count, page, prefetches; the header's regional identity comes with the scope).
    with django_assert_num_queries(8):
        assert client.get(reverse("cpts:index")).status_code == 200
    with django_assert_num_queries(12):  # + the MSP rules of the region, read once for the page
        assert client.get(reverse("cpts:msp_list")).status_code == 200
    with django_assert_num_queries(7):
        assert client.get(reverse("api:cpts-list")).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(reverse("api:msp-list")).status_code == 200


def test_filters_and_exports(client, territory, cpts_org, siege_agent, signed):
    Cpts.objects.create(nom="Loiret Nord", porteur=cpts_org, departement=territory["dep45"], taille="T4")
    client.force_login(siege_agent)
    page = client.get(reverse("cpts:index"), {"departement": territory["dep45"].pk}).content.decode()
    assert "Loiret Nord" in page
    assert "CPTS signée" not in page
    assert client.get(reverse("api:cpts-list"), {"taille": "T4"}).json()["count"] == 1
    assert client.get(reverse("api:cpts-list"), {"etape": "aci_signe"}).json()["count"] == 1
    late = client.get(reverse("api:cpts-list"), {"mission_en_retard": "true"}).json()
    assert [row["nom"] for row in late["results"]] == ["CPTS signée"]  # signed 10/01/2023, nothing started
    response = client.get(reverse("cpts:index"), {"export": "csv", "departement": territory["dep37"].pk})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0].startswith("Identifiant;Nom;")
    assert "CPTS signée" in body
    assert "Loiret Nord" not in body
    response = client.get(reverse("cpts:msp_list"), {"export": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert next(sheet.iter_rows(values_only=True))[0] == "Identifiant"


def test_map_data(client, territory, siege_agent, signed, msp):
    from territoires.models import Contour

    square = {"type": "Polygon", "coordinates": [[[1.0, 47.0], [1.2, 47.0], [1.2, 47.2], [1.0, 47.2], [1.0, 47.0]]]}
    Contour.objects.create(level="commune", code="37132", geometry=square, source="test")
    client.force_login(siege_agent)
    assert "cpts-swatch--0" in client.get(reverse("cpts:carte")).content.decode()
    data = client.get(reverse("cpts:carte_donnees")).json()
    kinds = sorted(feature["geometry"]["type"] for feature in data["features"])
    assert kinds == ["Point", "Polygon"]
    point = next(feature for feature in data["features"] if feature["geometry"]["type"] == "Point")
    assert point["geometry"]["coordinates"] == pytest.approx([1.08, 47.08])


def test_api_detail_and_schema(client, siege_agent, signed):
    client.force_login(siege_agent)
    data = client.get(reverse("api:cpts-detail", args=[signed.public_id])).json()
    assert data["communes"] == ["37132"]
    assert {row["code"] for row in data["missions"]} >= {"acces_soins", "crises"}
    assert data["missions"][0]["echeance_demarrage"] == "2023-07-10"
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/cpts/",
        "/api/v1/cpts/{public_id}/",
        "/api/v1/msp/",
        "/api/v1/centres-sante/",
        "/api/v1/esp/",
    ):
        assert path in schema
    assert "mission_en_retard" in schema


def test_porteur_home_panels(client, cpts_porteur, signed, msp):
    complete_lettre(organisation=cpts_porteur.memberships.get().organisation, user=cpts_porteur)
    client.force_login(cpts_porteur)
    page = client.get("/").content.decode()
    assert "CPTS signée" in page
    assert "MSP test" in page
    assert "CPTS-" in page


def test_msp_detail_shows_eligibility(client, siege_agent, territory):
    msp = make_msp(departement=territory["dep37"], commune=territory["loches"], equipe={"medecin_generaliste": 1})
    client.force_login(siege_agent)
    page = client.get(reverse("cpts:msp_detail", args=[msp.public_id])).content.decode()
    assert "Équipe minimale : ≥\xa02\xa0médecins généralistes (1\xa0médecin généraliste déclaré)" in page
    assert "fmps-normandie" not in page
    assert "FMPS Normandie" in page
    assert "SISA" in page


def test_msp_create_and_edit(client, territory, dd_agent, dd45_agent, expert):
    client.force_login(dd_agent)
    assert client.get(reverse("cpts:msp_create")).status_code == 200
    data = {
        "nom": "MSP de Loches",
        "departement": territory["dep37"].pk,
        "commune": territory["loches"].pk,
        "adresse": "2 rue du Château",
        "statut": "en_fonctionnement",
        "date_aci": "2024-01-01",
        "nb_medecin_generaliste": "3",
        "nb_infirmier": "2",
    }
    response = client.post(reverse("cpts:msp_create"), {**data, "patientele": "3500"})
    from cpts.models import Msp

    msp = Msp.objects.get()  # an ACI before the SISA is allowed: the grace period is a rule of the register
    assert (msp.sisa, msp.patientele) == (False, 3_500)
    page = client.get(response.url).content.decode()
    assert "à constituer au plus tard le 1er juillet 2024" in page
    assert response.url == reverse("cpts:msp_detail", args=[msp.public_id])
    assert {row.profession: row.nombre for row in msp.professionnels.all()} == {
        "medecin_generaliste": 3,
        "infirmier": 2,
    }
    assert msp.sites.get().adresse == "2 rue du Château"
    edit = reverse("cpts:msp_edit", args=[msp.public_id])
    client.post(edit, {**data, "date_sisa": "2024-03-01", "nb_infirmier": "0", "nom": "MSP du Lochois"})
    msp.refresh_from_db()
    assert (msp.nom, msp.sisa, msp.date_sisa) == ("MSP du Lochois", True, datetime.date(2024, 3, 1))
    assert msp.professionnels.count() == 1
    assert msp.history.count() == 2
    client.force_login(dd45_agent)
    assert client.get(edit).status_code == 404
    assert client.post(reverse("cpts:msp_create"), data).status_code == 200  # 37 not offered
    assert Msp.objects.count() == 1
    client.force_login(expert)
    assert client.get(edit).status_code == 403
    assert client.get(reverse("cpts:msp_create")).status_code == 403


@pytest.mark.parametrize("others", [1, 6])
def test_detail_query_count_does_not_grow(
    client, territory, cpts_org, siege_agent, signed, django_assert_max_num_queries, others
):
    """Overlapping CPTS, stages, missions and avenants are read in a fixed number of queries."""
    from cpts.services.registre import avenant_add

    _cpts_batch(territory, cpts_org, siege_agent, others)
    for day in range(others):
        avenant_add(cpts=signed, date_signature=datetime.date(2024, 1, 1 + day), objet="Test", by=siege_agent)
    client.force_login(siege_agent)
    url = reverse("cpts:detail", args=[signed.public_id])
    client.get(url)
    with django_assert_max_num_queries(EXPECTED_DETAIL_QUERIES) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) == EXPECTED_DETAIL_QUERIES


# Same for 1 and 6 overlapping CPTS / avenants (+ the projets de santé; the siège: + its région départements); the
# avenants, the missions and the bénéficiaire are read with the CPTS, its lettres and projets in one query.
# The header's regional identity costs nothing: it is read with the user's memberships (comptes.perms.get_scope).
EXPECTED_DETAIL_QUERIES = 15


def test_staff_registers_and_edits_a_cpts(client, territory, cpts_org, dd_agent, expert, cpts_porteur):
    client.force_login(dd_agent)
    assert client.get(reverse("cpts:create")).status_code == 200
    data = {
        "nom": "CPTS Chinonais",
        "forme_juridique": "association",
        "porteur": cpts_org.pk,
        "departement": territory["dep37"].pk,
        "communes": [territory["chinon"].pk],
    }
    response = client.post(reverse("cpts:create"), data)
    cpts = Cpts.objects.get()
    assert response.url == reverse("cpts:detail", args=[cpts.public_id])
    assert (cpts.etape, cpts.population, cpts.taille) == (Etape.EMERGENCE, 7_900, "T1")
    edit = reverse("cpts:edit", args=[cpts.public_id])
    assert client.get(edit).status_code == 200
    client.post(edit, {**data, "communes": [territory["chinon"].pk, territory["loches"].pk]})
    cpts.refresh_from_db()
    assert cpts.population == 14_200
    for user, status in ((expert, 403), (cpts_porteur, 403)):
        client.force_login(user)
        assert client.get(reverse("cpts:create")).status_code == status
        assert client.post(edit, data).status_code in (403, 404)
