"""Fictitious CLS for the demo: real territories, invented contracts, all flagged `is_fictif`. Idempotent."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Count

from cls.enums import Etape, StatutFiche
from cls.models import (
    AxeStrategique,
    ContratLocalSante,
    EtapeTransition,
    FicheAction,
    FinancementIngenierie,
    LigneBudget,
    Signataire,
)
from cls.services.contrats import end_date
from comptes.enums import OrganisationType
from comptes.models import Organisation
from territoires.models import EPCI, Departement
from territoires.services import communes_of, population_of

DEPARTEMENTS = ["18", "28", "36", "37", "41", "45"]
PER_DEPARTEMENT = 2
RESERVED_EPCI = {"200071587", "200043081"}  # the demo collectivités file their own letters
STAGES = [
    Etape.MISE_EN_OEUVRE,
    Etape.CADRAGE,
    Etape.SIGNE,
    Etape.DIAGNOSTIC,
    Etape.ELABORATION,
    Etape.EVALUATION,
    Etape.MISE_EN_OEUVRE,
    Etape.ABANDONNE,
    Etape.SIGNE,
    Etape.DIAGNOSTIC,
    Etape.TERMINE,
    Etape.MISE_EN_OEUVRE,
]
ORDER = [Etape.CADRAGE, Etape.DIAGNOSTIC, Etape.ELABORATION, Etape.SIGNE, Etape.MISE_EN_OEUVRE, Etape.EVALUATION]
AXES = ["Prévention et promotion de la santé", "Accès aux soins de premier recours", "Santé mentale"]
FICHES = [
    ("1.1", 0, "Ateliers nutrition et activité physique (fictif)", "Centre social (fictif)"),
    ("1.2", 0, "Promotion du dépistage organisé des cancers (fictif)", "CPAM"),
    ("2.1", 1, "Accueil des internes en médecine générale (fictif)", "Collectivité porteuse"),
    ("3.1", 2, "Formation premiers secours en santé mentale (fictif)", "Association locale (fictive)"),
]
FICHE_STATUTS = [StatutFiche.REALISEE, StatutFiche.EN_COURS, StatutFiche.EN_COURS, StatutFiche.NON_DEMARREE]


def _epcis_by_departement():
    for code in DEPARTEMENTS:
        departement = Departement.objects.filter(code=code).first()
        if departement is None:
            continue
        epcis = (
            EPCI.objects.filter(communes__departement=departement)
            .exclude(siren__in=RESERVED_EPCI)
            .annotate(n=Count("communes"))
            .order_by("-population", "nom")
            .distinct()[:PER_DEPARTEMENT]
        )
        for epci in epcis:
            yield departement, epci


def _history(contrat, stage, user, signature):
    stages = ORDER if stage in (Etape.TERMINE, Etape.ABANDONNE) else ORDER[: ORDER.index(stage) + 1]
    if stage == Etape.ABANDONNE:
        stages = ORDER[:2]
    previous = ""
    for etape in [*stages, *([stage] if stage in (Etape.TERMINE, Etape.ABANDONNE) else [])]:
        EtapeTransition.objects.create(
            contrat=contrat, from_etape=previous, to_etape=etape, by=user, reason="Donnée fictive de démonstration"
        )
        previous = etape


@transaction.atomic
def create_demo_cls(*, user, today: datetime.date) -> list[ContratLocalSante]:
    created = []
    for index, (departement, epci) in enumerate(_epcis_by_departement()):
        nom = f"CLS {epci.nom} (fictif)"
        if ContratLocalSante.objects.filter(nom=nom).exists():
            continue
        stage = STAGES[index % len(STAGES)]
        porteur, _ = Organisation.objects.get_or_create(
            type=OrganisationType.COLLECTIVITE, nom=f"{epci.nom} (collectivité fictive)", defaults={"epci": epci}
        )
        perimetre = communes_of(epcis=[epci]).filter(departement=departement)
        signed = stage in (Etape.SIGNE, Etape.MISE_EN_OEUVRE, Etape.EVALUATION, Etape.TERMINE)
        start = datetime.date(today.year - (1 + index % 4), 1 + index % 12, 15)
        duree = 3 + index % 3
        contrat = ContratLocalSante.objects.create(
            nom=nom,
            porteur=porteur,
            departement=departement,
            population=population_of(perimetre),
            etape=stage,
            date_signature=start if signed else None,
            duree_annees=duree if signed else None,
            date_fin=end_date(start, duree) if signed else None,
            motif_abandon="Motif fictif : changement d'exécutif local." if stage == Etape.ABANDONNE else "",
            is_fictif=True,
        )
        contrat.perimetre.set(perimetre)
        _history(contrat, stage, user, start)
        if not signed:
            created.append(contrat)
            continue
        Signataire.objects.bulk_create(
            Signataire(contrat=contrat, type=kind, nom="") for kind in ("ars", "collectivite", "prefet", "cpam")
        )
        axes = [AxeStrategique.objects.create(contrat=contrat, numero=n, intitule=t) for n, t in enumerate(AXES, 1)]
        for (numero, axe, intitule, pilote), statut in zip(FICHES, FICHE_STATUTS, strict=True):
            fiche = FicheAction.objects.create(
                contrat=contrat,
                numero=numero,
                axe=axes[axe],
                intitule=intitule,
                objectifs="Objectif fictif de démonstration.",
                pilote_organisation=pilote,
                public_cible="Habitants du territoire",
                date_debut=start,
                date_fin=start + datetime.timedelta(days=365 * (1 + int(numero[0]) % 3)),
                statut=statut,
                indicateur_libre="Nombre de participants (indicateur fictif)",
            )
            LigneBudget.objects.create(fiche=fiche, financeur="ARS (FIR)", montant=Decimal(3000 + 1000 * index))
            LigneBudget.objects.create(fiche=fiche, financeur="Collectivité", montant=Decimal(1500))
        etp = Decimal(1 if contrat.population < 150_000 else 2)
        FinancementIngenierie.objects.create(
            contrat=contrat, annee=start.year, etp=etp, montant=etp * 25_000, cofinancement=etp * 15_000
        )
        created.append(contrat)
    return created
