import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from financements import services
from financements.enums import StatutEngagement
from financements.models import Engagement
from tests.financements.factories import make_beneficiaire, make_engagement, make_enveloppe

D = Decimal


def statut_of(engagement):
    return Engagement.objects.with_totals().get(pk=engagement.pk).statut_calcule


def test_over_commitment_refused_with_the_figures(enveloppe, beneficiaire37, siege_agent):
    make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="2450000")
    with pytest.raises(ValidationError) as error:
        make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="200000")
    assert error.value.messages == [
        "Enveloppe « Plans d'action CTS 2026 » : 2\u202f600\u202f000,00\u00a0€ ; déjà engagé "
        "2\u202f450\u202f000,00\u00a0€ ; disponible 150\u202f000,00\u00a0€ ; demandé 200\u202f000,00\u00a0€."
    ]
    # exactly what is available is accepted
    make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="150000")


def test_cancelled_commitment_frees_the_envelope(enveloppe, beneficiaire37, siege_agent):
    first = make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="2600000")
    services.engagement_annuler(
        engagement=first, date=datetime.date(2026, 3, 1), motif="Projet abandonné", by=siege_agent
    )
    make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="2600000")


def test_envelope_must_be_opened_to_the_departement(territory, siege_agent, beneficiaire45):
    enveloppe = make_enveloppe(by=siege_agent, departements=[territory["dep37"]])
    with pytest.raises(ValidationError, match="n'est pas ouverte au département"):
        make_engagement(enveloppe, beneficiaire45, by=siege_agent)


def test_envelope_restricted_to_programmes(territory, siege_agent, beneficiaire45):
    enveloppe = make_enveloppe(by=siege_agent, libelle="Ingénierie CLS", programmes=["cls_ingenierie"])
    with pytest.raises(ValidationError, match="ne finance pas le programme"):
        make_engagement(enveloppe, beneficiaire45, by=siege_agent)


def test_envelope_amount_cannot_go_below_committed(enveloppe, beneficiaire37, siege_agent):
    make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="1000000")
    with pytest.raises(ValidationError, match="déjà engagé"):
        services.enveloppe_update(enveloppe=enveloppe, montant=D("999999"), by=siege_agent)
    services.enveloppe_update(enveloppe=enveloppe, montant=D("1000000"), by=siege_agent)
    enveloppe.refresh_from_db()
    assert enveloppe.montant == D("1000000")


def test_departement_with_commitments_cannot_be_removed(enveloppe, beneficiaire37, siege_agent, territory):
    make_engagement(enveloppe, beneficiaire37, by=siege_agent)
    with pytest.raises(ValidationError, match="ne peut pas être retiré"):
        services.enveloppe_update(enveloppe=enveloppe, departements=[territory["dep45"]], by=siege_agent)


def test_payment_rules_and_status_derivation(enveloppe, beneficiaire37, siege_agent):
    engagement = make_engagement(enveloppe, beneficiaire37, by=siege_agent, montant="10000")
    assert statut_of(engagement) == StatutEngagement.ENGAGE
    services.paiement_add(engagement=engagement, date=datetime.date(2026, 3, 1), montant=D("4000"), by=siege_agent)
    assert statut_of(engagement) == StatutEngagement.VERSE_PARTIELLEMENT
    with pytest.raises(ValidationError) as error:
        services.paiement_add(
            engagement=engagement, date=datetime.date(2026, 4, 1), montant=D("6000.01"), by=siege_agent
        )
    assert "reste à verser 6\u202f000,00\u00a0€" in error.value.messages[0]
    services.paiement_add(engagement=engagement, date=datetime.date(2026, 4, 1), montant=D("6000"), by=siege_agent)
    assert statut_of(engagement) == StatutEngagement.SOLDE


def test_payment_before_decision_or_on_planned_commitment_refused(enveloppe, beneficiaire37, siege_agent):
    engagement = make_engagement(enveloppe, beneficiaire37, by=siege_agent)
    with pytest.raises(ValidationError, match="précéder"):
        services.paiement_add(engagement=engagement, date=datetime.date(2026, 1, 1), montant=D("1"), by=siege_agent)
    prevu = make_engagement(enveloppe, beneficiaire37, by=siege_agent, statut="prevu", date_decision=None)
    assert statut_of(prevu) == StatutEngagement.PREVU
    with pytest.raises(ValidationError, match="engagé"):
        services.paiement_add(engagement=prevu, date=datetime.date(2026, 3, 1), montant=D("1"), by=siege_agent)
    services.engagement_confirmer(engagement=prevu, date_decision=datetime.date(2026, 3, 1), by=siege_agent)
    services.paiement_add(engagement=prevu, date=datetime.date(2026, 3, 1), montant=D("1"), by=siege_agent)


def test_cancellation_rules(enveloppe, beneficiaire37, siege_agent):
    engagement = make_engagement(enveloppe, beneficiaire37, by=siege_agent)
    with pytest.raises(ValidationError, match="motif"):
        services.engagement_annuler(engagement=engagement, date=datetime.date(2026, 3, 1), motif=" ", by=siege_agent)
    paid = make_engagement(enveloppe, beneficiaire37, by=siege_agent)
    services.paiement_add(engagement=paid, date=datetime.date(2026, 3, 1), montant=D("10"), by=siege_agent)
    with pytest.raises(ValidationError, match="ne peut pas être annulé"):
        services.engagement_annuler(engagement=paid, date=datetime.date(2026, 3, 2), motif="Erreur", by=siege_agent)
    services.engagement_annuler(engagement=engagement, date=datetime.date(2026, 3, 1), motif="Erreur", by=siege_agent)
    assert statut_of(engagement) == StatutEngagement.ANNULE
    with pytest.raises(ValidationError, match="déjà annulé"):
        services.engagement_annuler(engagement=engagement, date=datetime.date(2026, 3, 1), motif="x", by=siege_agent)
    with pytest.raises(ValidationError):
        services.paiement_add(engagement=engagement, date=datetime.date(2026, 3, 5), montant=D("1"), by=siege_agent)
    assert engagement.history.count() == 2


def test_beneficiaire_departement_scope(territory):
    assert make_beneficiaire(territory["dep37"]).departement == territory["dep37"]
