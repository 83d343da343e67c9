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
    contrat = ContratLocalSante.objects.get()
    contrat.etapes.update(date=datetime.date(2026, 1, 5))  # opened on 5 January 2026, whatever today is
    return contrat


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
    for day, etape in ((20, Etape.DIAGNOSTIC), (25, Etape.ELABORATION)):
        _tick_all(contrat, user)
        services.contrat_advance(contrat=contrat, to_etape=etape, by=user, on=datetime.date(2026, 1, day))
    _tick_all(contrat, user)


def test_signature_computes_the_end_date_and_adds_the_two_parties(contrat, dd_agent, territory):
    _to_elaboration(contrat, dd_agent)
    with pytest.raises(ValidationError, match="durée du contrat ou sa date de fin"):
        services.contrat_sign(
            contrat=contrat, date_signature=datetime.date(2026, 3, 1), duree_annees=None, axes=["A"], by=dd_agent
        )
    services.signataire_add(contrat=contrat, type="cpam", nom="CPAM d'Indre-et-Loire", by=dd_agent)
    services.contrat_sign(
        contrat=contrat,
        date_signature=datetime.date(2026, 3, 1),
        duree_annees=5,
        axes=["Prévention", "Accès aux soins"],
        by=dd_agent,
    )
    # the ARS and the collectivité porteuse are the parties (L1434-10 CSP): added when missing
    assert sorted((s.type, str(s)) for s in contrat.signataires.all()) == [
        ("ars", "ARS Centre-Val de Loire"),
        ("collectivite", contrat.porteur.nom),
        ("cpam", "CPAM d'Indre-et-Loire"),
    ]
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
    assert pipeline(on=datetime.date(2026, 2, 28))[Etape.SIGNE] == 0  # signed on 1 March: dated by the signature
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


def test_signatories_through_the_views_no_limit_per_type(client, contrat, dd_agent, collectivite2):
    _to_elaboration(contrat, dd_agent)
    client.force_login(dd_agent)
    url = reverse("cls:contrat_action", args=[contrat.public_id, "signataire"])
    for nom in ("CC du Lochois", "CC de Montrésor", "CC du Grand Ligueil"):
        assert client.post(url, {"signataire-type": "epci", "signataire-nom": nom}).status_code == 302
    client.post(url, {"signataire-type": "petr", "signataire-nom": "PETR Touraine Côté Sud"})
    client.post(url, {"signataire-type": "conseil_departemental", "signataire-nom": "Département d'Indre-et-Loire"})
    client.post(url, {"signataire-type": "epci", "signataire-organisation": collectivite2.pk})
    client.post(url, {"signataire-type": "epci"})  # neither an organisation nor a name: refused
    assert contrat.signataires.filter(type="epci").count() == 4
    assert contrat.signataires.count() == 6
    page = client.get(reverse("cls:contrat_detail", args=[contrat.public_id])).content.decode()
    assert "EPCI : CC de Montrésor" in page
    assert "PETR ou pays : PETR Touraine Côté Sud" in page
    assert "EPCI : CC Chinon, Vienne et Loire" in page
    removed = contrat.signataires.get(nom="CC de Montrésor")
    retrait = reverse("cls:contrat_action", args=[contrat.public_id, "signataire-retrait"])
    assert client.post(retrait, {"signataire-retrait-signataire": removed.pk}).status_code == 302
    assert not contrat.signataires.filter(pk=removed.pk).exists()
    sign = reverse("cls:contrat_action", args=[contrat.public_id, "signature"])
    client.post(sign, {"signature-date_signature": "2026-03-01", "signature-duree_annees": "4", "signature-axes": "A"})
    contrat.refresh_from_db()
    assert contrat.etape == Etape.SIGNE
    assert (contrat.duree_annees, contrat.date_fin) == (4, datetime.date(2030, 2, 28))
    assert contrat.signataires.count() == 7  # 5 listed + the two parties: the ARS and the collectivité porteuse
    assert contrat.signataires.filter(type="collectivite", organisation=contrat.porteur).exists()


@pytest.mark.parametrize("action", ["signataire", "signataire-retrait"])
def test_signatory_actions_access(persona, contrat, action):
    name, client = persona
    status = client.post(reverse("cls:contrat_action", args=[contrat.public_id, action]), {}).status_code
    expected = {"siege_agent": 302, "dd_agent": 302, "porteur_manager": 403, "porteur_reader": 403}.get(name, 404)
    assert status == expected


def test_signature_form_errors():
    from cls.forms import SignatureForm

    base = {"signature-date_signature": "2026-03-01", "signature-axes": "A"}
    form = SignatureForm(base, prefix="signature")
    assert not form.is_valid()
    assert form.errors["duree_annees"] == ["Indiquez la durée du contrat ou sa date de fin."]
    form = SignatureForm(
        {**base, "signature-duree_annees": "5", "signature-date_fin": "2030-01-01"}, prefix="signature"
    )
    assert form.errors["date_fin"] == ["Indiquez la durée ou la date de fin, pas les deux."]
    form = SignatureForm({**base, "signature-date_fin": "2026-03-01"}, prefix="signature")
    assert form.errors["date_fin"] == ["La date de fin suit la date de signature."]
    form = SignatureForm({**base, "signature-duree_annees": "0"}, prefix="signature")
    assert "duree_annees" in form.errors
    assert SignatureForm({**base, "signature-duree_annees": "7"}, prefix="signature").is_valid()  # no 3–5 cap
