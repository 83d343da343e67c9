"""Fictitious feuilles de route for the six territoires de démocratie sanitaire of Centre-Val de Loire (demo only).

Each territory gets a 2024–2027 feuille de route (flagged `is_fictif`) with nine actions: catalogue solutions
and actions of its own (labelled « fictif »), various statuses, some late, two milestones each, and progress
notes for the current and the previous semester. Idempotent: running it twice changes nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from acces_soins.enums import StatutAction, StatutFeuille
from acces_soins.feuilles.seed import REGION_CODE
from acces_soins.feuilles.seed_links import ensure_seed
from acces_soins.models import Action, FeuilleDeRoute, Jalon, NoteSemestrielle, Solution, TerritoireSante
from acces_soins.periods import Semestre

OWN_ACTIONS = [
    ("Navette solidaire vers les consultations avancées (fictif)", "acces_professionnels"),
    ("Régulation libérale renforcée le samedi matin (fictif)", "permanence_soins"),
    ("Maison de garde adossée aux urgences de proximité (fictif)", "permanence_soins"),
    ("Logement des internes et stagiaires en zone rurale (fictif)", "attractivite"),
    ("Dépistage itinérant des cancers en milieu rural (fictif)", "prevention"),
]
PARTNERS = "Assurance maladie (CPAM)\nConseil départemental\nURPS médecins libéraux\nCommunautés professionnelles"
# (status, start, end, first milestone achieved?, second milestone achieved?) per action position.
PATTERN = [
    (StatutAction.REALISEE, (2024, 3, 1), (2025, 6, 30), True, True),
    (StatutAction.EN_COURS, (2024, 6, 1), (2026, 12, 31), True, False),
    (StatutAction.EN_COURS, (2024, 9, 1), (2025, 12, 31), True, False),  # end passed: late
    (StatutAction.A_LANCER, (2025, 1, 1), (2027, 6, 30), False, False),  # first milestone overdue: late
    (StatutAction.EN_COURS, (2025, 3, 1), (2027, 12, 31), True, False),
    (StatutAction.SUSPENDUE, (2024, 4, 1), (2026, 6, 30), True, False),
    (StatutAction.EN_COURS, (2025, 9, 1), (2027, 9, 30), False, False),
    (StatutAction.ABANDONNEE, (2024, 1, 15), (2025, 3, 31), False, False),
    (StatutAction.A_LANCER, (2026, 9, 1), (2027, 12, 31), False, False),
]
PROGRESS = {
    StatutAction.REALISEE: 100,
    StatutAction.EN_COURS: 55,
    StatutAction.A_LANCER: 5,
    StatutAction.SUSPENDUE: 30,
    StatutAction.ABANDONNEE: 10,
}


def _date(parts) -> datetime.date:
    return datetime.date(*parts)


def _milestones(start: datetime.date, end: datetime.date) -> list[tuple[str, datetime.date]]:
    middle = start + (end - start) / 2
    return [
        ("Comité de lancement avec les partenaires", start + datetime.timedelta(days=60)),
        ("Point d'étape au CTS", middle),
    ]


def _pilot_organisation(territoire):
    from comptes.enums import OrganisationType
    from comptes.models import Organisation

    return (
        Organisation.objects.filter(type=OrganisationType.DELEGATION, departements__in=territoire.departements.all())
        .order_by("pk")
        .first()
    )


@transaction.atomic
def create_demo_feuilles(*, today: datetime.date | None = None) -> list[FeuilleDeRoute]:
    today = today or timezone.localdate()
    ensure_seed()
    # the région's own catalogue first; while it is empty, other régions' solutions (shown as inspiration)
    solutions = list(Solution.objects.actives().proposables(REGION_CODE))
    semestres = [Semestre.containing(today).previous(), Semestre.containing(today)]
    feuilles = []
    for index, territoire in enumerate(TerritoireSante.objects.filter(region_code=REGION_CODE).order_by("code")):
        feuille, _ = FeuilleDeRoute.objects.get_or_create(
            territoire=territoire,
            periode_debut=datetime.date(2024, 1, 1),
            defaults={
                "periode_fin": datetime.date(2027, 12, 31),
                "statut": StatutFeuille.ADOPTEE,
                "date_adoption": datetime.date(2024, 3, 5 + index),
                "is_fictif": True,
            },
        )
        feuilles.append(feuille)
        pilote = _pilot_organisation(territoire)
        # Five catalogue solutions (a different set per territory) and four actions of its own.
        picked = [solutions[(index + k) % len(solutions)] for k in range(min(5, len(solutions)))]
        own = [OWN_ACTIONS[(index + k) % len(OWN_ACTIONS)] for k in range(len(PATTERN) - len(picked))]
        items = [(s, s.libelle, s.theme) for s in picked] + [(None, libelle, theme) for libelle, theme in own]
        for numero, ((solution, libelle, theme), pattern) in enumerate(zip(items, PATTERN, strict=False), start=1):
            statut, start, end, first_done, second_done = pattern
            action, created = Action.objects.get_or_create(
                feuille=feuille,
                numero=numero,
                defaults={
                    "solution": solution,
                    "libelle": libelle,
                    "theme": theme,
                    "description": "Action de démonstration : données fictives.",
                    "pilote_organisation": pilote,
                    "pilote_nom": f"Référent·e feuille de route {territoire.nom} (fictif)",
                    "partenaires": PARTNERS,
                    "date_debut": _date(start),
                    "date_fin": _date(end),
                    "statut": statut,
                },
            )
            if not created:
                continue
            for (label, planned), done in zip(
                _milestones(_date(start), _date(end)), (first_done, second_done), strict=True
            ):
                Jalon.objects.create(
                    action=action, libelle=label, date_prevue=planned, date_realisee=planned if done else None
                )
            for offset, semestre in enumerate(semestres):
                if semestre.start < action.date_debut and statut != StatutAction.REALISEE:
                    continue
                NoteSemestrielle.objects.get_or_create(
                    content_type=ContentType.objects.get_for_model(Action),
                    object_id=action.pk,
                    cle="",
                    semestre=str(semestre),
                    defaults={
                        "avancement": max(PROGRESS[statut] - (1 - offset) * 20, 0),
                        "texte": f"Point d'avancement {semestre.label} (fictif).",
                        "statut": statut,
                    },
                )
    _fund_demo_actions(feuilles)
    return feuilles


def _cts_envelope():
    """The fictitious envelope of the CTS action plans (created by `demo_financements`), if loaded."""
    from financements.enums import Programme
    from financements.models import Enveloppe

    envelopes = Enveloppe.objects.filter(is_fictif=True).order_by("-annee", "pk")
    return next((envelope for envelope in envelopes if envelope.funds(Programme.FEUILLE_DE_ROUTE)), None)


def _fund_demo_actions(feuilles) -> None:
    """Commit FICTITIOUS amounts on the CTS envelope for the first three actions of each feuille de route
    (one planned only, one partly paid) and a co-financing line by the collectivités. Once only."""
    from acces_soins.services.feuilles import action_beneficiaire
    from financements import services as ledger
    from financements.enums import Financeur, StatutCofinancement, StatutEngagement

    envelope = _cts_envelope()
    if envelope is None:
        return
    by = envelope.created_by
    for index, feuille in enumerate(feuilles):
        departements = set(feuille.territoire.departements.values_list("pk", flat=True))
        if not departements & set(envelope.departements.values_list("pk", flat=True)):
            continue  # a territory outside the envelope (or whose départements are not imported)
        if feuille.actions.filter(beneficiaire__isnull=False).exists():
            continue  # funded by an earlier run
        for rank, action in enumerate(feuille.actions.order_by("numero")[:3]):
            beneficiaire = action_beneficiaire(action=action)
            montant = Decimal(40000 + 15000 * ((index + rank) % 5))
            if rank == 2:
                ledger.engagement_add(
                    enveloppe=envelope, beneficiaire=beneficiaire, montant=montant, statut=StatutEngagement.PREVU, by=by
                )
                continue
            engagement = ledger.engagement_add(
                enveloppe=envelope,
                beneficiaire=beneficiaire,
                montant=montant,
                date_decision=datetime.date(2026, 2 + index, 10),
                reference_convention=f"CONV-CTS-FICTIVE-{feuille.territoire.code}-{action.numero}",
                by=by,
            )
            if rank == 0:
                ledger.paiement_add(
                    engagement=engagement,
                    date=datetime.date(2026, 5 + index, 15),
                    montant=montant * Decimal("0.4"),
                    by=by,
                )
                ledger.cofinancement_add(
                    beneficiaire=beneficiaire,
                    financeur=Financeur.COLLECTIVITES,
                    organisation="Collectivités du territoire (montant fictif)",
                    montant=Decimal(10000),
                    annee=2026,
                    statut=StatutCofinancement.ACQUIS,
                    by=by,
                )
