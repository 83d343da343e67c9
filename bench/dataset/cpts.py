"""CPTS (lettre d'intention and projet de santé filed online, stages, ACI missions and attainment, avenants) and
the registers of MSP, centres de santé and ESP. Structures are fictitious; their territories are real."""

import datetime
from decimal import Decimal

from bench.dataset.context import TODAY, Context
from bench.dataset.dossiers import Dossiers
from bench.dataset.people import People, create_porteur
from bench.dataset.writer import Batch
from cpts.enums import Etape, Financeur, GestionnaireCentre, Profession, StatutMsp, Taille, TypeCentreSante
from cpts.models import (
    AtteinteMission,
    AvenantCpts,
    CentreSante,
    Cpts,
    CritereAciMsp,
    CritereMsp,
    EquipeSoinsPrimaires,
    EtapeCpts,
    FinancementMsp,
    LettreIntentionCpts,
    Mission,
    MissionCpts,
    Msp,
    ProfessionnelCentre,
    ProfessionnelMsp,
    ProjetSanteCpts,
    SiteMsp,
)
from financements.enums import Programme
from financements.models import Beneficiaire
from indicateurs.enums import PerimetreKind
from instruction.enums import Etat, SensAvis
from instruction.models import Avis, Participation

# In turn (the first five cover every filing state: the smallest data sets have them all).
STAGES = [
    Etape.ACI_SIGNE,
    Etape.EMERGENCE,
    Etape.LETTRE_VALIDEE,
    Etape.PROJET_DEPOSE,
    Etape.LETTRE_INTENTION,
    Etape.ACI_SIGNE,
    Etape.PROJET_VALIDE,
    Etape.ACI_SIGNE,
    Etape.ABANDONNEE,
    Etape.ACI_SIGNE,
]
PATH = [Etape.LETTRE_INTENTION, Etape.LETTRE_VALIDEE, Etape.PROJET_DEPOSE, Etape.PROJET_VALIDE, Etape.ACI_SIGNE]
DATE_FIELD = {
    Etape.LETTRE_VALIDEE: "date_lettre_validee",
    Etape.PROJET_DEPOSE: "date_projet_depose",
    Etape.PROJET_VALIDE: "date_projet_valide",
    Etape.ACI_SIGNE: "date_aci",
}
TEAM = [
    Profession.MEDECIN_GENERALISTE,
    Profession.INFIRMIER,
    Profession.MASSEUR_KINE,
    Profession.PHARMACIEN,
    Profession.SAGE_FEMME,
]


def _taille(population: int) -> str:
    for bound, taille in ((40_000, Taille.T1), (80_000, Taille.T2), (175_000, Taille.T3)):
        if population < bound:
            return taille
    return Taille.T4


def create_cpts(ctx: Context, people: People, dossiers: Dossiers, perimetres: list[dict]) -> Batch:
    config, rng, writer = ctx.config, ctx.rng, ctx.writer
    missions = list(Mission.objects.order_by("ordre").values_list("pk", "type"))
    socle = [pk for pk, type_ in missions if type_ == "socle"]
    batch = Batch()
    rows, communes, etapes, lettres, lettre_epcis, lettre_missions, projets, projet_missions = ([] for _ in range(8))
    participations, avis, mission_rows, atteintes, avenants, beneficiaires = ([] for _ in range(6))
    # CPTS territories: EPCI picked evenly, shifted from the collectivités' so that both spread over France.
    epcis = ctx.spread(ctx.epcis[1:] + ctx.epcis[:1], config.cpts)
    for index, epci in enumerate(epcis):
        departement = ctx.departements[epci.departement_id]
        region = ctx.region_of(departement.id)
        stage = STAGES[index % len(STAGES)]
        nom = f"CPTS {epci.nom} (fictive)"
        porteur = create_porteur(people, f"cpts-{epci.siren}", f"Association {nom} — {epci.siren}", departement.id)
        porteur_user = ctx.users[f"cpts-{epci.siren}"][0]
        dd_user = ctx.users[f"dd-{departement.code}"][0]
        (pk,) = writer.ids(Cpts, 1)
        public_id = writer.uuid()
        row = {
            "id": pk,
            "public_id": public_id,
            "nom": nom,
            "porteur_id": porteur,
            "departement_id": departement.id,
            "population": epci.population,
            "taille": _taille(epci.population),
            "etape": stage,
            "referent_id": dd_user,
            "is_fictif": True,
        }
        ctx.cpts.append({"id": pk, "public_id": public_id, "departement_id": departement.id, "stage": stage})
        perimetres.append(
            {"kind": PerimetreKind.CPTS, "code": str(public_id), "libelle": nom, "departement_id": departement.id}
        )
        communes.extend((pk, commune.id) for commune in epci.communes)
        day = ctx.day(datetime.date(2018, 1, 1), datetime.date(2021, 12, 31))
        etapes.append({"cpts_id": pk, "from_etape": "", "to_etape": Etape.EMERGENCE, "date": day, "by_id": dd_user})
        last = {Etape.EMERGENCE: 0, Etape.ABANDONNEE: 2}.get(stage)
        previous, path = Etape.EMERGENCE, PATH[: PATH.index(stage) + 1 if last is None else last]
        for etape in path:
            day = min(TODAY, day + datetime.timedelta(days=rng.randint(60, 150)))
            etapes.append({"cpts_id": pk, "from_etape": previous, "to_etape": etape, "date": day, "by_id": dd_user})
            if etape in DATE_FIELD:
                row[DATE_FIELD[etape]] = day
            previous = etape
        if stage == Etape.ABANDONNEE:
            day = min(TODAY, day + datetime.timedelta(days=90))
            etapes.append({"cpts_id": pk, "from_etape": previous, "to_etape": stage, "date": day, "by_id": dd_user})
            row.update(date_abandon=day, motif_abandon="Projet fusionné avec une CPTS voisine (fictif).")
        if Etape.LETTRE_INTENTION in path:
            etat = Etat.ACCEPTEE if Etape.LETTRE_VALIDEE in path else Etat.EN_INSTRUCTION
            dossier = dossiers.add(
                kind="cpts",
                prefix="CPTS",
                etat=etat,
                deposant_id=porteur,
                deposant_user=porteur_user,
                departement_id=departement.id,
                instructeur=dd_user,
                start=row.get("date_lettre_validee", day) - datetime.timedelta(days=120),
            )
            lettres.append(
                {
                    "dossier_id": dossier,
                    "cpts_id": pk,
                    "population": epci.population,
                    "diagnostic": "Premier diagnostic fictif.",
                    "partenaires": "Hôpital local (fictif)",
                    "orientations_detail": "Missions socle d'abord (fictif).",
                    "calendrier": "Projet de santé sous un an.",
                    "contact_nom": "Contact fictif",
                    "contact_email": f"cpts-{epci.siren}@bench.invalid",
                }
            )
            lettre_epcis.append((dossier, epci.id))
            lettre_missions.extend((dossier, mission) for mission in socle)
            for key in (f"cpam-{departement.code}", f"urps-{region.code}"):
                participations.append(
                    {
                        "dossier_id": dossier,
                        "organisation_id": ctx.orgs[key],
                        "invited_by_id": dd_user,
                        "automatique": True,
                    }
                )
                if etat == Etat.ACCEPTEE:
                    avis.append(
                        {
                            "dossier_id": dossier,
                            "organisation_id": ctx.orgs[key],
                            "author_id": ctx.users[key][0],
                            "sens": SensAvis.FAVORABLE,
                            "given_at": ctx.moment(row["date_lettre_validee"]),
                        }
                    )
        if stage in (Etape.EMERGENCE, Etape.LETTRE_VALIDEE):  # a draft being written (lettre, or projet)
            kind, prefix = ("cpts", "CPTS") if stage == Etape.EMERGENCE else ("cpts_projet", "PS-CPTS")
            dossier = dossiers.add(
                kind=kind,
                prefix=prefix,
                etat=Etat.BROUILLON,
                deposant_id=porteur,
                deposant_user=porteur_user,
                departement_id=departement.id,
                instructeur=None,
                start=ctx.day(datetime.date(2026, 1, 1), TODAY),
            )
            content = {"dossier_id": dossier, "cpts_id": pk, "diagnostic": "Brouillon fictif."}
            (lettres if kind == "cpts" else projets).append(content)
        if Etape.PROJET_DEPOSE in path:
            etat = Etat.ACCEPTEE if Etape.PROJET_VALIDE in path else Etat.EN_INSTRUCTION
            dossier = dossiers.add(
                kind="cpts_projet",
                prefix="PS-CPTS",
                etat=etat,
                deposant_id=porteur,
                deposant_user=porteur_user,
                departement_id=departement.id,
                instructeur=dd_user,
                start=row["date_projet_depose"] - datetime.timedelta(days=20),
            )
            projets.append(
                {
                    "dossier_id": dossier,
                    "cpts_id": pk,
                    "diagnostic": "Diagnostic territorial fictif.",
                    "actions": "Actions fictives par mission.",
                    "gouvernance": "Association (fictif).",
                    "professionnels": 20 + index % 80,
                    "calendrier": "Trois ans (fictif).",
                }
            )
            projet_missions.extend((dossier, mission) for mission in socle)
        if stage == Etape.ACI_SIGNE:
            aci = row["date_aci"]
            row.update(date_fin_aci=aci.replace(year=aci.year + 5), taille_signature=row["taille"])
            for mission in socle:
                (mission_id,) = writer.ids(MissionCpts, 1)
                start = aci + datetime.timedelta(days=180)
                deploy = aci + datetime.timedelta(days=540)
                started = start - datetime.timedelta(days=rng.randint(0, 60)) if rng.random() < 0.8 else None
                deployed = (
                    deploy - datetime.timedelta(days=30) if started and deploy < TODAY and rng.random() < 0.7 else None
                )
                mission_rows.append(
                    {
                        "id": mission_id,
                        "cpts_id": pk,
                        "mission_id": mission,
                        "echeance_demarrage": start,
                        "echeance_deploiement": deploy,
                        "date_demarrage": started,
                        "date_deploiement": deployed,
                        "indicateurs": "Indicateurs fictifs",
                    }
                )
                if started:
                    atteintes.append(
                        {
                            "mission_cpts_id": mission_id,
                            "annee": 1,
                            "taux": Decimal(rng.randint(40, 100)),
                            "commentaire": "Atteinte fictive",
                            "saisi_par_id": dd_user,
                            "saisi_le": writer.now,
                        }
                    )
            if index % 4 == 0:
                avenants.append(
                    {
                        "cpts_id": pk,
                        "numero": 1,
                        "date_signature": min(TODAY, aci + datetime.timedelta(days=400)),
                        "objet": "Avenant fictif : révision des indicateurs.",
                        "created_by_id": dd_user,
                    }
                )
            (beneficiaire,) = writer.ids(Beneficiaire, 1)
            row["beneficiaire_id"] = beneficiaire
            beneficiaires.append(
                {"id": beneficiaire, "programme": Programme.CPTS, "libelle": nom, "departement_id": departement.id}
            )
            ctx.beneficiaires.append(
                {
                    "id": beneficiaire,
                    "departement_id": departement.id,
                    "programme": Programme.CPTS,
                    "montant": Decimal(50_000 + 5_000 * rng.randint(0, 20)),
                    "annee": aci.year,
                }
            )
        rows.append(row)
    batch.rows(Beneficiaire, beneficiaires)
    batch.rows(Cpts, rows)
    batch.link(Cpts, "communes", communes)
    batch.rows(EtapeCpts, etapes)
    batch.rows(LettreIntentionCpts, lettres)
    batch.link(LettreIntentionCpts, "epcis", lettre_epcis)
    batch.link(LettreIntentionCpts, "orientations", lettre_missions)
    batch.rows(ProjetSanteCpts, projets)
    batch.link(ProjetSanteCpts, "missions", projet_missions)
    batch.rows(Participation, participations)
    batch.rows(Avis, avis)
    batch.rows(MissionCpts, mission_rows)
    batch.rows(AtteinteMission, atteintes)
    batch.rows(AvenantCpts, avenants)
    return batch


def create_structures(ctx: Context, people: People) -> Batch:
    """MSP (sites, teams, ACI criteria, declared funding), centres de santé and ESP, spread over the communes."""
    config, rng, writer = ctx.config, ctx.rng, ctx.writer
    criteres = list(CritereAciMsp.objects.order_by("ordre").values_list("pk", "type"))
    all_communes = [c for deps in ctx.departements for c in ctx.communes_by_departement[deps]]
    batch = Batch()
    msp, sites, teams, criteria, funding, beneficiaires = [], [], [], [], [], []
    for index, commune in enumerate(ctx.spread(all_communes, config.msp)):
        (pk,) = writer.ids(Msp, 1)
        statut = [StatutMsp.EN_FONCTIONNEMENT] * 4 + [StatutMsp.PROJET, StatutMsp.FERMEE]
        statut = statut[index % 6]
        projet = ctx.day(datetime.date(2012, 1, 1), datetime.date(2024, 12, 31))
        aci = (
            min(TODAY, projet + datetime.timedelta(days=rng.randint(300, 700)))
            if statut == StatutMsp.EN_FONCTIONNEMENT and index % 5
            else None
        )
        sisa = aci + datetime.timedelta(days=rng.randint(-200, 150)) if aci and index % 7 else None
        departement = ctx.departements[commune.departement_id]
        porteur = None
        if index % 5 == 0:
            porteur = create_porteur(
                people, f"msp-{commune.code}", f"SISA MSP de {commune.nom} ({commune.code}, fictive)", departement.id
            )
        row = {
            "id": pk,
            "nom": f"MSP de {commune.nom} (fictive)",
            "porteur_id": porteur,
            "departement_id": departement.id,
            "statut": statut,
            "sisa": sisa is not None,
            "date_sisa": sisa,
            "patientele": rng.randint(15, 90) * 100 if aci else None,
            "date_projet_sante": projet if statut != StatutMsp.PROJET else None,
            "date_aci": aci,
            "is_fictif": True,
        }
        if aci and index % 3 == 0:
            (beneficiaire,) = writer.ids(Beneficiaire, 1)
            row["beneficiaire_id"] = beneficiaire
            beneficiaires.append(
                {
                    "id": beneficiaire,
                    "programme": Programme.MSP,
                    "libelle": row["nom"],
                    "departement_id": departement.id,
                }
            )
            ctx.beneficiaires.append(
                {
                    "id": beneficiaire,
                    "departement_id": departement.id,
                    "programme": Programme.MSP,
                    "montant": Decimal(30_000),
                    "annee": aci.year,
                }
            )
        msp.append(row)
        sites.append(
            {"msp_id": pk, "commune_id": commune.id, "adresse": f"{1 + index % 40} rue de la Santé", "principal": True}
        )
        teams += [{"msp_id": pk, "profession": p, "nombre": 1 + (index + n) % 6} for n, p in enumerate(TEAM)]
        if aci:
            criteria += [
                {"msp_id": pk, "critere_id": c, "atteint": True} for c, t in criteres if t == "socle" or (index + c) % 2
            ]
        if index % 3 == 1:
            funding.append(
                {
                    "msp_id": pk,
                    "financeur": Financeur.FIR,
                    "montant": Decimal(50_000 * (1 + index % 4)),
                    "annee": projet.year,
                    "objet": "Investissement immobilier (fictif)",
                }
            )
    centres, staff = [], []
    sous_types, gestionnaires = list(TypeCentreSante.values), list(GestionnaireCentre.values)
    for index, commune in enumerate(ctx.spread(all_communes[3:] + all_communes[:3], config.centres)):
        (pk,) = writer.ids(CentreSante, 1)
        ouverture = ctx.day(datetime.date(1995, 1, 1), datetime.date(2024, 1, 1))
        centres.append(
            {
                "id": pk,
                "nom": f"Centre de santé de {commune.nom} (fictif)",
                "departement_id": commune.departement_id,
                "commune_id": commune.id,
                "statut": StatutMsp.EN_FONCTIONNEMENT,
                "is_fictif": True,
                "sous_type": sous_types[index % len(sous_types)],
                "gestionnaire_type": gestionnaires[index % len(gestionnaires)],
                "gestionnaire_nom": f"Gestionnaire fictif n° {index + 1}",
                "date_ouverture": ouverture,
            }
        )
        staff += [{"centre_id": pk, "profession": p, "nombre": 1 + (index + n) % 5} for n, p in enumerate(TEAM[:3])]
    esp = []
    for index, commune in enumerate(ctx.spread(all_communes[7:] + all_communes[:7], config.esp)):
        esp.append(
            {
                "nom": f"ESP de {commune.nom} (fictive)",
                "departement_id": commune.departement_id,
                "commune_id": commune.id,
                "statut": StatutMsp.EN_FONCTIONNEMENT,
                "is_fictif": True,
                "date_constitution": ctx.day(datetime.date(2018, 1, 1), datetime.date(2025, 1, 1)),
                "nb_medecins_generalistes": 2 + index % 4,
                "nb_autres_professionnels": 3 + index % 6,
                "objet": "Coordination des soins de proximité (fictif).",
            }
        )
    batch.rows(Beneficiaire, beneficiaires)
    batch.rows(Msp, msp)
    batch.rows(SiteMsp, sites)
    batch.rows(ProfessionnelMsp, teams)
    batch.rows(CritereMsp, criteria)
    batch.rows(FinancementMsp, funding)
    batch.rows(CentreSante, centres)
    batch.rows(ProfessionnelCentre, staff)
    batch.rows(EquipeSoinsPrimaires, esp)
    return batch
