"""Frozen copy of the reference data migrations 0002 and 0004 seeded (before the values moved to the register).

Migration 0007 moves them to `referentiel` and 0008 drops these tables: this module only keeps the old migrations
runnable on a fresh database. Not imported by any code outside `cpts/migrations`."""

import datetime
from decimal import Decimal

ACI_2019 = datetime.date(2019, 6, 20)
AVENANT_2 = datetime.date(2022, 1, 1)
ACI_MSP = datetime.date(2017, 7, 24)
SRC_ACI = "ACI CPTS du 20 juin 2019 (hauts-de-france.paps.sante.fr, financement de la CPTS)"
SRC_AV2 = "ACI CPTS, avenant 2 (décembre 2021, ameli.fr)"
SRC_MSP = "ACI MSP, arrêté du 24 juillet 2017 (femasif.fr, docteur-house.fr)"

SEUILS = [("T1", 0), ("T2", 40_000), ("T3", 80_000), ("T4", 175_001)]

MISSIONS = [
    ("acces_soins", "Accès aux soins (médecin traitant, soins non programmés)", "socle", 1, 6, 18),
    ("parcours", "Parcours pluriprofessionnels", "socle", 2, 12, 24),
    ("prevention", "Prévention", "socle", 3, 12, 24),
    ("crises", "Réponse aux crises sanitaires graves", "socle", 4, 6, 18),
    ("qualite", "Qualité et pertinence des soins", "optionnelle", 5, None, None),
    ("accompagnement", "Accompagnement des professionnels de santé", "optionnelle", 6, None, None),
]

PARAMETRES = [
    ("valeur_point", "7", ACI_MSP, SRC_MSP, False),
    ("duree_aci", "5", ACI_2019, SRC_ACI, False),
    ("msp_min_mg", "2", ACI_MSP, "fmps-normandie.org, bénéficier de l'ACI", False),
    ("msp_min_paramedical", "1", ACI_MSP, "fmps-normandie.org, bénéficier de l'ACI", False),
    ("part_avance", "75", ACI_2019, "senat.fr, rapport r25-032", False),
]
SRC_RAPPELS = "Choix de l'ARS pour les rappels d'échéance des missions (à confirmer)"
# Reminder steps: e-mail N days before a mission's start / deployment deadline (seeded by 0004).
RAPPELS = [
    ("rappel_1", "30", ACI_2019, SRC_RAPPELS, True),
    ("rappel_2", "7", ACI_2019, SRC_RAPPELS, True),
]

# (mission code or None for fonctionnement) -> per size class T1..T4: (fixed, variable). To confirm.
BAREME_2019 = {
    None: [(50_000, 0), (60_000, 0), (75_000, 0), (90_000, 0)],
    "acces_soins": [(15_000, 15_000), (17_500, 17_500), (25_000, 25_000), (30_000, 30_000)],
    "parcours": [(10_000, 10_000), (12_500, 12_500), (17_500, 17_500), (20_000, 20_000)],
    "prevention": [(5_000, 5_000), (7_000, 7_000), (9_000, 9_000), (10_000, 10_000)],
    "qualite": [(7_500, 7_500), (10_000, 10_000), (12_500, 12_500), (15_000, 15_000)],
    "accompagnement": [(5_000, 5_000), (7_500, 7_500), (10_000, 10_000), (10_000, 10_000)],
}
BAREME_AVENANT_2 = {
    **BAREME_2019,
    "crises": [(10_000, 0), (15_000, 0), (20_000, 0), (25_000, 0)],
}

CRITERES_MSP = [
    ("horaires", "Horaires d'ouverture et soins non programmés", "socle", 1_200, True),
    ("coordination", "Fonction de coordination (part fixe)", "socle", 1_000, False),
    ("travail_equipe", "Travail en équipe et coordination (part variable)", "socle", 1_700, False),
    ("protocole", "Protocole pluriprofessionnel (100 points par protocole)", "socle", 100, False),
    ("si_partage", "Système d'information partagé", "socle", 500, True),
    ("diversite", "Diversité de l'offre de soins", "optionnel", 300, True),
    ("sante_publique", "Missions de santé publique", "optionnel", 350, True),
]


def seed_parametres(apps, rows) -> None:
    ParametreCpts = apps.get_model("cpts", "ParametreCpts")
    for code, valeur, du, source, to_confirm in rows:
        ParametreCpts.objects.get_or_create(
            code=code, valide_du=du, defaults={"valeur": Decimal(valeur), "source": source, "a_confirmer": to_confirm}
        )


def seed(apps) -> None:
    SeuilTaille = apps.get_model("cpts", "SeuilTaille")
    Mission = apps.get_model("cpts", "Mission")
    BaremeAci = apps.get_model("cpts", "BaremeAci")
    BaremeLigne = apps.get_model("cpts", "BaremeLigne")
    CritereAciMsp = apps.get_model("cpts", "CritereAciMsp")
    for taille, minimum in SEUILS:
        SeuilTaille.objects.get_or_create(
            taille=taille, valide_du=ACI_2019, defaults={"population_min": minimum, "source": SRC_ACI}
        )
    missions = {}
    for code, libelle, type_, ordre, start, deploy in MISSIONS:
        missions[code], _ = Mission.objects.get_or_create(
            code=code,
            defaults={
                "libelle": libelle,
                "type": type_,
                "ordre": ordre,
                "delai_demarrage_mois": start,
                "delai_deploiement_mois": deploy,
                "source": SRC_AV2 if code == "crises" else SRC_ACI,
            },
        )
    seed_parametres(apps, PARAMETRES + RAPPELS)
    versions = [
        ("ACI CPTS 2019", ACI_2019, AVENANT_2 - datetime.timedelta(days=1), SRC_ACI, BAREME_2019),
        ("ACI CPTS — avenant 2", AVENANT_2, None, SRC_AV2, BAREME_AVENANT_2),
    ]
    for nom, du, au, source, table in versions:
        bareme, created = BaremeAci.objects.get_or_create(
            nom=nom, defaults={"valide_du": du, "valide_au": au, "source": source, "a_confirmer": True}
        )
        if not created:
            continue
        for code, amounts in table.items():
            for taille, (fixe, variable) in zip(["T1", "T2", "T3", "T4"], amounts, strict=True):
                BaremeLigne.objects.create(
                    bareme=bareme,
                    taille=taille,
                    mission=missions[code] if code else None,
                    part_fixe=Decimal(fixe),
                    part_variable=Decimal(variable),
                )
    for ordre, (code, libelle, type_, points, to_confirm) in enumerate(CRITERES_MSP):
        CritereAciMsp.objects.get_or_create(
            code=code,
            valide_du=ACI_MSP,
            defaults={
                "libelle": libelle,
                "type": type_,
                "points": points,
                "ordre": ordre,
                "source": SRC_MSP,
                "a_confirmer": to_confirm,
            },
        )
