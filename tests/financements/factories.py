"""Ledger rows built through the services (the rules apply to test data too)."""

import datetime
from decimal import Decimal

from financements import services
from financements.enums import Programme
from territoires.models import Departement, Region


def make_enveloppe(*, by, montant="2600000", libelle="Plans d'action CTS 2026", departements=None, **extra):
    departements = departements if departements is not None else list(Departement.objects.all())
    return services.enveloppe_create(
        financeur=extra.pop("financeur", "ars_fir"),
        annee=extra.pop("annee", 2026),
        libelle=libelle,
        montant=Decimal(montant),
        region=Region.objects.get(code="24"),
        departements=departements,
        by=by,
        **extra,
    )


def make_beneficiaire(departement, *, libelle="CLS du Lochois", programme=Programme.CLS_INGENIERIE):
    return services.beneficiaire_create(programme=programme, libelle=libelle, departement=departement)


def make_engagement(enveloppe, beneficiaire, *, by, montant="10000", date_decision=datetime.date(2026, 2, 1), **extra):
    return services.engagement_add(
        enveloppe=enveloppe,
        beneficiaire=beneficiaire,
        montant=Decimal(montant),
        date_decision=date_decision,
        by=by,
        **extra,
    )
