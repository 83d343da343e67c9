"""Fictitious CLS for the demo: real territories, invented contracts, all flagged `is_fictif`. Idempotent.

No rule is invented: the demo region (Centre-Val de Loire) publishes no CLS rule, so the pages show « Pas de règle
régionale publiée » with ARS Bretagne's values as a reference only. The recorded ingénierie amounts are fictitious
decisions, not derived from any region's rule (no 25 000 € per ETP, no ETP by population band).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Count

from cls.enums import Etape, StatutFiche, TypeSignataire
from cls.models import (
    AxeStrategique,
    ContratLocalSante,
    EtapeTransition,
    FicheAction,
    FinancementIngenierie,
    LigneBudget,
    Signataire,
)
from cls.services.contrats import contrat_perimetre_set, contrat_renew, end_date
from cls.services.territoire import departement_principal
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
    Etape.RENOUVELE,
    Etape.MISE_EN_OEUVRE,
]
ORDER = [Etape.CADRAGE, Etape.DIAGNOSTIC, Etape.ELABORATION, Etape.SIGNE, Etape.MISE_EN_OEUVRE, Etape.EVALUATION]
SIGNED = (Etape.SIGNE, Etape.MISE_EN_OEUVRE, Etape.EVALUATION, Etape.TERMINE, Etape.RENOUVELE)
AXES = ["Prévention et promotion de la santé", "Accès aux soins de premier recours", "Santé mentale"]
FICHES = [
    ("1.1", 0, "Ateliers nutrition et activité physique (fictif)", "Centre social (fictif)"),
    ("1.2", 0, "Promotion du dépistage organisé des cancers (fictif)", "CPAM"),
    ("2.1", 1, "Accueil des internes en médecine générale (fictif)", "Collectivité porteuse"),
    ("3.1", 2, "Formation premiers secours en santé mentale (fictif)", "Association locale (fictive)"),
]
FICHE_STATUTS = [StatutFiche.REALISEE, StatutFiche.EN_COURS, StatutFiche.EN_COURS, StatutFiche.NON_DEMARREE]
# Fictitious funding decisions (ETP, € ARS, € collectivité): no region's rule, no real figure.
FINANCEMENTS = [
    (Decimal("0.5"), Decimal("11800"), Decimal("9400")),
    (Decimal("0.8"), Decimal("17300"), Decimal("12100")),
    (Decimal("1"), Decimal("19600"), Decimal("16250")),
]


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
    # and one EPCI that straddles two départements, when the region has one: each délégation concerned sees it
    straddling = (
        EPCI.objects.exclude(siren__in=RESERVED_EPCI)
        .annotate(n=Count("communes__departement", distinct=True))
        .filter(n__gt=1)
        .order_by("-population", "nom")
        .first()
    )
    if straddling is not None:
        yield None, straddling


def _stage_dates(stage, start: datetime.date, today: datetime.date) -> list[tuple[str, datetime.date]]:
    """The stages a demo contract went through, with fictitious dates (signature = `start`), none after today."""
    if stage == Etape.ABANDONNE:
        path = [*ORDER[:2], Etape.ABANDONNE]
    elif stage in (Etape.TERMINE, Etape.RENOUVELE):
        path = [*ORDER, stage]
    else:
        path = ORDER[: ORDER.index(stage) + 1]
    offsets = {
        Etape.CADRAGE: -270,
        Etape.DIAGNOSTIC: -180,
        Etape.ELABORATION: -90,
        Etape.SIGNE: 0,
        Etape.MISE_EN_OEUVRE: 60,
        Etape.EVALUATION: 700,
        Etape.TERMINE: 1000,
        Etape.RENOUVELE: 1000,
        Etape.ABANDONNE: -120,
    }
    return [(etape, min(today, start + datetime.timedelta(days=offsets[etape]))) for etape in path]


def _history(contrat, stage, user, start, today):
    previous = ""
    for etape, on in _stage_dates(stage, start, today):
        EtapeTransition.objects.create(
            contrat=contrat,
            from_etape=previous,
            to_etape=etape,
            date=on,
            by=user,
            reason="Donnée fictive de démonstration",
        )
        previous = etape


def _signataires(contrat, porteur, departement, index):
    """The two parties, the préfet and the CPAM; the first contract also shows several EPCI, a PETR and the
    conseil départemental (no limit per type)."""
    rows = [
        Signataire(contrat=contrat, type=TypeSignataire.ARS, nom="ARS Centre-Val de Loire"),
        Signataire(contrat=contrat, type=TypeSignataire.COLLECTIVITE, organisation=porteur),
        Signataire(contrat=contrat, type=TypeSignataire.PREFET, nom=f"Préfecture — {departement.nom}"),
        Signataire(contrat=contrat, type=TypeSignataire.CPAM, nom=f"CPAM — {departement.nom} (fictive)"),
    ]
    if index == 0:
        neighbours = EPCI.objects.filter(communes__departement=departement).exclude(pk=porteur.epci_id).distinct()
        rows += [
            Signataire(contrat=contrat, type=TypeSignataire.EPCI, nom=epci.nom)
            for epci in neighbours.order_by("nom")[:3]
        ]
        rows += [
            Signataire(contrat=contrat, type=TypeSignataire.PETR, nom="PETR du territoire (fictif)"),
            Signataire(
                contrat=contrat, type=TypeSignataire.CONSEIL_DEPARTEMENTAL, nom=f"Département — {departement.nom}"
            ),
        ]
    Signataire.objects.bulk_create(rows)


@transaction.atomic
def create_demo_cls(*, user, today: datetime.date) -> list[ContratLocalSante]:
    created = []
    for index, (departement, epci) in enumerate(_epcis_by_departement()):
        nom = f"CLS {epci.nom} (fictif)"
        if ContratLocalSante.objects.filter(nom=nom).exists():
            continue
        stage = STAGES[index % len(STAGES)] if departement is not None else Etape.DIAGNOSTIC
        porteur, _ = Organisation.objects.get_or_create(
            type=OrganisationType.COLLECTIVITE, nom=f"{epci.nom} (collectivité fictive)", defaults={"epci": epci}
        )
        perimetre = communes_of(epcis=[epci])
        departement = departement_principal(perimetre) or departement
        signed = stage in SIGNED
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
        contrat_perimetre_set(contrat=contrat, communes=perimetre)
        _history(contrat, stage, user, start, today)
        created.append(contrat)
        if not signed:
            continue
        _signataires(contrat, porteur, departement, index)
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
        etp, montant, cofinancement = FINANCEMENTS[index % len(FINANCEMENTS)]
        FinancementIngenierie.objects.create(
            contrat=contrat, annee=start.year, etp=etp, montant=montant, cofinancement=cofinancement
        )
        if stage == Etape.RENOUVELE:
            created.append(contrat_renew(contrat=contrat, by=user))
    return created
