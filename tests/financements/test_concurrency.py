"""Two délégation agents commit at the same time on the same envelope: the envelope row is locked
(select_for_update), so the second sees the first commitment and is refused. PostgreSQL only."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from financements import services
from financements.models import Engagement
from tests.conftest import skip_or_fail
from tests.financements.factories import make_beneficiaire, make_enveloppe

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_commitments_cannot_over_commit(territory, siege_agent):
    if connection.vendor != "postgresql":
        skip_or_fail("row locks need PostgreSQL")
    enveloppe = make_enveloppe(by=siege_agent, montant="100000")
    beneficiaires = [make_beneficiaire(territory["dep37"], libelle=f"B{i}") for i in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def commit(beneficiaire):
        try:
            barrier.wait()
            services.engagement_add(
                enveloppe=enveloppe,
                beneficiaire=beneficiaire,
                montant=Decimal("60000"),
                by=siege_agent,
                date_decision=datetime.date(2026, 3, 1),
            )
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=commit, args=(b,)) for b in beneficiaires]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[-1] == "ok"
    assert "déjà engagé 60\u202f000,00\u00a0€" in sorted(outcomes)[0]
    assert Engagement.objects.count() == 1
