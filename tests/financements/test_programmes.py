"""The programme apps link their funded objects to the ledger (no duplicated computation)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cls.models import ContratLocalSante
from cls.services import contrats as cls_services
from financements import links, services
from instruction.enums import Etat
from instruction.services import dossier_transition
from tests.cls.factories import complete_lettre
from tests.financements.factories import make_enveloppe

pytestmark = pytest.mark.django_db


@pytest.fixture
def financement(collectivite, porteur_manager, territory, dd_agent):
    dossier = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=dossier, to_etat=Etat.ACCEPTEE, by=dd_agent)
    contrat = ContratLocalSante.objects.get()
    return cls_services.financement_add(
        contrat=contrat, annee=2026, etp=Decimal(1), montant=Decimal(25000), cofinancement=Decimal(10000), by=dd_agent
    )


def test_cls_ingenierie_engaged_from_the_contract_page(client, dd_agent, siege_agent, financement, porteur_manager):
    contrat = financement.contrat
    enveloppe = make_enveloppe(by=siege_agent, libelle="Ingénierie CLS 2026", programmes=["cls_ingenierie"])
    client.force_login(dd_agent)
    response = client.post(reverse("cls:financement_engager", args=[contrat.public_id, 2026]))
    financement.refresh_from_db()
    beneficiaire = financement.beneficiaire
    assert beneficiaire.departement == contrat.departement
    assert response.status_code == 302
    assert f"beneficiaire={beneficiaire.public_id}" in response.url
    assert "montant=25000" in response.url
    form = client.get(response.url).context["form"]
    assert form.initial["montant"] == Decimal("25000.00")
    engagement = services.engagement_add(
        enveloppe=enveloppe,
        beneficiaire=beneficiaire,
        montant=Decimal(25000),
        date_decision=datetime.date(2026, 3, 1),
        by=dd_agent,
    )
    services.paiement_add(engagement=engagement, date=datetime.date(2026, 4, 1), montant=Decimal(12500), by=dd_agent)
    assert links.owner_url(beneficiaire) == reverse("cls:contrat_detail", args=[contrat.public_id])
    page = client.get(reverse("cls:contrat_detail", args=[contrat.public_id]))
    row = page.context["financements"][0]
    assert (row.fin_engage, row.fin_verse) == (Decimal(25000), Decimal(12500))
    assert "Engager sur une enveloppe" in page.content.decode()
    # the collectivité sees its figures, not the ledger's buttons; it cannot engage
    client.force_login(porteur_manager)
    page = client.get(reverse("cls:contrat_detail", args=[contrat.public_id]))
    assert "Engager sur une enveloppe" not in page.content.decode()
    assert client.post(reverse("cls:financement_engager", args=[contrat.public_id, 2026])).status_code == 403


@pytest.fixture
def cpts_signed(territory, cpts_porteur, siege_agent):
    from tests.cpts.conftest import ensure_reference_data
    from tests.cpts.factories import signed_cpts

    ensure_reference_data()
    organisation = cpts_porteur.memberships.get().organisation
    return signed_cpts(
        porteur=organisation, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]]
    )


def test_cpts_statement_engaged_with_the_amount_computed_by_cpts(client, dd_agent, cpts_signed, cpts_porteur):
    from cpts.services.financement import releve_annuel

    client.force_login(dd_agent)
    detail = client.get(reverse("cpts:detail", args=[cpts_signed.public_id]))
    assert "Engager ce relevé sur une enveloppe" in detail.content.decode()
    response = client.post(reverse("cpts:engager", args=[cpts_signed.public_id, 1]))
    assert response.status_code == 302
    cpts_signed.refresh_from_db()
    releve = releve_annuel(cpts=cpts_signed, annee=1)
    form = client.get(response.url).context["form"]
    assert form.initial["beneficiaire"] == str(cpts_signed.beneficiaire.public_id)
    assert form.initial["montant"] == releve.total_fixe + releve.total_variable
    assert links.owner_url(cpts_signed.beneficiaire) == reverse("cpts:detail", args=[cpts_signed.public_id])
    client.force_login(cpts_porteur)
    assert client.post(reverse("cpts:engager", args=[cpts_signed.public_id, 1])).status_code == 403


def test_msp_beneficiary_page(client, dd_agent, territory, cpts_porteur):
    from tests.cpts.factories import make_msp

    msp = make_msp(
        departement=territory["dep37"], commune=territory["loches"], porteur=cpts_porteur.memberships.get().organisation
    )
    client.force_login(dd_agent)
    response = client.post(reverse("cpts:msp_financements", args=[msp.public_id]))
    msp.refresh_from_db()
    assert response.url == reverse("financements:beneficiaire_detail", args=[msp.beneficiaire.public_id])
    page = client.get(response.url)
    assert reverse("cpts:msp_detail", args=[msp.public_id]) in page.content.decode()
