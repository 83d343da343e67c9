import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cls.enums import Etape, StatutFiche
from cls.models import ContratLocalSante, FicheAction
from cls.services import contrats as services
from cls.services.coverage import cls_coverage, fiches_actions_counts, pipeline
from cls.services.fiches import fiche_save
from instruction.enums import Etat
from instruction.services import dossier_transition
from tests.cls.factories import complete_lettre
from tests.instruction.factories import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def contrat(collectivite, porteur_manager, territory, dd_agent):
    dossier = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=dossier, to_etat=Etat.ACCEPTEE, by=dd_agent)
    return ContratLocalSante.objects.get()


def _tick_all(contrat, user):
    for item in services.gate_status(contrat):
        if not item["done"]:
            services.contrat_check(contrat=contrat, code=item["code"], done=True, by=user)


def test_gate_blocks_then_allows(contrat, dd_agent):
    with pytest.raises(ValidationError, match="Points de contrôle manquants"):
        services.contrat_advance(contrat=contrat, to_etape=Etape.DIAGNOSTIC, by=dd_agent)
    with pytest.raises(ValidationError, match="Passage impossible"):
        services.contrat_advance(contrat=contrat, to_etape=Etape.SIGNE, by=dd_agent)
    _tick_all(contrat, dd_agent)
    services.contrat_advance(contrat=contrat, to_etape=Etape.DIAGNOSTIC, by=dd_agent)
    assert contrat.etape == Etape.DIAGNOSTIC
    assert list(contrat.etapes.values_list("to_etape", flat=True)) == [Etape.CADRAGE, Etape.DIAGNOSTIC]


def test_document_satisfies_the_gate_item(client, contrat, dd_agent, porteur_manager):
    _tick_all(contrat, dd_agent)
    services.contrat_advance(contrat=contrat, to_etape=Etape.DIAGNOSTIC, by=dd_agent)
    client.force_login(porteur_manager)
    response = client.post(
        reverse("cls:contrat_action", args=[contrat.public_id, "document"]),
        {"document-type": "rapport_diagnostic", "document-document": SimpleUploadedFile("diag.pdf", pdf_bytes())},
    )
    assert response.status_code == 302
    gate = {item["code"]: item["done"] for item in services.gate_status(contrat)}
    assert gate["rapport_diagnostic"] is True
    assert gate["diagnostic_restitue"] is False
    document = contrat.documents.get()
    download = client.get(reverse("cls:contrat_document", args=[document.public_id]))
    assert download.status_code == 200
    download.close()


def _to_elaboration(contrat, user):
    for etape in (Etape.DIAGNOSTIC, Etape.ELABORATION):
        _tick_all(contrat, user)
        services.contrat_advance(contrat=contrat, to_etape=etape, by=user)
    _tick_all(contrat, user)


def test_signature_computes_the_end_date_and_requires_ars_and_collectivite(contrat, dd_agent, territory):
    _to_elaboration(contrat, dd_agent)
    with pytest.raises(ValidationError, match="Signataires obligatoires"):
        services.contrat_sign(
            contrat=contrat,
            date_signature=datetime.date(2026, 3, 1),
            duree_annees=5,
            signataires=[("ars", "")],
            axes=["Prévention"],
            by=dd_agent,
        )
    services.contrat_sign(
        contrat=contrat,
        date_signature=datetime.date(2026, 3, 1),
        duree_annees=5,
        signataires=[("ars", ""), ("collectivite", ""), ("cpam", "")],
        axes=["Prévention", "Accès aux soins"],
        by=dd_agent,
    )
    contrat.refresh_from_db()
    assert contrat.etape == Etape.SIGNE
    assert contrat.date_fin == datetime.date(2031, 2, 28)
    assert contrat.axes.count() == 2
    # in force: covered population counts Loches' EPCI communes
    population, share = cls_coverage(departement=contrat.departement, on=datetime.date(2027, 1, 1))
    assert population == contrat.population
    assert 0 < share < 1
    assert cls_coverage(departement=contrat.departement, on=datetime.date(2032, 1, 1))[0] == 0
    assert pipeline()[Etape.SIGNE] == 1
    assert pipeline(perimetre=contrat.departement.region)[Etape.SIGNE] == 1
    assert pipeline(perimetre=territory["dep45"])[Etape.SIGNE] == 0
    assert [stage.label for stage in pipeline()][:2] == ["Cadrage", "Diagnostic territorial partagé"]
    services.revue_add(contrat=contrat, annee=1, date=datetime.date(2027, 3, 1), synthese="RAS", by=dd_agent)
    with pytest.raises(ValidationError):
        services.revue_add(contrat=contrat, annee=6, date=datetime.date(2027, 3, 1), synthese="RAS", by=dd_agent)
    financement = services.financement_add(
        contrat=contrat, annee=2026, etp=1, montant=25000, cofinancement=10000, by=dd_agent
    )
    # the payments of this funding live in the ledger (financements), on a commitment
    from financements.selectors import paiements_of
    from financements.services import engagement_add, paiement_add
    from tests.financements.factories import make_enveloppe

    beneficiaire = services.financement_beneficiaire(financement=financement)
    assert services.financement_beneficiaire(financement=financement) == beneficiaire  # created once
    enveloppe = make_enveloppe(by=dd_agent, libelle="Ingénierie CLS 2026", programmes=["cls_ingenierie"])
    engagement = engagement_add(
        enveloppe=enveloppe,
        beneficiaire=beneficiaire,
        montant=financement.montant,
        date_decision=datetime.date(2026, 5, 1),
        by=dd_agent,
    )
    paiement_add(engagement=engagement, date=datetime.date(2026, 6, 1), montant=12500, by=dd_agent)
    assert [p.montant for p in paiements_of(beneficiaire)] == [12500]
    services.avenant_add(contrat=contrat, date=datetime.date(2027, 6, 1), objet="Ajout d'un axe", by=dd_agent)
    assert contrat.avenants.count() == 1


def test_abandon_requires_a_reason(contrat, dd_agent):
    with pytest.raises(ValidationError):
        services.contrat_abandon(contrat=contrat, reason=" ", by=dd_agent)
    services.contrat_abandon(contrat=contrat, reason="Changement d'exécutif", by=dd_agent)
    assert contrat.etape == Etape.ABANDONNE


@pytest.mark.parametrize("action", ["etape", "controle", "signature", "abandon", "financement"])
def test_contrat_manage_actions_access(persona, contrat, action):
    name, client = persona
    status = client.post(reverse("cls:contrat_action", args=[contrat.public_id, action]), {}).status_code
    expected = {"siege_agent": 302, "dd_agent": 302, "porteur_manager": 403, "porteur_reader": 403}.get(name, 404)
    assert status == expected


def test_contrat_page_renders_for_manager(client, contrat, dd_agent):
    client.force_login(dd_agent)
    page = client.get(reverse("cls:contrat_detail", args=[contrat.public_id])).content.decode()
    assert "Points de contrôle" in page
    assert "Abandonner le contrat" in page


def test_fiches_en_retard_list_and_export(client, contrat, dd_agent, expert, porteur_manager, territory):
    fiche_save(
        fiche=FicheAction(
            contrat=contrat,
            numero="1.1",
            intitule="Ateliers nutrition",
            date_debut=datetime.date(2020, 1, 1),
            date_fin=datetime.date(2021, 1, 1),
            statut=StatutFiche.EN_COURS,
        ),
        budget=[("ARS", 1000), ("Commune", 500)],
        by=dd_agent,
    )
    fiche_save(
        fiche=FicheAction(
            contrat=contrat,
            numero="1.2",
            intitule="Réalisée",
            date_fin=datetime.date(2021, 1, 1),
            statut=StatutFiche.REALISEE,
        ),
        budget=[],
        by=dd_agent,
    )
    retards = dict(FicheAction.objects.with_retard().values_list("numero", "en_retard"))
    assert retards == {"1.1": True, "1.2": False}
    counts = fiches_actions_counts(departement=contrat.departement, on=datetime.date(2026, 1, 1))
    assert (counts["total"], counts["en_retard"], counts[StatutFiche.REALISEE]) == (2, 1, 1)
    assert fiches_actions_counts(departement=contrat.departement, on=datetime.date(2020, 6, 1))["en_retard"] == 0
    assert fiches_actions_counts(departement=territory["dep45"], on=datetime.date(2026, 1, 1))["total"] == 0
    client.force_login(dd_agent)
    response = client.get(reverse("cls:fiche_list"), {"en_retard": "true"})
    assert "Ateliers nutrition" in response.content.decode()
    assert "Réalisée" not in [f.intitule for f in response.context["fiches"]]
    csv = client.get(reverse("cls:fiche_list"), {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "Ateliers nutrition" in csv.content.decode()
    assert "1500" in csv.content.decode()
    xlsx = client.get(reverse("cls:fiche_list"), {"export": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    client.force_login(porteur_manager)
    response = client.post(
        reverse("cls:fiche_create", args=[contrat.public_id]),
        {
            "numero": "2.1",
            "intitule": "Nouvelle",
            "statut": "non_demarree",
            "budget": "ARS ; 2000",
            "communes": [contrat.perimetre.first().pk],
        },
    )
    assert response.status_code == 302
    assert FicheAction.objects.get(numero="2.1").communes.count() == 1
    assert FicheAction.objects.get(numero="2.1").lignes_budget.get().montant == 2000
    client.force_login(expert)  # the comité sees fiches of signed contracts only
    assert client.get(reverse("cls:fiche_list")).context["page_obj"].paginator.count == 0


def test_lettres_intention_figures_for_the_indicators(collectivite, porteur_manager, territory, dd_agent):
    from django.utils import timezone

    from instruction.selectors import lettres_intention

    accepted = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
    dossier_transition(dossier=accepted, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=accepted, to_etat=Etat.ACCEPTEE, by=dd_agent)
    complete_lettre(organisation=collectivite, user=porteur_manager, communes=[territory["loches"]])  # still open
    today = timezone.localdate()
    rows = lettres_intention(departement=territory["dep37"], debut=today, fin=today)
    assert sorted(rows, key=lambda row: row[2] is None) == [(today, today, True), (today, None, None)]
    assert lettres_intention(departement=territory["dep45"], debut=today, fin=today) == []
    assert (
        lettres_intention(
            region=territory["dep37"].region,
            debut=today.replace(year=2000),
            fin=today.replace(year=2000, month=1, day=2),
        )
        == []
    )


def test_signature_form_records_the_names_of_optional_signatories(client, contrat, dd_agent):
    _to_elaboration(contrat, dd_agent)
    client.force_login(dd_agent)
    url = reverse("cls:contrat_action", args=[contrat.public_id, "signature"])
    page = client.get(reverse("cls:contrat_detail", args=[contrat.public_id])).content.decode()
    assert "CPAM : nom ou institution" in page
    base = {"signature-date_signature": "2026-03-01", "signature-duree_annees": "5", "signature-axes": "Prévention"}
    # the mandatory signatories stay mandatory; "autre" needs a name
    client.post(url, {**base, "signature-signataires": ["ars", "autre"]})
    contrat.refresh_from_db()
    assert contrat.etape == Etape.ELABORATION
    response = client.post(
        url,
        {
            **base,
            "signature-signataires": ["ars", "collectivite", "cpam"],
            "signature-nom_cpam": "CPAM d'Indre-et-Loire",
            "signature-nom_prefet": "Préfète d'Indre-et-Loire",  # a name alone adds the signatory
        },
    )
    assert response.status_code == 302
    contrat.refresh_from_db()
    assert contrat.etape == Etape.SIGNE
    assert set(contrat.signataires.values_list("type", "nom")) == {
        ("ars", ""),
        ("collectivite", ""),
        ("cpam", "CPAM d'Indre-et-Loire"),
        ("prefet", "Préfète d'Indre-et-Loire"),
    }
    page = client.get(reverse("cls:contrat_detail", args=[contrat.public_id])).content.decode()
    assert "CPAM (CPAM d&#x27;Indre-et-Loire)" in page
    assert "Préfet (Préfète d&#x27;Indre-et-Loire)" in page


def test_signature_form_errors():
    from cls.forms import SignatureForm

    base = {"signature-date_signature": "2026-03-01", "signature-duree_annees": "5", "signature-axes": "A"}
    form = SignatureForm({**base, "signature-signataires": ["ars", "autre"]}, prefix="signature")
    assert not form.is_valid()
    assert form.errors["signataires"] == ["Signataires obligatoires manquants : Collectivité porteuse."]
    assert form.errors["nom_autre"] == ["Précisez le nom ou l'institution de l'autre signataire."]
