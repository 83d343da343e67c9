"""Pages of the plan and of the bilans: access per persona, list queries, htmx status, download."""

import pytest
from django.urls import reverse

from acces_soins.enums import StatutBilan
from acces_soins.models import BilanSemestriel
from acces_soins.periods import Perimetre, Semestre
from acces_soins.services.bilans import bilan_produce, bilan_request
from tests.acces_soins.factories import BilanFactory, ComiteFactory
from tests.acces_soins.helpers import pdf_text

pytestmark = pytest.mark.django_db

VIEWERS = {"siege_agent", "dd_agent", "expert"}
EDITORS = {"siege_agent"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ready_bilan(territory):
    bilan = bilan_request(perimetre=Perimetre.parse("region:24"), semestre=Semestre.parse("2026-S1"), enqueue=False)
    bilan_produce(bilan.pk)
    bilan.refresh_from_db()
    return bilan


def expected(persona_name, allowed, *, denied=404, forbidden_for_viewers=None):
    if persona_name in allowed:
        return 200
    if forbidden_for_viewers and persona_name in VIEWERS:
        return 403
    return denied


@pytest.mark.parametrize("url_name", ["acces_soins:plan", "acces_soins:comite_list", "acces_soins:bilan_list"])
def test_read_pages_per_persona(persona, url_name):
    name, client = persona
    assert client.get(reverse(url_name)).status_code == expected(name, VIEWERS)


def test_edit_pages_per_persona(persona):
    name, client = persona
    from acces_soins.models import Mesure

    mesure = Mesure.objects.get(priorite__numero=1, numero=1)
    for url in (reverse("acces_soins:mesure_edit", args=[mesure.pk]), reverse("acces_soins:comite_create")):
        assert client.get(url).status_code == expected(name, EDITORS, forbidden_for_viewers=True), url
    declinaison = client.get(reverse("acces_soins:declinaison_edit", args=[mesure.pk, "37"]))
    assert declinaison.status_code == expected(name, {"siege_agent", "dd_agent"}, forbidden_for_viewers=True)
    comite = ComiteFactory()
    assert client.get(reverse("acces_soins:comite_detail", args=[comite.public_id])).status_code == expected(
        name, VIEWERS
    )
    edit = client.get(reverse("acces_soins:comite_edit", args=[comite.public_id]))
    assert edit.status_code == expected(name, EDITORS, forbidden_for_viewers=True)


def test_reader_posting_a_measure_change_is_forbidden(client, expert):
    from acces_soins.models import Mesure

    mesure = Mesure.objects.get(priorite__numero=1, numero=1)
    client.force_login(expert)
    response = client.post(
        reverse("acces_soins:mesure_edit", args=[mesure.pk]), {"statut": "non_engagee", "pilote": "x"}
    )
    assert response.status_code == 403
    mesure.refresh_from_db()
    assert mesure.statut == "realisee"


def test_bilan_pages_per_persona(persona, ready_bilan):
    name, client = persona
    for url_name in ("bilan_detail", "bilan_status", "bilan_snapshot", "bilan_download"):
        response = client.get(reverse(f"acces_soins:{url_name}", args=[ready_bilan.public_id]))
        assert response.status_code == expected(name, VIEWERS), url_name
        if url_name == "bilan_download" and response.status_code == 200:
            data = b"".join(response.streaming_content)
            assert response["Content-Disposition"].startswith('attachment; filename="bilan-2026-S1-region-24-v1.pdf"')
            assert "page 1 /" in pdf_text(data)


def test_anonymous_is_sent_to_login(client, ready_bilan):
    for url in (
        reverse("acces_soins:plan"),
        reverse("acces_soins:bilan_list"),
        reverse("acces_soins:bilan_download", args=[ready_bilan.public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("comptes:login"))


def test_request_bilan_per_persona(persona):
    name, client = persona
    url = reverse("acces_soins:bilan_request")
    response = client.post(url, {"perimetre": "departement:37", "semestre": "2026-S1"})
    if name in {"siege_agent", "dd_agent"}:
        assert response.status_code == 302
        bilan = BilanSemestriel.objects.get()
        assert response["Location"] == reverse("acces_soins:bilan_detail", args=[bilan.public_id])
        assert bilan.requested_by.email in {"siege@test.ars.fr", "dd37@test.ars.fr"}
    else:
        assert response.status_code == (403 if name == "expert" else 404)
        assert not BilanSemestriel.objects.exists()
    assert client.get(url).status_code in {404, 405}


def test_delegation_cannot_request_the_regional_bilan(client, dd_agent):
    client.force_login(dd_agent)
    response = client.post(
        reverse("acces_soins:bilan_request"), {"perimetre": "region:24", "semestre": "2026-S1"}, follow=True
    )
    assert not BilanSemestriel.objects.exists()
    assert "La demande n&#x27;a pas été enregistrée" in response.content.decode()


def test_request_through_the_page_runs_the_task_after_commit(
    client, siege_agent, expert, django_capture_on_commit_callbacks
):
    client.force_login(siege_agent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("acces_soins:bilan_request"), {"perimetre": "region:24", "semestre": "2026-S1"})
    bilan = BilanSemestriel.objects.get()
    assert bilan.statut == StatutBilan.PRET
    content = client.get(response["Location"]).content.decode()
    assert "Télécharger le bilan" in content
    assert "hx-trigger" not in content  # finished: no more polling


def test_status_fragment_polls_until_finished(client, siege_agent, territory):
    bilan = BilanFactory(statut=StatutBilan.EN_COURS, progress=40)
    client.force_login(siege_agent)
    fragment = client.get(reverse("acces_soins:bilan_status", args=[bilan.public_id]), HTTP_HX_REQUEST="true")
    content = fragment.content.decode()
    assert 'hx-trigger="every 2s"' in content
    assert 'value="40"' in content
    assert "<html" not in content
    BilanSemestriel.objects.filter(pk=bilan.pk).update(
        statut=StatutBilan.ECHEC, erreur="La production a échoué : test."
    )
    content = client.get(reverse("acces_soins:bilan_status", args=[bilan.public_id])).content.decode()
    assert "hx-trigger" not in content
    assert "La production a échoué : test." in content


def test_download_of_a_bilan_not_ready_is_not_found(client, siege_agent, territory):
    bilan = BilanFactory(statut=StatutBilan.EN_COURS)
    client.force_login(siege_agent)
    assert client.get(reverse("acces_soins:bilan_download", args=[bilan.public_id])).status_code == 404
    assert client.get(reverse("acces_soins:bilan_snapshot", args=[bilan.public_id])).status_code == 404


def test_snapshot_view_shows_the_frozen_figures(client, expert, ready_bilan):
    client.force_login(expert)
    content = client.get(reverse("acces_soins:bilan_snapshot", args=[ready_bilan.public_id])).content.decode()
    assert "130\u202f200" in content
    assert "Non disponible" in content
    assert "<svg" in content


@pytest.mark.parametrize("rows", [2, 20])
def test_bilan_list_query_count_does_not_grow(client, siege_agent, rows, django_assert_num_queries):
    for index in range(rows):
        BilanFactory(
            semestre=f"{2000 + index}-S1", statut=StatutBilan.ECHEC, requested_by=siege_agent if index % 2 else None
        )
    client.force_login(siege_agent)
    # session, user, savepoint, scope (3: the siège's région départements), filter choices (région,
    # départements, semestres), count, page, release
    with django_assert_num_queries(10):  # the header's regional identity comes with the scope
        response = client.get(reverse("acces_soins:bilan_list"))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == rows


def test_bilan_list_filters_and_paginates(client, expert, territory):
    for index in range(25):
        BilanFactory(semestre="2026-S1" if index < 22 else "2025-S2", statut=StatutBilan.ECHEC)
    BilanFactory(
        perimetre_type="departement", perimetre_code="37", semestre="2026-S1", statut=StatutBilan.ECHEC, version=1
    )
    client.force_login(expert)
    response = client.get(reverse("acces_soins:bilan_list"))
    assert response.context["page_obj"].paginator.num_pages == 2
    assert 'class="fr-pagination"' in response.content.decode()
    assert "Demander un bilan" not in response.content.decode()
    response = client.get(reverse("acces_soins:bilan_list"), {"perimetre": "departement:37"})
    assert [b.perimetre_code for b in response.context["page_obj"]] == ["37"]
    response = client.get(reverse("acces_soins:bilan_list"), {"semestre": "2025-S2", "statut": "echec"})
    assert len(response.context["page_obj"]) == 3


def test_home_panels_and_navigation(client, siege_agent, expert, porteur_manager, ready_bilan):
    client.force_login(siege_agent)
    content = client.get(reverse("home")).content.decode()
    assert "Consulter et demander les bilans" in content
    assert reverse("acces_soins:bilan_detail", args=[ready_bilan.public_id]) in content
    assert 'href="/plan/"' in content
    client.force_login(expert)
    content = client.get(reverse("home")).content.decode()
    assert "Consulter les bilans" in content
    client.force_login(porteur_manager)
    assert 'href="/bilans/"' not in client.get(reverse("home")).content.decode()


def test_delegation_sees_regional_and_own_departement_bilans_only(client, dd_agent, territory):
    regional = BilanFactory(statut=StatutBilan.ECHEC)
    own = BilanFactory(perimetre_type="departement", perimetre_code="37", statut=StatutBilan.ECHEC, version=1)
    other = BilanFactory(perimetre_type="departement", perimetre_code="45", statut=StatutBilan.ECHEC, version=1)
    client.force_login(dd_agent)
    listed = {b.pk for b in client.get(reverse("acces_soins:bilan_list")).context["page_obj"]}
    assert listed == {regional.pk, own.pk}
    assert client.get(reverse("acces_soins:bilan_detail", args=[other.public_id])).status_code == 404
    assert client.get(reverse("acces_soins:bilan_detail", args=[own.public_id])).status_code == 200
