"""A CLS may span several départements: each délégation concerned sees it (lists, page, API, exports) and contributes;
the pilot département's délégation manages it. Renewal opens CLS n+1 and keeps the lineage."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cls.enums import Etape
from cls.models import ContratLocalSante, EtapeTransition, FicheAction
from cls.services import contrats as services
from cls.services.coverage import fiches_actions_counts, pipeline

pytestmark = pytest.mark.django_db


def make_contrat(collectivite, territory, nom, communes, by, **fields):
    contrat = ContratLocalSante.objects.create(
        nom=nom, porteur=collectivite, departement=territory["dep37"], etape=Etape.MISE_EN_OEUVRE, **fields
    )
    services.contrat_perimetre_set(contrat=contrat, communes=communes)
    EtapeTransition.objects.create(contrat=contrat, to_etape=contrat.etape, date=datetime.date(2026, 1, 1), by=by)
    FicheAction.objects.create(contrat=contrat, numero="1", intitule=f"Action de {nom}")
    return contrat


@pytest.fixture
def spanning(collectivite, territory, dd_agent):
    """Piloted by the 37 délégation, its perimeter reaches Orléans (45)."""
    return make_contrat(
        collectivite, territory, "CLS Loches–Orléans", [territory["loches"], territory["orleans"]], dd_agent
    )


@pytest.fixture
def local(collectivite, territory, dd_agent):
    return make_contrat(collectivite, territory, "CLS Chinon", [territory["chinon"]], dd_agent)


def test_departements_follow_the_perimeter(spanning, local, territory):
    assert set(spanning.departements.values_list("code", flat=True)) == {"37", "45"}
    assert spanning.departements_codes == "37, 45"
    assert list(local.departements.values_list("code", flat=True)) == ["37"]
    services.contrat_perimetre_set(contrat=spanning, communes=[territory["loches"]])
    assert list(spanning.departements.values_list("code", flat=True)) == ["37"]


def test_both_delegations_see_it_the_other_does_not_see_the_local_one(client, spanning, local, dd_agent, dd45_agent):
    client.force_login(dd45_agent)
    names = [c.nom for c in client.get(reverse("cls:contrat_list")).context["page_obj"]]
    assert names == ["CLS Loches–Orléans"]
    assert client.get(reverse("cls:contrat_detail", args=[spanning.public_id])).status_code == 200
    assert client.get(reverse("cls:contrat_detail", args=[local.public_id])).status_code == 404
    api = client.get("/api/v1/cls/").json()
    assert [row["nom"] for row in api["results"]] == ["CLS Loches–Orléans"]
    assert api["results"][0]["departement"] == "37"
    assert api["results"][0]["departements"] == ["37", "45"]
    assert client.get(f"/api/v1/cls/{local.public_id}/").status_code == 404
    fiches = client.get(reverse("cls:fiche_list")).context["page_obj"]
    assert [f.intitule for f in fiches] == ["Action de CLS Loches–Orléans"]
    csv = client.get(reverse("cls:fiche_list"), {"export": "csv"}).content.decode()
    assert "37, 45" in csv
    assert "Action de CLS Chinon" not in csv
    client.force_login(dd_agent)
    assert len(client.get(reverse("cls:contrat_list")).context["page_obj"]) == 2


def test_the_other_delegation_contributes_but_does_not_manage(client, spanning, dd45_agent):
    client.force_login(dd45_agent)
    assert client.get(reverse("cls:fiche_create", args=[spanning.public_id])).status_code == 200
    etape = reverse("cls:contrat_action", args=[spanning.public_id, "etape"])
    assert client.post(etape, {"etape-to_etape": Etape.EVALUATION}).status_code == 403
    signataire = reverse("cls:contrat_action", args=[spanning.public_id, "signataire"])
    assert client.post(signataire, {"signataire-type": "epci", "signataire-nom": "X"}).status_code == 403
    page = client.get(reverse("cls:contrat_detail", args=[spanning.public_id])).content.decode()
    assert "Départements concernés" in page
    assert "Loiret" in page


def test_figures_and_filters_by_departement_count_every_cls_reaching_it(
    client, spanning, local, territory, siege_agent
):
    assert pipeline(perimetre=territory["dep45"], on=datetime.date(2026, 6, 30))[Etape.MISE_EN_OEUVRE] == 1
    assert pipeline(perimetre=territory["dep37"], on=datetime.date(2026, 6, 30))[Etape.MISE_EN_OEUVRE] == 2
    assert fiches_actions_counts(departement=territory["dep45"], on=datetime.date(2026, 6, 30))["total"] == 1
    assert fiches_actions_counts(region=territory["dep45"].region, on=datetime.date(2026, 6, 30))["total"] == 2
    client.force_login(siege_agent)
    filtered = client.get(reverse("cls:contrat_list"), {"departement": territory["dep45"].pk}).context["page_obj"]
    assert [c.nom for c in filtered] == ["CLS Loches–Orléans"]
    api = client.get("/api/v1/cls/", {"departement": territory["dep45"].pk}).json()
    assert [row["nom"] for row in api["results"]] == ["CLS Loches–Orléans"]
    fiches = client.get(reverse("cls:fiche_list"), {"departement": territory["dep45"].pk}).context["page_obj"]
    assert len(fiches) == 1


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/cls/contrats/", "/cls/fiches-actions/", "/api/v1/cls/"])
def test_list_query_counts_stay_constant_with_spanning_contracts(client, collectivite, territory, dd45_agent, url):
    client.force_login(dd45_agent)
    communes = [territory["loches"], territory["orleans"]]
    for n in range(2):
        make_contrat(collectivite, territory, f"CLS {n}", communes, dd45_agent)
    few = _count(client, url)
    for n in range(2, 12):
        make_contrat(collectivite, territory, f"CLS {n}", communes, dd45_agent)
    assert _count(client, url) == few


# --- Renewal ---------------------------------------------------------------------------------------------------------


def test_renewal_opens_cls_n_plus_1_and_keeps_the_lineage(client, spanning, dd_agent, dd45_agent):
    ContratLocalSante.objects.filter(pk=spanning.pk).update(etape=Etape.EVALUATION)
    spanning.refresh_from_db()
    for code in ("rapport_evaluation", "evaluation_restituee"):
        services.contrat_check(contrat=spanning, code=code, done=True, by=dd_agent)
    services.contrat_advance(contrat=spanning, to_etape=Etape.RENOUVELE, by=dd_agent)
    successor = ContratLocalSante.objects.get(predecessor=spanning)
    assert (successor.nom, successor.rang, successor.etape) == ("CLS Loches–Orléans — 2e contrat", 2, Etape.CADRAGE)
    assert set(successor.perimetre.all()) == set(spanning.perimetre.all())
    assert set(successor.departements.values_list("code", flat=True)) == {"37", "45"}
    assert successor.population == 6_300 + 116_000
    assert successor.etapes.get().reason == "Renouvellement de « CLS Loches–Orléans »"
    with pytest.raises(ValidationError, match="déjà été renouvelé"):
        services.contrat_renew(contrat=spanning, by=dd_agent)
    client.force_login(dd45_agent)
    page = client.get(reverse("cls:contrat_detail", args=[spanning.public_id])).content.decode()
    assert "Renouvelé par" in page
    assert reverse("cls:contrat_detail", args=[successor.public_id]) in page
    page = client.get(reverse("cls:contrat_detail", args=[successor.public_id])).content.decode()
    assert "Contrat précédent" in page
    assert reverse("cls:contrat_detail", args=[spanning.public_id]) in page
    assert "(ce contrat est le 2e)" in page
    detail = client.get(f"/api/v1/cls/{spanning.public_id}/").json()
    assert detail["successeur"] == str(successor.public_id)
    assert client.get(f"/api/v1/cls/{successor.public_id}/").json()["predecesseur"] == str(spanning.public_id)


def test_only_a_renewed_contract_opens_the_next_one(spanning, dd_agent):
    with pytest.raises(ValidationError, match="Seul un contrat renouvelé"):
        services.contrat_renew(contrat=spanning, by=dd_agent)


def test_reviews_follow_the_end_date_when_no_duration(spanning, dd_agent):
    """A CLS aligned on the end of the PRS has an end date and no duration in years."""
    ContratLocalSante.objects.filter(pk=spanning.pk).update(
        date_signature=datetime.date(2026, 3, 1), duree_annees=None, date_fin=datetime.date(2028, 12, 31)
    )
    spanning.refresh_from_db()
    assert spanning.annees_du_contrat == 3
    services.revue_add(contrat=spanning, annee=3, date=datetime.date(2028, 6, 1), synthese="RAS", by=dd_agent)
    with pytest.raises(ValidationError, match="entre 1 et 3"):
        services.revue_add(contrat=spanning, annee=4, date=datetime.date(2029, 6, 1), synthese="RAS", by=dd_agent)


def test_admin_edit_of_the_perimeter_keeps_the_departements_in_step(spanning, territory, rf, siege_agent):
    from types import SimpleNamespace

    from django.contrib import admin

    model_admin = admin.site._registry[ContratLocalSante]
    form = SimpleNamespace(instance=spanning, save_m2m=lambda: spanning.perimetre.set([territory["loches"]]))
    model_admin.save_related(rf.post("/"), form, [], change=True)
    assert list(spanning.departements.values_list("code", flat=True)) == ["37"]
