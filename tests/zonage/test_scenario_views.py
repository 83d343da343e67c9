"""Simulator pages: access per persona (siège only; readers of the siège cannot write), htmx update, comparison,
proposal, consultation file, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptes.enums import Role
from config.production import StatutProduction
from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory
from zonage.models import ArreteZonage, DossierConsultation, Scenario
from zonage.services.consultation import consultation_request
from zonage.services.scenarios import scenario_copy, scenario_create

pytestmark = pytest.mark.django_db

MANAGERS = {"siege_agent"}  # every other logged-in persona: 404 (the délégations included)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def scenario(two_versions, siege_agent):
    return scenario_create(base=two_versions[1], nom="Hypothèse 1", by=siege_agent)


@pytest.fixture
def siege_reader(territory):
    user = UserFactory(email="lecteur.siege@test.ars.fr")
    MembershipFactory(user=user, organisation=OrganisationFactory(siege=True), role=Role.LECTURE)
    return user


def read_urls(scenario):
    public_id = scenario.public_id
    return [
        reverse("zonage:scenario_list"),
        reverse("zonage:scenario_detail", args=[public_id]),
        reverse("zonage:scenario_compteurs", args=[public_id]),
        reverse("zonage:scenario_carte", args=[public_id]),
        reverse("zonage:scenario_carte_svg", args=[public_id]),
        reverse("zonage:scenario_compare") + f"?s={public_id}",
    ]


def write_requests(scenario, zonage_territory):
    public_id, tvs = scenario.public_id, zonage_territory["tvs_b"].pk
    return [
        ("post", reverse("zonage:scenario_create"), {"base": scenario.base_id, "nom": "Autre", "mode": "copie"}),
        ("post", reverse("zonage:scenario_tvs", args=[public_id, tvs]), {"zone": "ZAC"}),
        ("post", reverse("zonage:scenario_edit", args=[public_id]), {"nom": "Renommé", "description": ""}),
        ("post", reverse("zonage:scenario_copy", args=[public_id]), {"nom": "Copie"}),
        ("get", reverse("zonage:scenario_propose", args=[public_id]), {}),
        ("post", reverse("zonage:scenario_propose", args=[public_id]), {"reference": "X-1", "titre": "T"}),
    ]


def test_read_pages_per_persona(persona, scenario):
    name, client = persona
    for url in read_urls(scenario):
        expected = 200 if name in MANAGERS else 404
        if name in MANAGERS and "comparer" in url:
            expected = 400  # one scenario only: the form says to pick two to four
        assert client.get(url).status_code == expected, url


def test_anonymous_is_sent_to_login(client, scenario, zonage_territory):
    for url in read_urls(scenario):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/comptes/connexion/" in response["Location"], url
    for method, url, data in write_requests(scenario, zonage_territory):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert "/comptes/connexion/" in response["Location"], url


def test_writes_per_persona(persona, scenario, zonage_territory):
    name, client = persona
    if name in MANAGERS:
        return  # the manager's writes are checked one by one below
    for method, url, data in write_requests(scenario, zonage_territory):
        assert getattr(client, method)(url, data).status_code == 404, url
    assert Scenario.objects.count() == 1


def test_a_siege_reader_sees_but_cannot_write(client, siege_reader, scenario, zonage_territory):
    client.force_login(siege_reader)
    for url in read_urls(scenario)[:5]:
        assert client.get(url).status_code == 200, url
    for method, url, data in write_requests(scenario, zonage_territory):
        assert getattr(client, method)(url, data).status_code == 403, url
    assert b"Proposer comme projet" not in client.get(read_urls(scenario)[1]).content


def test_another_regions_siege_does_not_see_the_scenario(client, scenario):
    from tests.territoires.factories import RegionFactory

    other = UserFactory(email="siege.bretagne@test.ars.fr")
    organisation = OrganisationFactory(type="ars_siege", nom="ARS Bretagne — siège", region=RegionFactory(code="53"))
    MembershipFactory(user=other, organisation=organisation)
    client.force_login(other)
    assert client.get(reverse("zonage:scenario_detail", args=[scenario.public_id])).status_code == 404
    assert b"Hypoth" not in client.get(reverse("zonage:scenario_list")).content


def test_manager_creates_from_an_arrete_and_with_the_optimiser(client, siege_agent, two_versions):
    client.force_login(siege_agent)
    base = two_versions[1]
    response = client.post(reverse("zonage:scenario_create"), {"base": base.pk, "nom": "Copie", "mode": "copie"})
    assert response.status_code == 302
    response = client.post(reverse("zonage:scenario_create"), {"base": base.pk, "nom": "Opt", "mode": "optimiser"})
    assert response.status_code == 302
    assert Scenario.objects.get(nom="Opt").origine == "optimiseur"
    duplicate = client.post(reverse("zonage:scenario_create"), {"base": base.pk, "nom": "Opt", "mode": "copie"})
    assert duplicate.status_code == 400
    assert "porte déjà ce nom" in duplicate.content.decode()
    # A replaced arrêté is not offered as a starting point.
    replaced = client.post(reverse("zonage:scenario_create"), {"base": two_versions[0].pk, "nom": "V1"})
    assert replaced.status_code == 400


def test_htmx_update_returns_the_row_and_the_counters(client, siege_agent, scenario, zonage_territory):
    client.force_login(siege_agent)
    tvs = zonage_territory["tvs_b"].pk
    url = reverse("zonage:scenario_tvs", args=[scenario.public_id, tvs])
    response = client.post(url, {"zone": "ZAC"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="tvs-{tvs}"')
    assert 'id="compteurs"' in html
    assert 'hx-swap-oob="true"' in html
    assert "80\u202f000" in html  # population that changes zone
    assert "Plafond dépassé" in html  # ZAC 80 % > 34 %
    assert response["HX-Trigger"] == "scenario-modifie"
    response = client.post(url, {"justification": "  Motif  "}, headers={"HX-Request": "true"})
    assert scenario.classements.get(tvs_id=tvs).justification == "Motif"
    assert scenario.classements.get(tvs_id=tvs).zone.code == "ZAC"  # the justification alone keeps the zone
    # Without JavaScript, the row's form posts and comes back to the page.
    response = client.post(url, {"zone": "HC", "justification": "Motif"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#tvs-{tvs}")
    assert client.post(reverse("zonage:scenario_tvs", args=[scenario.public_id, 999_999]), {}).status_code == 404


def test_compare_two_scenarios(client, siege_agent, scenario, zonage_territory):
    client.force_login(siege_agent)
    copy = scenario_copy(source=scenario, nom="Hypothèse 2", by=siege_agent)
    client.post(
        reverse("zonage:scenario_tvs", args=[copy.public_id, zonage_territory["tvs_b"].pk]),
        {"zone": "ZAC"},
        headers={"HX-Request": "true"},
    )
    response = client.get(reverse("zonage:scenario_compare") + f"?s={scenario.public_id}&s={copy.public_id}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Territoires classés différemment (1)" in html
    assert html.count('src="/zonage/scenarios/') == 2


def test_svg_map_and_geojson(client, siege_agent, scenario):
    from territoires.models import Contour

    square = {"type": "Polygon", "coordinates": [[[0.9, 47.1], [1.0, 47.1], [1.0, 47.2], [0.9, 47.2], [0.9, 47.1]]]}
    Contour.objects.create(level="commune", code="37132", source="test", geometry=square)
    client.force_login(siege_agent)
    svg = client.get(reverse("zonage:scenario_carte_svg", args=[scenario.public_id]))
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b"<path" in svg.content
    assert b"Loches" in svg.content
    data = client.get(reverse("zonage:scenario_carte", args=[scenario.public_id])).json()
    assert [f["properties"]["tvs"] for f in data["features"]] == ["TVS de Loches"]


def test_propose_page_creates_the_project(client, siege_agent, scenario, django_capture_on_commit_callbacks):
    client.force_login(siege_agent)
    url = reverse("zonage:scenario_propose", args=[scenario.public_id])
    assert "ne respecte pas toutes les règles" in client.get(url).content.decode()  # ZIP 100 % > 58,8 %
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reference": "ARS-CVL-2027-009", "titre": "Zonage médecins"})
    arrete = ArreteZonage.objects.get(reference="ARS-CVL-2027-009")
    assert response["Location"] == reverse("zonage:arrete_detail", args=[arrete.public_id])
    page = client.get(response["Location"]).content.decode()
    assert "Télécharger le dossier de consultation" in page
    assert "Projet issu du scénario" in page
    assert client.get(url).status_code == 302  # already proposed: back to the project


def test_consultation_views_per_persona(persona, scenario, siege_agent, django_capture_on_commit_callbacks):
    from zonage.services.proposition import scenario_propose

    with django_capture_on_commit_callbacks(execute=True):
        arrete = scenario_propose(scenario=scenario, reference="ARS-CVL-2027-010", titre="Projet", by=siege_agent)
    job = DossierConsultation.objects.get(arrete=arrete)
    assert job.statut == StatutProduction.PRET
    name, client = persona
    expected = 200 if name in ("siege_agent", "dd_agent") else 404
    assert client.get(reverse("zonage:consultation_status", args=[job.public_id])).status_code == expected
    download = client.get(reverse("zonage:consultation_download", args=[job.public_id]))
    assert download.status_code == expected
    if expected == 200:
        assert b"".join(download.streaming_content).startswith(b"%PDF")  # closes the file, keeps the connection
    response = client.post(reverse("zonage:consultation_request", args=[arrete.public_id]))
    assert response.status_code == {"siege_agent": 302, "dd_agent": 403}.get(name, 404)


def test_consultation_request_is_refused_while_one_is_in_production(scenario, siege_agent):
    from django.core.exceptions import ValidationError

    from zonage.services.proposition import scenario_propose

    arrete = scenario_propose(scenario=scenario, reference="ARS-CVL-2027-011", titre="Projet", by=siege_agent)
    with pytest.raises(ValidationError, match="déjà en production"):
        consultation_request(arrete=arrete, by=siege_agent)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_and_detail_query_counts_do_not_grow(client, siege_agent, scenario, zonage_territory):
    client.force_login(siege_agent)
    list_url, detail_url = reverse("zonage:scenario_list"), reverse("zonage:scenario_detail", args=[scenario.public_id])
    few = (_count(client, list_url), _count(client, detail_url))
    for index in range(5):
        scenario_copy(source=scenario, nom=f"Copie {index}", by=siege_agent)
    from tests.territoires.factories import CommuneFactory, TvsFactory
    from tests.zonage.factories import classer

    for index in range(5):  # more TVS in the arrêté de départ, and so in a new scenario
        tvs = TvsFactory()
        CommuneFactory(code_insee=f"3710{index}", departement=zonage_territory["dep37"], tvs=tvs, population=100)
        classer(scenario.base, tvs, "HC", apl="4.00")
    bigger = scenario_create(base=scenario.base, nom="Plus grand", by=siege_agent)
    detail_url = reverse("zonage:scenario_detail", args=[bigger.public_id])
    assert (_count(client, list_url), _count(client, detail_url)) == few


SIMULATOR_BUDGET = 15  # the pages: session, user, scope (3), the scenario(s), counters (7)
MOVE_BUDGET = 22  # moving a TVS (htmx): the pages' reads, the write with its history, two savepoints
MAX_BYTES = 200_000


def _measure(client, url, method="get", data=None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {}, HTTP_HX_REQUEST="true" if method == "post" else None)
    assert response.status_code == 200, url
    return len(queries), len(response.content)


def test_simulator_pages_within_the_query_budget_at_two_sizes(client, siege_agent, scenario, zonage_territory):
    from tests.territoires.factories import CommuneFactory, TvsFactory
    from tests.zonage.factories import classer

    client.force_login(siege_agent)

    def pages(current, *others):
        compared = "&".join(f"s={item.public_id}" for item in (scenario, current, *others))
        compare = reverse("zonage:scenario_compare") + f"?{compared}"
        tvs_id = current.classements.values_list("tvs_id", flat=True).first()
        return {
            "list": _measure(client, reverse("zonage:scenario_list")),
            "detail": _measure(client, reverse("zonage:scenario_detail", args=[current.public_id])),
            "compteurs": _measure(client, reverse("zonage:scenario_compteurs", args=[current.public_id])),
            "compare": _measure(client, compare),
            "tvs": _measure(
                client, reverse("zonage:scenario_tvs", args=[current.public_id, tvs_id]), "post", {"zone": "ZIP"}
            ),
        }

    small = pages(scenario_copy(source=scenario, nom="Copie", by=siege_agent))
    for index in range(30):
        tvs = TvsFactory()
        CommuneFactory(code_insee=f"37{200 + index}", departement=zonage_territory["dep37"], tvs=tvs, population=100)
        classer(scenario.base, tvs, "HC", apl="4.00")
    bigger = scenario_create(base=scenario.base, nom="Plus grand", by=siege_agent)
    large = pages(bigger, *(scenario_copy(source=bigger, nom=f"Copie {index}", by=siege_agent) for index in (1, 2)))
    for page, (count, size) in large.items():
        assert count <= (MOVE_BUDGET if page == "tvs" else SIMULATOR_BUDGET), (page, count)
        assert count == small[page][0], (page, small[page][0], count)
        assert size < MAX_BYTES, (page, size)
