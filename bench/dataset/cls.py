"""Contrats locaux de santé: the lettre d'intention (a dossier), the contract with its perimeter, stages,
signatories, axes, fiches actions with budget lines, and the ingénierie funding recorded in the ledger."""

import datetime
from decimal import Decimal

from bench.dataset.context import TODAY, Context
from bench.dataset.dossiers import Dossiers
from bench.dataset.writer import Batch
from cls.enums import Etape, StatutFiche, TypeSignataire
from cls.models import (
    AxeStrategique,
    ContratLocalSante,
    EtapeTransition,
    FicheAction,
    FinancementIngenierie,
    LettreIntention,
    LigneBudget,
    Signataire,
    Thematique,
)
from cls.services.contrats import end_date
from financements.enums import Programme
from financements.models import Beneficiaire
from indicateurs.enums import PerimetreKind
from instruction.enums import Etat

ORDER = [Etape.CADRAGE, Etape.DIAGNOSTIC, Etape.ELABORATION, Etape.SIGNE, Etape.MISE_EN_OEUVRE, Etape.EVALUATION]
STAGES = [
    Etape.MISE_EN_OEUVRE,
    Etape.SIGNE,
    Etape.CADRAGE,
    Etape.DIAGNOSTIC,
    Etape.ELABORATION,
    Etape.MISE_EN_OEUVRE,
    Etape.EVALUATION,
    Etape.ABANDONNE,
    Etape.TERMINE,
    Etape.MISE_EN_OEUVRE,
]
SIGNED = {Etape.SIGNE, Etape.MISE_EN_OEUVRE, Etape.EVALUATION, Etape.TERMINE}
AXES = ["Prévention et promotion de la santé", "Accès aux soins de premier recours", "Santé mentale"]
FICHES = [
    "Ateliers nutrition et activité physique",
    "Promotion du dépistage organisé des cancers",
    "Accueil des internes en médecine générale",
    "Formation premiers secours en santé mentale",
    "Parcours des personnes âgées à domicile",
    "Prévention des addictions chez les jeunes",
]
FICHE_STATUTS = [
    StatutFiche.REALISEE,
    StatutFiche.EN_COURS,
    StatutFiche.EN_COURS,
    StatutFiche.NON_DEMARREE,
    StatutFiche.ABANDONNEE,
]
PENDING_LETTRES = [Etat.DEPOSEE, Etat.EN_INSTRUCTION, Etat.COMPLEMENT_DEMANDE, Etat.BROUILLON, Etat.REFUSEE]


def _path(stage: str) -> list[str]:
    if stage == Etape.ABANDONNE:
        return [*ORDER[:2], Etape.ABANDONNE]
    if stage == Etape.TERMINE:
        return [*ORDER, Etape.TERMINE]
    return ORDER[: ORDER.index(stage) + 1]


def create_cls(ctx: Context, dossiers: Dossiers, perimetres: list[dict]) -> Batch:
    config, rng, writer = ctx.config, ctx.rng, ctx.writer
    thematiques = list(Thematique.objects.order_by("ordre").values_list("pk", flat=True))
    porteurs = ctx.spread(ctx.collectivites, config.cls)
    others = [item for item in ctx.collectivites if item not in porteurs]
    lettres, lettre_epcis, lettre_thematiques = [], [], []
    contrats, perimetre_links, departement_links = [], [], []
    etapes, signataires, axes, fiches, lignes, financements, beneficiaires = [], [], [], [], [], [], []

    def lettre(org_id, epci, etat, start):
        departement = ctx.departements[epci.departement_id]
        user = ctx.users[f"collectivite-{epci.siren}"][0]
        instructeur = ctx.users[f"dd-{departement.code}"][0]
        pk = dossiers.add(
            kind="cls",
            prefix="CLS",
            etat=etat,
            deposant_id=org_id,
            deposant_user=user,
            departement_id=departement.id,
            instructeur=instructeur,
            start=start,
        )
        lettres.append(
            {
                "dossier_id": pk,
                "population": epci.population,
                "contact_nom": "Contact fictif",
                "contact_email": f"contact-{epci.siren}@bench.invalid",
                "elu_nom": "Élu·e fictif·ve",
                "elu_fonction": "Vice-président·e santé",
                "motivations": "Motivations fictives du territoire.",
                "partenaires": "CPAM, conseil départemental (fictif)",
                "calendrier": "Signature visée sous 18 mois.",
                "demande_ingenierie": True,
                "etp_souhaites": Decimal("1.00"),
            }
        )
        lettre_epcis.append((pk, epci.id))
        lettre_thematiques.extend((pk, t) for t in thematiques[: 2 + pk % 3])
        return pk

    for index, (org_id, epci) in enumerate(porteurs):
        stage = STAGES[index % len(STAGES)]
        departement = ctx.departements[epci.departement_id]
        dd_users = ctx.users[f"dd-{departement.code}"]
        start = ctx.day(datetime.date(2017, 1, 1), datetime.date(2023, 6, 30))
        lettre_id = lettre(org_id, epci, Etat.ACCEPTEE, start - datetime.timedelta(days=200))
        (pk,) = writer.ids(ContratLocalSante, 1)
        signed = stage in SIGNED
        duree = 3 + index % 3
        public_id = writer.uuid()
        contrat = {
            "id": pk,
            "public_id": public_id,
            "nom": f"CLS {epci.nom} (fictif)",
            "lettre_id": lettre_id,
            "porteur_id": org_id,
            "departement_id": departement.id,
            "population": epci.population,
            "etape": stage,
            "referent_id": dd_users[0],
            "is_fictif": True,
            "date_signature": start if signed else None,
            "duree_annees": duree if signed else None,
            "date_fin": end_date(start, duree) if signed else None,
            "motif_abandon": "Motif fictif : changement d'exécutif local." if stage == Etape.ABANDONNE else "",
        }
        contrats.append(contrat)
        ctx.contrats.append({"id": pk, "public_id": public_id, "departement_id": departement.id, "signed": signed})
        perimetres.append(
            {
                "kind": PerimetreKind.CLS,
                "code": str(public_id),
                "libelle": contrat["nom"],
                "departement_id": departement.id,
            }
        )
        perimetre_links.extend((pk, commune.id) for commune in epci.communes)
        departement_links.extend((pk, d) for d in epci.departement_ids)
        offsets = {
            Etape.CADRAGE: -270,
            Etape.DIAGNOSTIC: -180,
            Etape.ELABORATION: -90,
            Etape.SIGNE: 0,
            Etape.MISE_EN_OEUVRE: 60,
            Etape.EVALUATION: 700,
            Etape.TERMINE: 1400,
            Etape.ABANDONNE: -120,
        }
        previous = ""
        for etape in _path(stage):
            day = min(TODAY, start + datetime.timedelta(days=offsets[etape]))
            etapes.append(
                {
                    "contrat_id": pk,
                    "from_etape": previous,
                    "to_etape": etape,
                    "date": day,
                    "by_id": dd_users[0],
                    "at": ctx.moment(day),
                    "reason": "Donnée fictive",
                }
            )
            previous = etape
        if not signed:
            continue
        signataires += [
            {"contrat_id": pk, "type": TypeSignataire.ARS, "nom": f"ARS {ctx.region_of(departement.id).nom}"},
            {"contrat_id": pk, "type": TypeSignataire.COLLECTIVITE, "organisation_id": org_id, "nom": ""},
            {"contrat_id": pk, "type": TypeSignataire.PREFET, "nom": f"Préfecture — {departement.nom}"},
            {"contrat_id": pk, "type": TypeSignataire.CPAM, "nom": f"CPAM — {departement.nom} (fictive)"},
        ]
        axe_ids = writer.ids(AxeStrategique, len(AXES))
        axes += [
            {"id": a, "contrat_id": pk, "numero": n, "intitule": t}
            for n, (a, t) in enumerate(zip(axe_ids, AXES, strict=True), 1)
        ]
        fiche_ids = writer.ids(FicheAction, config.fiches_per_cls)
        for number, fiche_id in enumerate(fiche_ids):
            debut = start + datetime.timedelta(days=30 * (number % 12))
            fiches.append(
                {
                    "id": fiche_id,
                    "contrat_id": pk,
                    "numero": f"{number % 3 + 1}.{number // 3 + 1}",
                    "axe_id": axe_ids[number % 3],
                    "intitule": f"{FICHES[number % len(FICHES)]} (fictif)",
                    "objectifs": "Objectif fictif.",
                    "pilote_organisation": "Association locale (fictive)",
                    "public_cible": "Habitants du territoire",
                    "date_debut": debut,
                    "date_fin": debut + datetime.timedelta(days=365 * (1 + number % 3)),
                    "statut": FICHE_STATUTS[(number + index) % len(FICHE_STATUTS)],
                    "indicateur_libre": "Nombre de participants (fictif)",
                    "updated_at": writer.now,
                }
            )
            lignes += [
                {"fiche_id": fiche_id, "financeur": "ARS (FIR)", "montant": Decimal(1000 + 250 * rng.randint(0, 12))},
                {"fiche_id": fiche_id, "financeur": "Collectivité", "montant": Decimal(500 * rng.randint(1, 6))},
            ]
        for year in range(start.year, min(start.year + 2, TODAY.year) + 1):
            (beneficiaire_id,) = writer.ids(Beneficiaire, 1)
            beneficiaires.append(
                {
                    "id": beneficiaire_id,
                    "programme": Programme.CLS_INGENIERIE,
                    "libelle": f"{contrat['nom']} — ingénierie {year}",
                    "departement_id": departement.id,
                }
            )
            ctx.beneficiaires.append(
                {
                    "id": beneficiaire_id,
                    "departement_id": departement.id,
                    "programme": Programme.CLS_INGENIERIE,
                    "montant": Decimal(15_000 + 1_000 * rng.randint(0, 10)),
                    "annee": year,
                }
            )
            financements.append(
                {
                    "contrat_id": pk,
                    "annee": year,
                    "etp": Decimal("0.80"),
                    "montant": Decimal("18000"),
                    "cofinancement": Decimal("12000"),
                    "beneficiaire_id": beneficiaire_id,
                }
            )
    for index, (org_id, epci) in enumerate(ctx.spread(others, max(len(PENDING_LETTRES), config.cls // 2))):
        etat = PENDING_LETTRES[index % len(PENDING_LETTRES)]
        lettre(org_id, epci, etat, ctx.day(datetime.date(2025, 1, 1), datetime.date(2026, 9, 30)))

    # Written after the dossiers (their primary keys are the lettres'), in foreign-key order.
    batch = Batch()
    batch.rows(LettreIntention, lettres)
    batch.link(LettreIntention, "epcis", lettre_epcis)
    batch.link(LettreIntention, "thematiques", lettre_thematiques)
    batch.rows(Beneficiaire, beneficiaires)
    batch.rows(ContratLocalSante, contrats)
    batch.link(ContratLocalSante, "perimetre", perimetre_links)
    batch.link(ContratLocalSante, "departements", departement_links)
    batch.rows(EtapeTransition, etapes)
    batch.rows(Signataire, signataires)
    batch.rows(AxeStrategique, axes)
    batch.rows(FicheAction, fiches)
    batch.rows(LigneBudget, lignes)
    batch.rows(FinancementIngenierie, financements)
    return batch
