from decimal import Decimal

import pytest
from django.urls import reverse

from indicateurs.enums import Statut
from indicateurs.models import Avis, Recalcul, Valeur
from tests.indicateurs.factories import (
    BaselineFactory,
    CibleFactory,
    IndicateurFactory,
    PerimetreFactory,
    ValeurFactory,
)

pytestmark = pytest.mark.django_db

VIEWERS = {"siege_agent", "dd_agent", "expert"}
STAFF = {"siege_agent", "dd_agent"}


@pytest.fixture
def region_data(territory):
    region = PerimetreFactory()
    dep37 = PerimetreFactory(dep37=True)
    PerimetreFactory(dep45=True)
    indicateur = IndicateurFactory(code="T_MSP", libelle="MSP de test")
    BaselineFactory(indicateur=indicateur, perimetre=region, valeur=0, periode="2024-S1")
    CibleFactory(indicateur=indicateur, perimetre=region, valeur=100, periode="2028-S1")
    for periode, valeur in [("2025-S1", 20), ("2025-S2", 30), ("2026-S1", 45)]:
        ValeurFactory(indicateur=indicateur, perimetre=region, periode=periode, valeur=valeur)
    ValeurFactory(indicateur=indicateur, perimetre=dep37, periode="2026-S1", valeur=12)
    return {"indicateur": indicateur, "region": region, "dep37": dep37}


def test_anonymous_is_sent_to_login(client, region_data):
    for url in [reverse("indicateurs:dashboard"), reverse("indicateurs:detail", args=["T_MSP"])]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/comptes/connexion/" in response["Location"]


def test_dashboard_and_detail_access_per_persona(persona, region_data):
    name, client = persona
    expected = 200 if name in VIEWERS else 404
    assert client.get(reverse("indicateurs:dashboard")).status_code == expected
    assert client.get(reverse("indicateurs:detail", args=["T_MSP"])).status_code == expected


def test_value_entry_access_per_persona(persona, region_data):
    name, client = persona
    expected = 200 if name in STAFF else (403 if name in VIEWERS else 404)
    assert client.get(reverse("indicateurs:saisie", args=["T_MSP"])).status_code == expected
    assert client.get(reverse("indicateurs:import")).status_code == expected


def test_avis_access_per_persona(persona, region_data):
    name, client = persona
    response = client.post(reverse("indicateurs:avis", args=["T_MSP"]), {"periode": "2026-S1", "texte": "Avis"})
    expected = 302 if name == "expert" else (403 if name in VIEWERS else 404)
    assert response.status_code == expected
    assert Avis.objects.count() == (1 if name == "expert" else 0)


def test_recalcul_access_per_persona(persona, region_data):
    name, client = persona
    response = client.post(reverse("indicateurs:recalcul"), {"periode": "2026-S1"})
    expected = 302 if name == "siege_agent" else (403 if name in VIEWERS else 404)
    assert response.status_code == expected
    assert Recalcul.objects.count() == (1 if name == "siege_agent" else 0)


def test_comite_reads_dashboard_with_status_and_no_write_controls(client, expert, region_data):
    client.force_login(expert)
    content = client.get(reverse("indicateurs:dashboard")).content.decode()
    assert "MSP de test" in content
    assert "Priorité 1" in content
    assert "en bonne voie" in content  # 45 at 2026-S1 on the 0 → 100 (2024-S1 → 2028-S1) trajectory
    assert "Importer des valeurs" not in content
    assert "Recalculer" not in content
    assert "Comment le statut est-il calculé" in content
    assert 'aria-label="Évolution : 2025-S1 20 ; 2025-S2 30 ; 2026-S1 45 ; cible 100 en 2028-S1"' in content


def test_detail_shows_charts_with_table_alternatives_and_avis_form(client, expert, region_data):
    client.force_login(expert)
    content = client.get(reverse("indicateurs:detail", args=["T_MSP"])).content.decode()
    assert content.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert "Données du graphique d'évolution" in content
    assert "Données du graphique par département" in content
    assert "Trajectoire vers la cible" in content
    assert "Rendre un avis" in content
    assert "Saisir une valeur" not in content


def test_detail_for_a_departement(client, dd_agent, region_data):
    client.force_login(dd_agent)
    response = client.get(reverse("indicateurs:detail", args=["T_MSP"]), {"perimetre": "departement:37"})
    assert response.context["perimetre"] == region_data["dep37"]
    assert response.context["ligne"].derniere.valeur == 12
    assert response.context["ligne"].statut == Statut.NON_EVALUABLE


def test_comite_records_avis_and_history_is_kept(client, expert, region_data):
    client.force_login(expert)
    url = reverse("indicateurs:avis", args=["T_MSP"])
    client.post(url, {"periode": "2026-S1", "texte": "Premier avis"})
    client.post(url, {"periode": "2026-S1", "texte": "Avis révisé"})
    assert list(Avis.objects.order_by("pk").values_list("texte", "auteur")) == [
        ("Premier avis", expert.pk),
        ("Avis révisé", expert.pk),
    ]
    content = client.get(reverse("indicateurs:detail", args=["T_MSP"])).content.decode()
    assert "Premier avis" in content
    assert "Avis révisé" in content


def test_invalid_avis_is_not_recorded(client, expert, region_data):
    client.force_login(expert)
    response = client.post(
        reverse("indicateurs:avis", args=["T_MSP"]), {"periode": "2026-S9", "texte": "x"}, follow=True
    )
    assert Avis.objects.count() == 0
    assert "Avis non enregistré" in response.content.decode()


def test_delegation_enters_a_value_for_its_departement_only(client, dd_agent, region_data):
    client.force_login(dd_agent)
    url = reverse("indicateurs:saisie", args=["T_MSP"])
    form = client.get(url).context["form"]
    assert [p.key for p in form.fields["perimetre"].queryset] == ["departement:37"]
    response = client.post(url, {"perimetre": region_data["region"].pk, "periode": "2026-S2", "valeur": "3"})
    assert response.status_code == 200  # not a valid choice
    response = client.post(url, {"perimetre": region_data["dep37"].pk, "periode": "2026-S2", "valeur": "13,5"})
    assert response.status_code == 302
    valeur = Valeur.objects.get(perimetre=region_data["dep37"], periode="2026-S2")
    assert valeur.valeur == Decimal("13.5")
    assert valeur.saisi_par == dd_agent


def test_value_entry_requires_a_value_or_secret(client, siege_agent, region_data):
    client.force_login(siege_agent)
    url = reverse("indicateurs:saisie", args=["T_MSP"])
    response = client.post(url, {"perimetre": region_data["region"].pk, "periode": "2026-S2"})
    assert "Indiquez une valeur" in response.content.decode()
    response = client.post(url, {"perimetre": region_data["region"].pk, "periode": "2026-S2", "secret": "on"})
    assert response.status_code == 302
    assert Valeur.objects.get(periode="2026-S2").secret is True


@pytest.mark.parametrize("extra", [2, 20])
def test_dashboard_query_count_is_constant(client, expert, region_data, extra, django_assert_num_queries):
    for number in range(extra):
        indicateur = IndicateurFactory(priorite=1 + number % 4)
        ValeurFactory(indicateur=indicateur, perimetre=region_data["region"])
        BaselineFactory(indicateur=indicateur, perimetre=region_data["region"])
        CibleFactory(indicateur=indicateur, perimetre=region_data["region"])
    client.force_login(expert)
    # session, user, savepoint, scope (2), perimeters, indicators, values, baselines, targets, release
    with django_assert_num_queries(10):  # + the header's regional identity (cold cache: the région and its row)
        response = client.get(reverse("indicateurs:dashboard"))
    assert response.status_code == 200


def test_comite_home_panel_is_real(client, expert, region_data):
    client.force_login(expert)
    content = client.get(reverse("home")).content.decode()
    assert "Ouvrir le tableau de bord" in content
    assert reverse("indicateurs:dashboard") in content


def test_navigation_entry_only_for_the_space(client, porteur_manager, expert, region_data):
    client.force_login(porteur_manager)
    assert 'href="/indicateurs/"' not in client.get(reverse("home")).content.decode()
    client.force_login(expert)
    assert 'href="/indicateurs/"' in client.get(reverse("home")).content.decode()


def test_reperes_access_per_persona(persona, region_data):
    name, client = persona
    expected = 200 if name == "siege_agent" else (403 if name in VIEWERS else 404)
    assert client.get(reverse("indicateurs:reperes", args=["T_MSP"])).status_code == expected


def test_siege_sets_target_and_status_follows(client, siege_agent, region_data):
    from indicateurs.models import Cible

    client.force_login(siege_agent)
    url = reverse("indicateurs:reperes", args=["T_MSP"])
    data = {
        "kind": "cible",
        "perimetre": region_data["region"].pk,
        "valeur": "50",
        "periode": "2028-S1",
        "source": "COPIL",
    }
    assert client.post(url, data).status_code == 302
    cible = Cible.objects.get(indicateur=region_data["indicateur"], perimetre=region_data["region"])
    assert cible.valeur == 50
    assert cible.history.count() == 2  # created by the fixture, then changed
    response = client.get(reverse("indicateurs:detail", args=["T_MSP"]))
    assert response.context["ligne"].statut == Statut.EN_BONNE_VOIE  # 45 at mid-course towards 50 from 0


def test_detail_shows_value_history(client, siege_agent, region_data):
    client.force_login(siege_agent)
    url = reverse("indicateurs:saisie", args=["T_MSP"])
    client.post(url, {"perimetre": region_data["region"].pk, "periode": "2026-S1", "valeur": "46"})
    response = client.get(reverse("indicateurs:detail", args=["T_MSP"]))
    historique = response.context["historique"]
    assert historique[0].valeur == 46
    assert historique[0].history_user == siege_agent
    assert "Historique des valeurs" in response.content.decode()


def test_recalcul_status_is_polled_while_running(persona, region_data):
    name, client = persona
    recalcul = Recalcul.objects.create(periode="2026-S1")
    response = client.get(reverse("indicateurs:recalcul_etat", args=[recalcul.pk]))
    expected = 200 if name == "siege_agent" else (403 if name in VIEWERS else 404)
    assert response.status_code == expected
    if name == "siege_agent":
        assert "hx-trigger" in response.content.decode()
        Recalcul.objects.filter(pk=recalcul.pk).update(status="done", resultats={"P3_MSP": "3\u00a0valeurs calculées"})
        content = client.get(reverse("indicateurs:recalcul_etat", args=[recalcul.pk])).content.decode()
        assert "hx-trigger" not in content
        assert "P3_MSP : 3\u00a0valeurs calculées" in content


def test_siege_requests_a_recompute_and_sees_its_outcome(
    client, siege_agent, region_data, django_capture_on_commit_callbacks, monkeypatch
):
    import sys
    from types import SimpleNamespace

    monkeypatch.setitem(sys.modules, "cpts.services", SimpleNamespace())  # one source without its service
    client.force_login(siege_agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("indicateurs:recalcul"), {"periode": "2026-S1"})
    content = client.get(reverse("indicateurs:dashboard")).content.decode()
    assert "Dernier recalcul : 2026-S1 — terminé" in content
    assert "source non disponible" in content


@pytest.mark.parametrize("count", [2, 20])
def test_detail_query_count_is_constant(client, siege_agent, region_data, count, django_assert_num_queries):
    from tests.indicateurs.factories import AvisFactory

    for number in range(count):
        ValeurFactory(
            indicateur=region_data["indicateur"],
            perimetre=region_data["region"],
            periode=f"{2000 + number}-S1",
            saisi_par=siege_agent,
        )
        AvisFactory(indicateur=region_data["indicateur"])
    client.force_login(siege_agent)
    # session, user, savepoint, scope (3: the siège's région départements), indicator, perimeters, values (read once
    # for the status row and the series), baseline, target, trend, the départements' values (the départements are
    # among the perimeters), history, avis, the plan's measures it follows, release
    with django_assert_num_queries(14):  # the header's regional identity comes with the scope
        assert client.get(reverse("indicateurs:detail", args=["T_MSP"])).status_code == 200


def test_dashboard_without_referential_renders(client):
    from comptes.enums import Role
    from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory

    user = UserFactory(email="comite-seul@test.fr")
    MembershipFactory(user=user, organisation=OrganisationFactory(comite=True), role=Role.LECTURE)
    client.force_login(user)
    response = client.get(reverse("indicateurs:dashboard"))
    assert response.status_code == 200
    assert "Priorité 1" in response.content.decode()  # the seeded région perimeter is enough


def test_each_value_of_the_trend_has_its_status(client, expert, region_data):
    client.force_login(expert)
    rows = client.get(reverse("indicateurs:detail", args=["T_MSP"])).context["tendance"]["rows"]
    statuts = {str(row["semestre"]): row["statut"] for row in rows}
    # 0 → 100 from 2024-S1 to 2028-S1: 12.5 expected per semester.
    assert statuts["2025-S1"] == Statut.A_RISQUE  # 20 / 25 = 0.8
    assert statuts["2025-S2"] == Statut.A_RISQUE  # 30 / 37.5 = 0.8
    assert statuts["2026-S1"] == Statut.EN_BONNE_VOIE  # 45 / 50
    assert statuts["2024-S1"] is None  # the baseline row has no measured value


def test_siege_home_has_the_indicators_panel(client, siege_agent, region_data):
    client.force_login(siege_agent)
    content = client.get(reverse("home")).content.decode()
    assert "Tableau de bord des indicateurs" in content
    assert "Ouvrir le tableau de bord" in content
