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
