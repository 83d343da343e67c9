"""The « Financements » section of the semester bilan, read back from the produced PDF."""

import datetime
from decimal import Decimal

import pytest

from acces_soins.periods import Perimetre, Semestre
from acces_soins.services.bilans import bilan_produce, bilan_request, snapshot_bilan
from financements import services
from tests.acces_soins.helpers import normalized, pdf_text, read_file
from tests.financements.factories import make_engagement

pytestmark = pytest.mark.django_db

S1 = Semestre.parse("2026-S1")


@pytest.fixture(autouse=True)
def clean_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ledger(enveloppe, beneficiaire37, beneficiaire45, siege_agent):
    old = make_engagement(
        enveloppe, beneficiaire37, by=siege_agent, montant="40000", date_decision=datetime.date(2025, 11, 1)
    )
    services.paiement_add(engagement=old, date=datetime.date(2026, 3, 1), montant=Decimal("15000"), by=siege_agent)
    make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="25000", date_decision=datetime.date(2026, 4, 1))
    make_engagement(enveloppe, beneficiaire45, by=siege_agent, montant="99000", date_decision=datetime.date(2026, 4, 1))


def section(snapshot):
    return next(s for s in snapshot["sections"] if s["nom"] == "financements")


def test_departement_section_is_scoped_with_deltas(ledger):
    data = section(snapshot_bilan(Perimetre.parse("departement:37"), S1))["donnees"]
    (row,) = data["par_enveloppe"]
    assert (row["engage"], row["engage_avant"], row["delta_engage"]) == (65000, 40000, 25000)
    assert (row["verse"], row["delta_verse"]) == (15000, 15000)
    assert data["par_programme"][0]["libelle"] == "CLS — ingénierie"
    region = section(snapshot_bilan(Perimetre.parse("region:24"), S1))["donnees"]
    assert region["par_enveloppe"][0]["engage"] == 164000


def test_section_not_available_without_envelopes(territory):
    assert section(snapshot_bilan(Perimetre.parse("region:24"), S1))["disponible"] is False


def test_pdf_shows_the_funding_section(ledger, siege_agent):
    bilan = bilan_request(
        perimetre=Perimetre.parse("departement:37"), semestre=S1, enqueue=False, requested_by=siege_agent
    )
    bilan_produce(bilan.pk)
    bilan.refresh_from_db()
    flat = normalized(pdf_text(read_file(bilan)))
    assert "Financements" in flat
    assert "Plans d'action CTS 2026" in flat
    assert "65 000" in flat
    assert "+25 000" in flat
    assert "+15 000" in flat
