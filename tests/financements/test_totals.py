import datetime
from decimal import Decimal

import pytest

from financements import selectors, services
from financements.models import Engagement, Enveloppe
from tests.financements.factories import make_beneficiaire, make_engagement, make_enveloppe

D = Decimal


def _ledger(territory, by, n):
    """n envelopes, each with a commitment per département and a payment on each."""
    for i in range(n):
        enveloppe = make_enveloppe(by=by, libelle=f"Enveloppe {i}", montant="100000")
        for dep, programme in ((territory["dep37"], "cls_ingenierie"), (territory["dep45"], "cpts")):
            beneficiaire = make_beneficiaire(dep, libelle=f"B{i}{dep.code}", programme=programme)
            engagement = make_engagement(enveloppe, beneficiaire, by=by, montant="1000")
            services.paiement_add(engagement=engagement, date=datetime.date(2026, 3, 1), montant=D("400"), by=by)


def test_totals_figures(territory, siege_agent):
    _ledger(territory, siege_agent, 2)
    lignes = selectors.totaux_par_enveloppe(Enveloppe.objects.all())
    assert [(ligne.engage, ligne.verse, ligne.disponible) for ligne in lignes] == [(D(2000), D(800), D(98000))] * 2
    par_programme = {
        ligne.code: (ligne.engage, ligne.verse) for ligne in selectors.totaux_par_programme(Engagement.objects.all())
    }
    assert par_programme == {"cls_ingenierie": (D(2000), D(800)), "cpts": (D(2000), D(800))}
    par_dep = {ligne.code: ligne.reste_a_verser for ligne in selectors.totaux_par_departement(Engagement.objects.all())}
    assert par_dep == {"37": D(1200), "45": D(1200)}
    assert len(selectors.totaux_par_beneficiaire(Engagement.objects.all())) == 4


@pytest.mark.parametrize("n", [2, 20])
def test_totals_query_count_constant(territory, siege_agent, django_assert_num_queries, n):
    _ledger(territory, siege_agent, n)
    with django_assert_num_queries(1):
        assert len(selectors.totaux_par_enveloppe(Enveloppe.objects.all())) == n
    with django_assert_num_queries(2):
        selectors.totaux_par_programme(Engagement.objects.all())
    with django_assert_num_queries(3):
        selectors.totaux_par_departement(Engagement.objects.all())


def test_totals_as_of_a_date(territory, siege_agent):
    enveloppe = make_enveloppe(by=siege_agent)
    beneficiaire = make_beneficiaire(territory["dep37"])
    early = make_engagement(
        enveloppe, beneficiaire, by=siege_agent, montant="5000", date_decision=datetime.date(2026, 2, 1)
    )
    services.paiement_add(engagement=early, date=datetime.date(2026, 5, 1), montant=D("1000"), by=siege_agent)
    services.paiement_add(engagement=early, date=datetime.date(2026, 8, 1), montant=D("1000"), by=siege_agent)
    make_engagement(enveloppe, beneficiaire, by=siege_agent, montant="3000", date_decision=datetime.date(2026, 9, 1))
    cancelled = make_engagement(
        enveloppe, beneficiaire, by=siege_agent, montant="700", date_decision=datetime.date(2026, 3, 1)
    )
    services.engagement_annuler(engagement=cancelled, date=datetime.date(2026, 10, 1), motif="Abandon", by=siege_agent)

    def figures(on):
        (ligne,) = selectors.totaux_par_enveloppe(Enveloppe.objects.all(), on=on)
        return ligne.engage, ligne.verse

    assert figures(datetime.date(2026, 6, 30)) == (D(5700), D(1000))  # cancelled later: still counted then
    assert figures(datetime.date(2026, 12, 31)) == (D(8000), D(2000))
    assert figures(None) == (D(8000), D(2000))
    bilan = selectors.bilan_financements(on=datetime.date(2026, 12, 31), previous=datetime.date(2026, 6, 30))
    (row,) = bilan["par_enveloppe"]
    assert row["delta_engage"] == 2300
    assert row["delta_verse"] == 1000
    bilan45 = selectors.bilan_financements(
        departement=territory["dep45"], on=datetime.date(2026, 12, 31), previous=datetime.date(2026, 6, 30)
    )
    assert bilan45["par_enveloppe"][0]["engage"] == 0
    assert bilan45["par_programme"] == []
