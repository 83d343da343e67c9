"""Every page that shows a CLS rule says « Pas de règle régionale publiée — référence : ARS Bretagne (2019) » for
Centre-Val de Loire and applies no Bretagne check as a CVL rule; once the siège adopts the values, they apply."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from cls.models import ContratLocalSante
from instruction.enums import Etat
from instruction.services import dossier_transition
from referentiel.models import Parametre
from referentiel.services import parametre_adopter
from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db

ABSENT = "Pas de règle régionale publiée"
REFERENCE = "référence : ARS Bretagne (2019)"


def text(response) -> str:
    """The page's text, whitespace collapsed (no-break spaces kept as spaces)."""
    page = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"\s+", " ", page.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.fixture
def filed(collectivite, porteur_manager, territory):
    return complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier


@pytest.fixture
def contrat(filed, dd_agent):
    dossier_transition(dossier=filed, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=filed, to_etat=Etat.ACCEPTEE, by=dd_agent)
    return ContratLocalSante.objects.get()


def adopt_all():
    for code in ("seuil_population", "seuil_etp", "etp_sous_seuil", "etp_au_dessus", "plafond_par_etp"):
        reference = Parametre.objects.get(domaine="cls", code=code, region_code="53")
        parametre_adopter(
            reference=reference,
            region_code="24",
            valeur=reference.valeur,
            operateur=reference.operateur,
            valide_du=datetime.date(2020, 1, 1),
            source={
                "titre": "Délibération régionale (test)",
                "auteur": "ARS Centre-Val de Loire",
                "nature": "document_ars",
                "date": datetime.date(2020, 1, 1),
                "url": "",
            },
        )


def test_filing_form_live_warning(client, porteur_manager, territory):
    client.force_login(porteur_manager)
    page = text(client.get(reverse("cls:territoire_apercu"), {"communes": [territory["loches"].pk]}))
    assert "6 300 habitants" in page
    assert f"{ABSENT} — {REFERENCE}, ≥ 50 000 habitants" in page
    assert "Aucun seuil n'est vérifié" in page
    assert "n'atteint pas le seuil" not in page
    adopt_all()
    page = text(client.get(reverse("cls:territoire_apercu"), {"communes": [territory["loches"].pk]}))
    assert "n'atteint pas le seuil de population des contrats locaux de santé de sa région : ≥ 50 000 habitants" in page
    assert "(ARS Centre-Val de Loire, 2020)" in page
    assert ABSENT not in page


def test_lettre_pages_cite_the_legal_basis(client, filed, porteur_manager, dd_agent):
    client.force_login(dd_agent)
    page = text(client.get(reverse("cls:lettre_detail", args=[filed.public_id])))
    assert "Base légale : article L1434-2 du code de la santé publique" in page
    assert "article L1434-10 du code de la santé publique" in page
    draft = complete_lettre(organisation=filed.deposant, user=porteur_manager, submit=False).dossier
    client.force_login(porteur_manager)
    page = text(client.get(reverse("cls:lettre_edit", args=[draft.public_id])))
    assert "Base légale : article L1434-2" in page


def test_instruction_panel_computes_nothing_for_cvl(client, filed, dd_agent):
    client.force_login(dd_agent)
    page = text(client.get(reverse("cls:lettre_detail", args=[filed.public_id])))
    assert f"seuil de population de la région : {ABSENT} — {REFERENCE}, ≥ 50 000 habitants" in page
    assert "seuil atteint" not in page
    raw = client.get(reverse("cls:lettre_detail", args=[filed.public_id])).content.decode()
    assert 'fr-badge--sm">sous le seuil' not in raw
    assert "Aucun montant n'est calculé" in page
    assert f"{ABSENT} — {REFERENCE}, > 150 000 habitants à confirmer" in page
    assert f"{ABSENT} — {REFERENCE}, ≤ 25 000 € par ETP" in page
    assert "ETP finançable" not in page
    assert not re.search(r"\bpar an\b", page)


def test_instruction_panel_after_adoption(client, filed, dd_agent):
    adopt_all()
    client.force_login(dd_agent)
    page = text(client.get(reverse("cls:lettre_detail", args=[filed.public_id])))
    assert "≥ 50 000 habitants" in page
    raw = client.get(reverse("cls:lettre_detail", args=[filed.public_id])).content.decode()
    assert 'fr-badge--sm">sous le seuil' in raw
    assert "1 ETP finançable, au plus 25 000 € par ETP, soit au plus 25 000 €" in page
    assert "Co-financement de la collectivité porteuse : Pas de règle régionale publiée" not in page  # not shown
    assert not re.search(r"\bpar an\b", page)


def test_contract_page_rules(client, contrat, dd_agent):
    client.force_login(dd_agent)
    page = text(client.get(reverse("cls:contrat_detail", args=[contrat.public_id])))
    assert f"Seuil de population de la région : {ABSENT} — {REFERENCE}, ≥ 50 000 habitants" in page
    assert "Aucun montant n'est calculé" in page
    # the duration: three regions' pages as references, none applied
    assert (
        f"Durée d'un CLS dans la région {ABSENT} — référence : ARS La Réunion, 5 ans à confirmer ; "
        "référence : ARS Hauts-de-France, aligné sur la fin du PRS (renouvellement en 2028) à confirmer ; "
        "référence : ARS Provence-Alpes-Côte d'Azur, 5 ans à confirmer"
    ) in page
    assert f"Étapes publiées par la région : {ABSENT} — {REFERENCE}, 1 lettre d'intention" in page
    assert not re.search(r"\bpar an\b", page)


def test_contract_page_of_a_bretagne_cls_applies_bretagne_rules(client, contrat, siege_agent):
    from tests.territoires.factories import CommuneFactory, DepartementFactory, RegionFactory

    dep35 = DepartementFactory(code="35", nom="Ille-et-Vilaine", region=RegionFactory(code="53", nom="Bretagne"))
    rennes = CommuneFactory(code_insee="35238", nom="Rennes", departement=dep35, population=150_000)
    ContratLocalSante.objects.filter(pk=contrat.pk).update(departement=dep35, population=rennes.population)
    client.force_login(siege_agent)
    page = text(client.get(reverse("cls:contrat_detail", args=[contrat.public_id])))
    assert ABSENT not in page.split("Durée d'un CLS")[0]  # threshold and stages: Bretagne's own
    assert "150 000 habitants : le cadre ne tranche pas — 1 ETP selon la lecture retenue (à confirmer)" in page
    assert "soit au plus 25 000 €" in page
    assert "Le cadre ne précise pas de période" in page


def test_home_panels_show_the_absence(client, siege_agent, dd_agent, territory):
    for user in (siege_agent, dd_agent):
        client.force_login(user)
        page = text(client.get(reverse("home")))
        assert f"Seuil de population d'un CLS : {ABSENT} — {REFERENCE}" in page


def test_api_gives_the_rules_or_their_absence(client, contrat, dd_agent):
    client.force_login(dd_agent)
    regles = client.get(f"/api/v1/cls/{contrat.public_id}/").json()["regles"]
    assert regles["region"] == "24"
    assert regles["seuil_population"]["regle_regionale"] is None
    assert regles["seuil_population"]["sous_seuil"] is False
    assert [row["region"] for row in regles["seuil_population"]["references_autres_regions"]] == ["53"]
    assert regles["ingenierie"]["calculee"] is False
    assert regles["ingenierie"]["montant_max"] is None
    assert {row["region"] for d in regles["duree"] for row in d["references_autres_regions"]} == {"04", "32", "93"}
    adopt_all()
    regles = client.get(f"/api/v1/cls/{contrat.public_id}/").json()["regles"]
    assert regles["seuil_population"]["regle_regionale"]["region"] == "24"
    assert regles["seuil_population"]["sous_seuil"] is True
    assert (regles["ingenierie"]["etp"], regles["ingenierie"]["montant_max"]) == (1.0, 25000.0)
