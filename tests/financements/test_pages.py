import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from financements.models import Engagement, Enveloppe
from tests.financements.factories import make_beneficiaire, make_engagement, make_enveloppe

pytestmark = pytest.mark.django_db


def test_commitment_form_scoped_for_a_delegation(
    client, dd_agent, territory, siege_agent, beneficiaire37, beneficiaire45
):
    opened = make_enveloppe(by=siege_agent, libelle="Ouverte au 37", departements=[territory["dep37"]])
    closed = make_enveloppe(by=siege_agent, libelle="Loiret seulement", departements=[territory["dep45"]])
    client.force_login(dd_agent)
    form = client.get(reverse("financements:engagement_create")).context["form"]
    assert list(form.fields["enveloppe"].queryset) == [opened]
    assert list(form.fields["beneficiaire"].queryset) == [beneficiaire37]
    response = client.post(
        reverse("financements:engagement_create"),
        {
            "enveloppe": closed.public_id,
            "beneficiaire": beneficiaire45.public_id,
            "montant": "10",
            "statut": "engage",
            "date_decision": "2026-02-01",
        },
    )
    assert response.status_code == 400
    assert not Engagement.objects.exists()


def test_over_commitment_refused_on_the_form_keeps_input(client, dd_agent, enveloppe, beneficiaire37, siege_agent):
    make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="2450000")
    client.force_login(dd_agent)
    data = {
        "enveloppe": enveloppe.public_id,
        "beneficiaire": beneficiaire37.public_id,
        "montant": "200000",
        "statut": "engage",
        "date_decision": "2026-03-01",
        "reference_convention": "CONV-2026-12",
    }
    response = client.post(reverse("financements:engagement_create"), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "disponible 150\u202f000,00\u00a0€ ; demandé 200\u202f000,00\u00a0€" in content
    assert 'value="CONV-2026-12"' in content
    data["montant"] = "150000"
    response = client.post(reverse("financements:engagement_create"), data)
    assert response.status_code == 302
    engagement = Engagement.objects.get(reference_convention="CONV-2026-12")
    assert engagement.created_by == dd_agent


def test_prefill_from_owning_app(client, siege_agent, beneficiaire37):
    client.force_login(siege_agent)
    url = reverse("financements:engagement_create") + f"?beneficiaire={beneficiaire37.public_id}&montant=45000.50"
    form = client.get(url).context["form"]
    assert form.initial["montant"] == Decimal("45000.50")
    assert form.initial["beneficiaire"] == str(beneficiaire37.public_id)


def test_payment_and_cancellation_pages(client, dd_agent, enveloppe, beneficiaire37, siege_agent):
    engagement = make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="1000")
    client.force_login(dd_agent)
    url = reverse("financements:engagement_action", args=[engagement.public_id, "paiement"])
    too_much = client.post(url, {"paiement-date": "2026-03-01", "paiement-montant": "1200"})
    assert too_much.status_code == 400
    assert "reste à verser 1\u202f000,00\u00a0€" in too_much.content.decode()
    assert client.post(url, {"paiement-date": "2026-03-01", "paiement-montant": "400"}).status_code == 302
    page = client.get(reverse("financements:engagement_detail", args=[engagement.public_id]))
    assert "Versé partiellement" in page.content.decode()
    cancel = client.post(
        reverse("financements:engagement_action", args=[engagement.public_id, "annulation"]),
        {"annulation-date": "2026-04-01", "annulation-motif": "Erreur"},
    )
    assert cancel.status_code == 400
    assert "ne peut pas être annulé" in cancel.content.decode()


def test_envelope_create_and_lowering_refused(client, siege_agent, territory, beneficiaire37):
    client.force_login(siege_agent)
    data = {
        "financeur": "ars_fir",
        "annee": "2026",
        "libelle": "Ingénierie CLS 2026",
        "montant": "300000",
        "programmes": ["cls_ingenierie"],
        "departements": [territory["dep37"].pk, territory["dep45"].pk],
        "notes": "",
    }
    assert client.post(reverse("financements:enveloppe_create"), data).status_code == 302
    enveloppe = Enveloppe.objects.get(libelle="Ingénierie CLS 2026")
    assert enveloppe.programmes == ["cls_ingenierie"]
    make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="250000")
    data["montant"] = "200000"
    response = client.post(reverse("financements:enveloppe_update", args=[enveloppe.public_id]), data)
    assert response.status_code == 400
    assert "déjà engagé (250\u202f000,00\u00a0€)" in response.content.decode()


def test_cofinancement_line(client, dd_agent, beneficiaire37):
    client.force_login(dd_agent)
    url = reverse("financements:cofinancement_add", args=[beneficiaire37.public_id])
    data = {
        "financeur": "region",
        "organisation": "Région Centre-Val de Loire",
        "montant": "20000",
        "annee": "2026",
        "statut": "acquis",
    }
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("financements:beneficiaire_detail", args=[beneficiaire37.public_id]))
    assert "Région Centre-Val de Loire" in page.content.decode()
    assert client.post(url, {**data, "montant": "-1"}).status_code == 400


def test_dashboard_shows_totals_and_chart(client, expert, enveloppe, beneficiaire37, siege_agent):
    make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="123456")
    client.force_login(expert)
    content = client.get(reverse("financements:index")).content.decode()
    assert "123\u202f456\u00a0€" in content
    assert "<svg" in content
    assert reverse("financements:engagement_list") not in content  # comité: totals only


def _add_rows(territory, by, enveloppe, start, stop):
    for i in range(start, stop):
        beneficiaire = make_beneficiaire(territory["dep37"], libelle=f"B{i}")
        make_engagement(enveloppe, beneficiaire, by=by)


def test_list_pages_query_count_constant(client, siege_agent, territory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    enveloppe = make_enveloppe(by=siege_agent, montant="99999999")
    make_enveloppe(by=siege_agent, libelle="Seconde", montant="1000")
    client.force_login(siege_agent)
    urls = [
        reverse("financements:index"),
        reverse("financements:engagement_list"),
        reverse("financements:enveloppe_detail", args=[enveloppe.public_id]),
        reverse("financements:enveloppe_list"),
        reverse("api:financements-engagements"),
        reverse("api:financements-enveloppes"),
    ]

    def counts():
        result = {}
        for url in urls:
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            result[url] = len(context)
        return result

    _add_rows(territory, siege_agent, enveloppe, 0, 2)
    counts()  # warm the session and caches
    with_2 = counts()
    _add_rows(territory, siege_agent, enveloppe, 2, 20)
    assert counts() == with_2


def test_exports_and_filters(client, siege_agent, enveloppe, beneficiaire37, beneficiaire45):
    make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="1000")
    make_engagement(enveloppe, beneficiaire45, by=siege_agent, montant="2000")
    client.force_login(siege_agent)
    url = reverse("financements:engagement_list")
    response = client.get(url, {"departement": beneficiaire45.departement_id, "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Identifiant"
    assert [row[4] for row in rows[1:]] == ["CPTS Orléans Nord"]
    response = client.get(url, {"programme": "cls_ingenierie", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["CLS du Lochois"]
    api = client.get(reverse("api:financements-engagements"), {"statut": "engage", "programme": "cpts"}).json()
    assert [row["beneficiaire_libelle"] for row in api["results"]] == ["CPTS Orléans Nord"]
    enveloppes = client.get(reverse("api:financements-enveloppes")).json()["results"]
    assert enveloppes[0]["engage"] == "3000.00"
    assert enveloppes[0]["disponible"] == "2597000.00"
