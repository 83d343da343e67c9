"""Demo data of the campaign: the région's campaign of the last ended semester, open and half filled, so that the
completeness board shows contributions consolidated, validated, transmitted, late and still in draft. Fictitious
notes; idempotent (a campaign already open for that semester is left as it is)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from acces_soins.campagne.regles import cloture_proposee
from acces_soins.campagne.services import (
    campagne_ouvrir,
    contribution_consolider,
    contribution_enregistrer,
    contribution_transmettre,
    contribution_valider,
)
from acces_soins.enums import EtatContribution
from acces_soins.models import Campagne, Contribution
from acces_soins.periods import Semestre

DEMO_NOTE = "Point d'avancement de démonstration (fictif)."


def demo_reponses(contribution: Contribution) -> dict[int, dict]:
    """An answer to every line that asks a person: a fictitious note, the pre-filled status, a progress, a value."""
    reponses = {}
    for line in contribution.lignes.filter(requis=True):
        initial = line.prerempli.get("initial", {})
        reponses[line.pk] = {
            "texte": DEMO_NOTE,
            "avancement": 50 if line.kind in ("fiche", "mission", "action") else None,
            "statut": initial.get("statut", "") if line.kind in ("fiche", "declinaison", "action") else "",
            "valeur": Decimal("10") if line.kind == "indicateur" else None,
            "secret": False,
        }
    return reponses


def _author(contribution: Contribution, fallback):
    membership = contribution.organisation.memberships.select_related("user").order_by("pk").first()
    return membership.user if membership else fallback


@transaction.atomic
def create_demo_campagne(*, siege_user, today: datetime.date | None = None) -> Campagne:
    """Open the campaign of the last ended semester and move one contribution in four to each step (consolidée,
    validée, transmise), the others stay in draft — late once the closing date is passed."""
    today = today or timezone.localdate()
    region_code = settings.REFERENCE_REGION
    semestre = Semestre.last_ended_before(today)
    existing = Campagne.objects.filter(region_code=region_code, semestre=str(semestre)).first()
    if existing is not None:
        return existing
    proposee = cloture_proposee(region_code=region_code, semestre=semestre)
    cloture = proposee.date or semestre.end + datetime.timedelta(days=45)
    campagne = campagne_ouvrir(
        region_code=region_code,
        semestre=semestre,
        date_cloture=cloture,
        regle=proposee.regle,
        by=siege_user,
        notify=False,
    )
    for index, contribution in enumerate(campagne.contributions.order_by("type", "libelle")):
        step = index % 4  # 0 consolidée, 1 validée, 2 transmise, 3 brouillon
        if step == 3:
            continue
        author = _author(contribution, siege_user)
        contribution_enregistrer(contribution=contribution, by=author, reponses=demo_reponses(contribution))
        contribution = contribution_transmettre(contribution=contribution, by=author)
        if step <= 1 and contribution.etat == EtatContribution.TRANSMISE:
            contribution = contribution_valider(contribution=contribution, by=siege_user)
        if step == 0 and contribution.etat == EtatContribution.VALIDEE:
            contribution_consolider(contribution=contribution, by=siege_user)
    return campagne
