"""Fictitious plan follow-up for the demo: comité sessions, measure statuses, one ready regional bilan.

Everything here is labelled « fictif »; the plan itself (priorities, measures) is the real seeded one.
Idempotent: running it twice changes nothing.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from acces_soins.enums import OrigineBilan, StatutBilan, StatutMesure
from acces_soins.models import BilanSemestriel, ComiteDePilotage, DeclinaisonMesure, Mesure, NoteSemestrielle
from acces_soins.periods import Perimetre, Semestre
from acces_soins.selectors import current_plan
from acces_soins.services.bilans import bilan_produce, bilan_request
from acces_soins.services.plan import comite_save

DEMO_STATUSES = {
    "P1.3": StatutMesure.REALISEE,
    "P1.5": StatutMesure.REALISEE,
    "P2.2": StatutMesure.REALISEE,
    "P4.2": StatutMesure.EN_COURS,
    "P4.4": StatutMesure.EN_COURS,
}
DEMO_STATUT_SOURCE = {
    "statut_date": datetime.date(2026, 6, 16),
    "statut_date_libelle": "",
    "statut_document": None,
    "statut_source": "Données fictives de démonstration (séance fictive du comité de pilotage du 16 juin 2026)",
}
SESSIONS = [
    (
        datetime.date(2025, 12, 9),
        [
            (
                "[P1.1] Présenter au prochain comité l'évolution des parts de population en ZIP et ZAC (fictif).",
                ["P1.1"],
            ),
            ("[P3.1] Accompagner trois nouveaux projets de MSP dans l'Indre (fictif).", ["P3.1"]),
        ],
    ),
    (
        datetime.date(2026, 6, 16),
        [
            ("Étendre les consultations avancées au Cher et à l'Indre (fictif).", ["P1.3"]),
            ("Lancer l'appel à projets d'expérimentations organisationnelles (fictif).", ["P4.2"]),
            ("Produire un bilan départemental pour chaque délégation au second semestre (fictif).", []),
        ],
    ),
]


@transaction.atomic
def create_demo_plan_follow_up() -> list[ComiteDePilotage]:
    plan = current_plan(settings.REFERENCE_REGION)
    mesures = {m.reference: m for p in plan.priorites.all() for m in p.mesures.all()}
    # Fictitious progress on real measures: each status says it is demo data, dated the day of the demo.
    for reference, statut in DEMO_STATUSES.items():
        Mesure.objects.filter(pk=mesures[reference].pk).update(statut=statut, **DEMO_STATUT_SOURCE)
    semestre = str(Semestre.containing(timezone.localdate()))
    for reference in ("P1.1", "P3.1", "P4.1"):
        NoteSemestrielle.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(Mesure),
            object_id=mesures[reference].pk,
            cle="",
            semestre=semestre,
            defaults={"texte": "Point d'avancement de démonstration (fictif)."},
        )
    from territoires.models import Departement

    for departement in Departement.objects.filter(region__code=settings.REFERENCE_REGION)[:3]:
        DeclinaisonMesure.objects.update_or_create(  # also gives an earlier demo's rows their fictitious source
            mesure=mesures["P3.2"],
            departement=departement,
            defaults={
                "statut": StatutMesure.EN_COURS,
                "commentaire": "Organisation des soins non programmés (fictif).",
                **DEMO_STATUT_SOURCE,
            },
        )
    sessions = []
    for date, decisions in SESSIONS:
        comite = ComiteDePilotage.objects.filter(plan=plan, date=date).first() or ComiteDePilotage(plan=plan, date=date)
        comite.semestre = str(Semestre.containing(date))
        comite.participants = (
            "Directrice générale de l'ARS (fictif)\nDélégués départementaux\nAssurance maladie\nURPS médecins\n"
            "Représentants des usagers"
        )
        comite.ordre_du_jour = "Point d'étape des mesures du plan\nZonage médecins\nQuestions diverses"
        comite.releve_decisions = "Relevé de décisions de démonstration : séance fictive."
        texts = [(text.split("] ", 1)[-1], [mesures[ref] for ref in refs]) for text, refs in decisions]
        sessions.append(comite_save(comite=comite, user=None, decisions=texts))
    return sessions


def create_demo_bilan() -> BilanSemestriel:
    """One ready regional bilan for the semester just ended (produced synchronously, as the worker would)."""
    perimetre = Perimetre.region(settings.REFERENCE_REGION)
    semestre = Semestre.last_ended_before(timezone.localdate())
    existing = BilanSemestriel.objects.for_perimetre(perimetre).filter(semestre=str(semestre), statut=StatutBilan.PRET)
    if existing.exists():
        return existing.first()
    bilan = bilan_request(perimetre=perimetre, semestre=semestre, origine=OrigineBilan.COMMANDE, enqueue=False)
    bilan_produce(bilan.pk)
    bilan.refresh_from_db()
    return bilan
