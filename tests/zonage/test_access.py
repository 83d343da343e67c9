import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.zonage.factories import ArreteFactory, classer
from zonage.enums import ArreteStatut
from zonage.models import ArreteZonage, Classement, Commentaire

pytestmark = pytest.mark.django_db

READERS = {"siege_agent": 200, "dd_agent": 200}  # everyone else: 404
MANAGERS = {"siege_agent"}


@pytest.fixture
def arrete(zonage_territory):
    arrete = ArreteFactory()
    classer(arrete, zonage_territory["tvs_a"], "ZIP", apl="2.0")
    return arrete


def expected_read(name):
    return READERS.get(name, 404)


def expected_write(name):
    if name in MANAGERS:
        return None  # success: checked by each test
    return 403 if name in READERS else 404


@pytest.mark.parametrize("url_name", ["zonage:arrete_detail", "zonage:arrete_export_csv", "zonage:arrete_export_xlsx"])
def test_read_pages_per_persona(persona, arrete, url_name):
    name, client = persona
    response = client.get(reverse(url_name, args=[arrete.public_id]))
    assert response.status_code == expected_read(name)


def test_list_per_persona(persona, arrete):
    name, client = persona
    assert client.get(reverse("zonage:arrete_list")).status_code == expected_read(name)


@pytest.mark.parametrize(
    "url",
    [
        lambda a: reverse("zonage:arrete_list"),
        lambda a: reverse("zonage:arrete_create"),
        lambda a: reverse("zonage:arrete_detail", args=[a.public_id]),
        lambda a: reverse("zonage:arrete_edit", args=[a.public_id]),
        lambda a: reverse("zonage:arrete_export_csv", args=[a.public_id]),
    ],
)
def test_anonymous_is_sent_to_login(client, arrete, url):
    response = client.get(url(arrete))
    assert response.status_code == 302
    assert "/comptes/connexion/" in response["Location"]


def test_create_per_persona(persona, territory):
    name, client = persona
    url = reverse("zonage:arrete_create")
    expected = expected_write(name)
    if expected:
        assert client.get(url).status_code == expected
        assert client.post(url, {}).status_code == expected
        return
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "profession": "1",
            "reference": "ARS-CVL-2026-NEW",
            "titre": "Zonage médecins",
            "methodologie": "2024-01",
        },
    )
    assert response.status_code == 302
    created = ArreteZonage.objects.get(reference="ARS-CVL-2026-NEW")
    assert created.statut == ArreteStatut.PROJET
    assert created.region.code == "24"


def test_edit_per_persona(persona, arrete):
    name, client = persona
    url = reverse("zonage:arrete_edit", args=[arrete.public_id])
    expected = expected_write(name)
    if expected:
        assert client.get(url).status_code == expected
        return
    assert client.get(url).status_code == 200
    response = client.post(url, {"reference": arrete.reference, "titre": "Nouveau titre", "methodologie": "2021-10"})
    assert response.status_code == 302
    arrete.refresh_from_db()
    assert arrete.titre == "Nouveau titre"
    assert arrete.history.count() == 2


def test_import_per_persona(persona, arrete):
    name, client = persona
    upload = SimpleUploadedFile("annexe.csv", b"code;nom;zone\n37A01;A;HC\n45B01;B;ZIP\n", content_type="text/csv")
    response = client.post(reverse("zonage:arrete_import", args=[arrete.public_id]), {"fichier": upload})
    expected = expected_write(name)
    if expected:
        assert response.status_code == expected
        assert Classement.objects.filter(arrete=arrete).count() == 1
        return
    assert response.status_code == 302
    assert Classement.objects.filter(arrete=arrete).count() == 2


def test_import_with_errors_shows_every_bad_row_and_changes_nothing(client, siege_agent, arrete):
    client.force_login(siege_agent)
    upload = SimpleUploadedFile("annexe.csv", b"code;nom;zone\n37A01;A;HC\nXX;B;ZIP\n37A01;C;QQ\n")
    response = client.post(reverse("zonage:arrete_import", args=[arrete.public_id]), {"fichier": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ligne 3 : code TVS « XX » inconnu du référentiel." in html
    assert "Ligne 4 : le code « 37A01 » figure déjà ligne 2 (doublon)." in html
    assert list(Classement.objects.filter(arrete=arrete).values_list("zone__code", flat=True)) == ["ZIP"]


def test_transition_per_persona(persona, arrete):
    name, client = persona
    response = client.post(reverse("zonage:arrete_transition", args=[arrete.public_id]), {"vers": "concertation"})
    arrete.refresh_from_db()
    expected = expected_write(name)
    if expected:
        assert response.status_code == expected
        assert arrete.statut == ArreteStatut.PROJET
        return
    assert response.status_code == 302
    assert arrete.statut == ArreteStatut.CONCERTATION
    assert arrete.transitions.get().vers == ArreteStatut.CONCERTATION


def test_comment_per_persona(persona, arrete):
    name, client = persona
    response = client.post(reverse("zonage:arrete_comment", args=[arrete.public_id]), {"texte": "Avis de la DD"})
    if name in READERS:
        assert response.status_code == 302
        assert Commentaire.objects.get(arrete=arrete).texte == "Avis de la DD"
    else:
        assert response.status_code == 404
        assert not Commentaire.objects.exists()


def test_get_on_write_views_is_refused(client, siege_agent, arrete):
    client.force_login(siege_agent)
    for name in ("zonage:arrete_import", "zonage:arrete_transition", "zonage:arrete_comment"):
        assert client.get(reverse(name, args=[arrete.public_id])).status_code == 405


@pytest.mark.parametrize("url_name", ["zonage:ma_commune", "zonage:carte"])
def test_public_pages_for_every_persona(persona, two_versions, url_name):
    _, client = persona
    assert client.get(reverse(url_name)).status_code == 200


def test_detail_shows_checks_and_diff(client, siege_agent, two_versions):
    _, v2 = two_versions
    client.force_login(siege_agent)
    html = client.get(reverse("zonage:arrete_detail", args=[v2.public_id])).content.decode()
    assert "ZIP : 20,0 % → 100,0 %" in html
    assert "<strong>dépassée</strong>" in html  # 100 % in ZIP against ≤ 58,8 % (2021-10, région 24)
    assert "80 000" in html or "80,000" in html or "80\u202f000" in html or "80\xa0000" in html


def test_list_query_count_is_constant(client, siege_agent, zonage_territory, django_assert_num_queries):
    client.force_login(siege_agent)
    ArreteFactory.create_batch(2)
    client.get(reverse("zonage:arrete_list"))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        assert client.get(reverse("zonage:arrete_list")).status_code == 200
    ArreteFactory.create_batch(18)
    with django_assert_num_queries(len(two)):
        assert client.get(reverse("zonage:arrete_list")).status_code == 200


def test_detail_query_count_is_constant(client, siege_agent, two_versions, zonage_territory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.territoires.factories import TvsFactory

    _, v2 = two_versions
    client.force_login(siege_agent)
    url = reverse("zonage:arrete_detail", args=[v2.public_id])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        classer(v2, TvsFactory(), "ZV")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_export_filename_is_ascii(client, siege_agent, zonage_territory):
    arrete = ArreteFactory(reference="ARS-CVL/2026 (fictif) é")
    client.force_login(siege_agent)
    response = client.get(reverse("zonage:arrete_export_csv", args=[arrete.public_id]))
    assert response["Content-Disposition"] == 'attachment; filename="annexe-ars-cvl2026-fictif-e.csv"'


def test_duplicate_reference_is_refused_in_french(client, siege_agent, zonage_territory):
    existing = ArreteFactory()
    client.force_login(siege_agent)
    response = client.post(
        reverse("zonage:arrete_create"),
        {
            "profession": existing.profession_id,
            "reference": existing.reference,
            "titre": "T",
            "methodologie": "2024-01",
        },
    )
    assert response.status_code == 200
    assert ArreteZonage.objects.filter(reference=existing.reference).count() == 1
    assert "existe déjà" in response.content.decode()


def test_compare_with_any_version(client, dd_agent, two_versions):
    v1, v2 = two_versions
    client.force_login(dd_agent)
    url = reverse("zonage:arrete_detail", args=[v1.public_id])
    html = client.get(url, {"comparer": str(v2.public_id)}).content.decode()
    assert "ZIP : 100,0 % → 20,0 %" in html
    assert client.get(url, {"comparer": "00000000-0000-0000-0000-000000000000"}).status_code == 404
