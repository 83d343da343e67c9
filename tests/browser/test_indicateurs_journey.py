import importlib
import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from indicateurs.models import Avis, Indicateur
from tests.browser.conftest import assert_accessible
from tests.comptes.factories import PASSWORD
from tests.indicateurs.factories import BaselineFactory, CibleFactory, PerimetreFactory, ValeurFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_comite_member_opens_dashboard_and_indicator_and_records_avis(page, expert, territory):
    seed = importlib.import_module("indicateurs.migrations.0002_seed_catalogue").seed
    seed(apps, None)  # a previous transactional test may have flushed the seeded catalogue
    region, dep37 = PerimetreFactory(), PerimetreFactory(dep37=True)
    indicateur = Indicateur.objects.get(code="P3_MSP")
    CibleFactory(indicateur=indicateur, perimetre=region, valeur=90, periode="2027-S2")
    BaselineFactory(indicateur=indicateur, perimetre=dep37, valeur=10, periode="2017-S2")
    for periode, valeur in [("2025-S1", 80), ("2025-S2", 84), ("2026-S1", 88)]:
        ValeurFactory(indicateur=indicateur, perimetre=region, periode=periode, valeur=valeur)
    ValeurFactory(indicateur=indicateur, perimetre=dep37, periode="2026-S1", valeur=14)

    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill("comite@test.fr")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Tableau de bord des indicateurs")).to_be_visible()
    assert_accessible(page, context="on the comité home page")

    page.get_by_role("link", name="Ouvrir le tableau de bord").click()
    expect(page).to_have_title(re.compile("Tableau de bord des indicateurs"))
    expect(page.get_by_role("table", name=re.compile("Priorité 3"))).to_contain_text("en bonne voie")
    page.get_by_role("button", name="Comment le statut est-il calculé ?").click()
    expect(page.get_by_text("trajectoire linéaire jusqu'à la cible")).to_be_visible()
    assert_accessible(page, context="on the indicators dashboard")

    page.get_by_role("link", name="Maisons de santé pluriprofessionnelles en fonctionnement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Maisons de santé pluriprofessionnelles en fonctionnement"
    )
    expect(page.get_by_role("img", name=re.compile("Évolution"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("par département"))).to_be_visible()
    expect(page.get_by_role("table", name="Données du graphique d'évolution")).to_contain_text("2026-S1")
    assert_accessible(page, context="on the indicator page")

    page.get_by_label("Avis du comité").fill("Progression régulière ; à confirmer dans le Cher.")
    page.get_by_role("button", name="Enregistrer l'avis").click()
    expect(page.get_by_text("Avis du comité enregistré.")).to_be_visible()
    expect(page.get_by_text("Progression régulière ; à confirmer dans le Cher.")).to_be_visible()
    assert_accessible(page, context="after recording an avis")
    assert Avis.objects.get().auteur == expert


def test_delegation_imports_values_and_reads_the_error_report(page, dd_agent, territory, tmp_path):
    seed = importlib.import_module("indicateurs.migrations.0002_seed_catalogue").seed
    seed(apps, None)
    bad = tmp_path / "valeurs.csv"
    bad.write_text("indicateur;niveau;code;periode;valeur\nP4_CLS;departement;37;2026-S1;douze\n", encoding="utf-8")
    good = tmp_path / "valeurs-ok.csv"
    good.write_text("indicateur;niveau;code;periode;valeur\nP4_CLS;departement;37;2026-S1;4\n", encoding="utf-8")

    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill("dd37@test.ars.fr")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Indicateurs").click()
    page.get_by_role("link", name="Importer des valeurs (CSV, XLSX)").click()
    page.get_by_label("Fichier de valeurs").set_input_files(str(bad))
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("table", name="Erreurs par ligne")).to_contain_text("valeur non numérique « douze »")
    assert_accessible(page, context="on the import error report")

    page.get_by_label("Fichier de valeurs").set_input_files(str(good))
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text("1\u00a0valeur importée")).to_be_visible()
    assert Indicateur.objects.get(code="P4_CLS").valeurs.get().valeur == 4
