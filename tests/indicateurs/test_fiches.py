"""Catalogue indicators linked to the fiches actions of a CLS (issue #7 §6)."""

import datetime
import pathlib
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from cls.models import ContratLocalSante, FicheAction
from cls.services.fiches import fiche_save
from indicateurs.enums import PerimetreKind, Sens, Statut
from indicateurs.models import IndicateurFiche, Perimetre
from indicateurs.selectors import indicateurs_de_fiche
from indicateurs.semestre import Semestre
from indicateurs.services import indicateur_fiche_delier, indicateur_fiche_lier
from instruction.enums import Etat
from instruction.services import dossier_transition
from tests.cls.factories import complete_lettre
from tests.indicateurs.factories import BaselineFactory, IndicateurFactory, PerimetreFactory, ValeurFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contrat(collectivite, porteur_manager, territory, dd_agent):
    dossier = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=dossier, to_etat=Etat.ACCEPTEE, by=dd_agent)
    return ContratLocalSante.objects.select_related("departement").get()


@pytest.fixture
def fiche(contrat, dd_agent):
    return fiche_save(
        fiche=FicheAction(contrat=contrat, numero="1.1", intitule="Ateliers nutrition"), budget=[], by=dd_agent
    )


# 11 for the cls fiche page itself, 4 for the linked indicators and the link form; the header's regional identity
# is read with the user's memberships (no query of its own)
FICHE_PAGE_QUERIES = 15


def fiche_url(fiche):
    return reverse("cls:fiche_edit", args=[fiche.contrat.public_id, fiche.public_id])


def lier_url(fiche):
    return reverse("indicateurs:fiche_lier", args=[fiche.public_id])


def lier(fiche, indicateur, user, cible="15", echeance="2027-S2"):
    return indicateur_fiche_lier(
        fiche=fiche, indicateur=indicateur, cible_valeur=Decimal(cible), echeance=Semestre.parse(echeance), by=user
    )


def test_link_update_target_and_unlink(client, fiche, porteur_manager):
    indicateur = IndicateurFactory()
    client.force_login(porteur_manager)
    payload = {"indicateur": indicateur.pk, "cible_valeur": "15", "echeance": "2027-S2"}
    assert client.post(lier_url(fiche), payload).url == fiche_url(fiche)
    lien = IndicateurFiche.objects.get()
    assert (lien.fiche, lien.indicateur, lien.cible_valeur, lien.echeance) == (fiche, indicateur, 15, "2027-S2")
    assert lien.created_by == porteur_manager
    # The CLS is registered as a perimeter so its own values can be entered.
    assert Perimetre.objects.get(kind=PerimetreKind.CLS, code=str(fiche.contrat.public_id)).departement_id
    client.post(lier_url(fiche), {**payload, "cible_valeur": "20", "echeance": "2028-S1"})
    lien = IndicateurFiche.objects.get()
    assert (lien.cible_valeur, lien.echeance) == (20, "2028-S1")
    response = client.post(reverse("indicateurs:fiche_delier", args=[fiche.public_id, lien.pk]))
    assert response.url == fiche_url(fiche)
    assert not IndicateurFiche.objects.exists()
    history = IndicateurFiche.history.order_by("history_id")
    assert [item.history_type for item in history] == ["+", "~", "-"]
    assert {item.history_user for item in history} == {porteur_manager}


def test_invalid_link_is_reported(client, fiche, porteur_manager):
    indicateur = IndicateurFactory()
    client.force_login(porteur_manager)
    response = client.post(
        lier_url(fiche), {"indicateur": indicateur.pk, "cible_valeur": "15", "echeance": "2027"}, follow=True
    )
    assert not IndicateurFiche.objects.exists()
    assert "pas été lié" in response.content.decode()


def test_get_is_not_allowed(client, fiche, porteur_manager):
    client.force_login(porteur_manager)
    assert client.get(lier_url(fiche)).status_code == 405


@pytest.mark.parametrize(
    ("persona_name", "expected"),
    [
        ("porteur_manager", 302),
        ("dd_agent", 302),
        ("other_porteur", 404),
        ("porteur_reader", 403),
        ("dd45_agent", 404),
        ("expert", 403),
    ],
)
def test_permission_matrix(request, client, contrat, fiche, dd_agent, persona_name, expected):
    # Signed, so that the comité sees the contract (read-only).
    ContratLocalSante.objects.filter(pk=contrat.pk).update(date_signature=datetime.date(2026, 1, 15))
    existing = lier(fiche, IndicateurFactory(), dd_agent)
    indicateur = IndicateurFactory()
    client.force_login(request.getfixturevalue(persona_name))
    payload = {"indicateur": indicateur.pk, "cible_valeur": "15", "echeance": "2027-S2"}
    assert client.post(lier_url(fiche), payload).status_code == expected
    retirer = reverse("indicateurs:fiche_delier", args=[fiche.public_id, existing.pk])
    assert client.post(retirer).status_code == expected
    linked = expected == 302
    assert IndicateurFiche.objects.filter(indicateur=indicateur).exists() is linked
    assert IndicateurFiche.objects.filter(pk=existing.pk).exists() is not linked


def test_anonymous_is_sent_to_login(client, fiche):
    response = client.post(lier_url(fiche), {})
    assert response.status_code == 302
    assert response.url.startswith(reverse("comptes:login"))


def test_fiche_page_shows_latest_value_target_and_status(client, fiche, dd_agent, porteur_manager):
    indicateur = IndicateurFactory(libelle="Part de la population couverte", sens=Sens.HAUSSE)
    dep37 = PerimetreFactory(dep37=True)
    BaselineFactory(indicateur=indicateur, perimetre=dep37, periode="2024-S1", valeur=Decimal("10"))
    ValeurFactory(indicateur=indicateur, perimetre=dep37, periode="2025-S1", valeur=Decimal("11"))
    ValeurFactory(indicateur=indicateur, perimetre=dep37, periode="2025-S2", valeur=Decimal("16"))
    lier(fiche, indicateur, dd_agent, cible="15", echeance="2027-S2")
    client.force_login(porteur_manager)
    content = client.get(fiche_url(fiche)).content.decode()
    assert "Part de la population couverte" in content
    assert "16 (2025-S2)" in content
    assert "Indre-et-Loire (37)" in content
    assert "15 en 2027-S2" in content
    assert Statut.ATTEINT.label in content
    assert "Autres indicateurs (texte libre)" in content
    # The porteur has no access to the indicators space: no link to the indicator's page.
    assert indicateur.get_absolute_url() not in content


def test_cls_value_wins_over_the_departement(fiche, dd_agent):
    indicateur = IndicateurFactory(sens=Sens.HAUSSE)
    dep37 = PerimetreFactory(dep37=True)
    ValeurFactory(indicateur=indicateur, perimetre=dep37, periode="2026-S1", valeur=Decimal("50"))
    lier(fiche, indicateur, dd_agent, cible="15", echeance="2025-S2")
    [row] = indicateurs_de_fiche(fiche)
    assert row.perimetre == dep37
    assert row.statut == Statut.NON_EVALUABLE  # no baseline on the département
    cls_perimetre = Perimetre.objects.get(kind=PerimetreKind.CLS)
    BaselineFactory(indicateur=indicateur, perimetre=cls_perimetre, periode="2024-S1", valeur=Decimal("5"))
    ValeurFactory(indicateur=indicateur, perimetre=cls_perimetre, periode="2025-S1", valeur=Decimal("8"))
    fiche.refresh_from_db()
    [row] = indicateurs_de_fiche(fiche)
    assert (row.perimetre, row.derniere.valeur, row.baseline.valeur) == (cls_perimetre, 8, 5)
    # The fiche's own target (15 due 2025-S2), not the catalogue's: 8 < 15 with time left, 3/10 of the
    # progress for 2/3 of the time → below the « à risque » threshold 0.5 → en retard.
    assert row.statut == Statut.EN_RETARD


def test_unlink_service(fiche, dd_agent):
    lien = lier(fiche, IndicateurFactory(), dd_agent)
    indicateur_fiche_delier(lien=lien, by=dd_agent)
    assert not indicateurs_de_fiche(fiche)


@pytest.mark.parametrize("count", [2, 6])
def test_fiche_page_query_count_is_constant(client, fiche, dd_agent, count, django_assert_num_queries):
    dep37 = PerimetreFactory(dep37=True)
    for _ in range(count):
        indicateur = IndicateurFactory()
        BaselineFactory(indicateur=indicateur, perimetre=dep37)
        ValeurFactory(indicateur=indicateur, perimetre=dep37, periode="2025-S1")
        ValeurFactory(indicateur=indicateur, perimetre=dep37, periode="2025-S2")
        lier(fiche, indicateur, dd_agent)
    client.force_login(dd_agent)
    client.get(fiche_url(fiche))  # warm the per-request caches that do not depend on the rows
    with django_assert_num_queries(FICHE_PAGE_QUERIES):
        response = client.get(fiche_url(fiche))
    assert response.content.decode().count("fr-badge--no-icon") == count


def test_cls_does_not_import_indicateurs():
    root = pathlib.Path(__file__).resolve().parents[2] / "cls"
    pattern = re.compile(r"^\s*(from|import)\s+indicateurs\b", re.MULTILINE)
    offenders = [str(path) for path in root.rglob("*.py") if pattern.search(path.read_text())]
    assert offenders == []
