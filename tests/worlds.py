"""Builders shared by the two generated worlds: the access matrix's (tests/security/world*.py, two régions built by
hand) and the query budgets' (tests/performance/world.py, `bench.dataset` at a tiny scale). Each builds one
object the way both worlds need it; the worlds choose the names, régions and authors."""

import datetime

from django.core.files.base import ContentFile

from comptes.enums import Role
from tests.comptes.factories import MembershipFactory, UserFactory
from tests.instruction.factories import pdf_bytes

# The semester both worlds report on, and the closing date of its campaigns.
SEMESTRE = "2026-S1"
CLOTURE = datetime.date(2026, 8, 14)


def member(*, email: str, organisation, role=Role.GESTIONNAIRE, **extra):
    """A user and its one membership."""
    user = UserFactory(email=email, **extra)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def synthese_nationale(*, requested_by=None):
    """A national synthesis request (not produced)."""
    from national.models import SyntheseNationale

    return SyntheseNationale.objects.create(jour=datetime.date(2026, 7, 1), requested_by=requested_by)


def campagne_ouverte(*, region_code: str, by):
    """The région's semester campaign, opened by the service from the world's data (no e-mail)."""
    from acces_soins.campagne.services import campagne_ouvrir

    return campagne_ouvrir(region_code=region_code, semestre=SEMESTRE, date_cloture=CLOTURE, by=by, notify=False)


def bilan_regional(*, region_code: str, **request):
    """The région's semester bilan, requested and produced in place (no worker)."""
    from acces_soins.periods import Perimetre, Semestre
    from acces_soins.services.bilans import bilan_produce, bilan_request

    bilan = bilan_request(
        perimetre=Perimetre.region(region_code), semestre=Semestre.parse(SEMESTRE), enqueue=False, **request
    )
    bilan_produce(bilan.pk)
    bilan.refresh_from_db()
    return bilan


def consultation_prete(*, arrete, scenario, by):
    """A zonage consultation file of a scenario, ready to download."""
    from config.production import StatutProduction
    from zonage.models import DossierConsultation

    return DossierConsultation.objects.create(
        arrete=arrete,
        scenario=scenario,
        requested_by=by,
        statut=StatutProduction.PRET,
        fichier=ContentFile(pdf_bytes(), name="consultation.pdf"),
    )


def portrait_pret(*, epci, region_id, departement_id, audience: str = "public", requested_by=None):
    """An EPCI's portrait PDF for one audience, ready to download."""
    from config.production import StatutProduction
    from portraits.models import PortraitPdf

    return PortraitPdf.objects.create(
        niveau="epci",
        code=epci.siren,
        libelle=epci.nom,
        audience=audience,
        jour=datetime.date(2026, 6, 1),
        regions=[region_id],
        departements=[departement_id],
        requested_by=requested_by,
        statut=StatutProduction.PRET,
        fichier=ContentFile(pdf_bytes(), name="portrait.pdf"),
    )
