"""The semester reporting campaign in a browser (issue #18), with axe-core on every page: the siège opens a campaign,
the CLS coordinator fills in its pre-filled remontée and transmits it, the délégation sends it back with a reason,
the coordinator completes it, the délégation validates it, and the siège reads the completeness board and freezes.

Celery is eager here (no worker): freezing produces the bilans right after its transaction commits."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from acces_soins.enums import EtatContribution, StatutCampagne, TypeContributeur
from acces_soins.models import Campagne
from tests.acces_soins.campagne_world import make_world
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(territory, collectivite, cpts_porteur, partner_org, siege_agent, dd_agent, dd45_agent, porteur_manager):
    from tests.security.world import ensure_seeds

    ensure_seeds()  # a transactional test's flush removed the rows of the data migrations (plan, catalogue)
    return make_world(
        territory=territory,
        collectivite=collectivite,
        cpts_porteur=cpts_porteur,
        partner_org=partner_org,
        siege_agent=siege_agent,
        dd_agent=dd_agent,
        dd45_agent=dd45_agent,
    )


def fill_lines(page, contribution) -> None:
    """Answer every line a person must fill in; the computed values are only shown."""
    for line in contribution.lignes.filter(requis=True).order_by("ordre", "pk"):
        prefix = f"l{line.pk}"
        page.locator(f"[name='{prefix}-texte']").fill(f"Point du semestre : {line.libelle[:40]}")
        if line.kind in ("fiche", "mission"):
            page.locator(f"[name='{prefix}-avancement']").fill("50")
        if line.kind == "indicateur":
            page.locator(f"[name='{prefix}-valeur']").fill("12")


def test_campaign_from_opening_to_freeze(page, world, siege_agent, dd_agent, porteur_manager):
    # The siège opens the campaign of the second semester 2026.
    login(page, "siege@test.ars.fr")
    navigation = page.get_by_role("navigation", name="Menu principal")
    navigation.get_by_role("button", name="Plan et bilans").click()
    navigation.get_by_role("link", name="Campagnes de remontées").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Campagnes de remontées")
    assert_accessible(page, context="on the list of campaigns")
    page.get_by_role("link", name="Ouvrir une campagne").click()
    page.get_by_label("Semestre des remontées").fill("2026-S2")
    page.get_by_label("Clôture des remontées").fill("2027-02-14")
    assert_accessible(page, context="on the opening form")
    page.get_by_role("button", name="Ouvrir la campagne et prévenir les contributeurs").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("est ouverte")
    assert_accessible(page, context="on the completeness board just opened")
    campagne = Campagne.objects.get()
    contribution = campagne.contributions.get(type=TypeContributeur.CLS)
    link = reverse("acces_soins:contribution_detail", args=[contribution.public_id])

    # The CLS coordinator finds the task on « Mes remontées », fills in what needs a human and transmits.
    page.context.clear_cookies()
    login(page, "collectivite@test.fr")
    page.goto(reverse("acces_soins:mes_remontees"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mes remontées")
    assert_accessible(page, context="on « Mes remontées » of the coordinator")
    page.get_by_role("link", name=contribution.libelle).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(contribution.libelle)
    assert_accessible(page, context="on the pre-filled contribution")
    page.get_by_role("button", name="Transmettre à l'ARS").click()  # nothing filled in: asked again
    expect(page.locator(".fr-error-text").first).to_be_visible()
    fill_lines(page, contribution)
    page.get_by_role("button", name="Transmettre à l'ARS").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("transmise")
    contribution.refresh_from_db()
    assert contribution.etat == EtatContribution.TRANSMISE

    # The délégation sends it back with a reason; the coordinator reads it, completes and transmits again.
    page.context.clear_cookies()
    login(page, "dd37@test.ars.fr")
    page.goto(link)
    assert_accessible(page, context="on the contribution to validate")
    page.get_by_label("Motif du renvoi").fill("Préciser le calendrier de la fiche 1.")
    page.get_by_role("button", name="Renvoyer avec ce motif").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("renvoyée")
    page.context.clear_cookies()
    login(page, "collectivite@test.fr")
    page.goto(link)
    expect(page.locator("main")).to_contain_text("Préciser le calendrier de la fiche 1.")
    page.get_by_role("button", name="Transmettre à l'ARS").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("transmise")

    # The délégation validates.
    page.context.clear_cookies()
    login(page, "dd37@test.ars.fr")
    page.goto(link)
    page.get_by_role("button", name="Valider la contribution").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("validée")
    contribution.refresh_from_db()
    assert contribution.etat == EtatContribution.VALIDEE

    # The siège reads the completeness board, filters it, and freezes the campaign.
    page.context.clear_cookies()
    login(page, "siege@test.ars.fr")
    page.goto(reverse("acces_soins:campagne_detail", args=[campagne.public_id]))
    expect(page.locator("main")).to_contain_text(contribution.libelle)
    expect(page.locator("main")).to_contain_text(re.compile(r"\d+\u00a0%"))
    assert_accessible(page, context="on the completeness board")
    # Eager Celery: the bilans are produced before the answer comes back (PDFs), hence the longer wait.
    page.get_by_role("button", name="Geler la campagne et produire les bilans").click(timeout=120_000)
    expect(page.locator(".fr-alert--success")).to_contain_text("est gelée", timeout=120_000)
    assert_accessible(page, context="on the frozen campaign")
    campagne.refresh_from_db()
    assert campagne.statut == StatutCampagne.GELEE
    assert campagne.bilans.filter(perimetre_type="region").exists()
