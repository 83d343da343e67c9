"""Seed the plan d'accès aux soins of the ARS Centre-Val de Loire (presentation of December 2017).

The 4 priorities and their measures, with the 2017 regional figures in the descriptions. Migration 0008
corrects this first seed: the plan names no pilot per measure (the pilots below are removed), statuses start
« non engagée » unless the document reports progress, each with its source and date, and P1.7 is split in three.
"""

import datetime

from django.db import migrations

SOURCE = "ARS Centre-Val de Loire, présentation du plan d'accès aux soins (décembre 2017)"
REFERENT = "Référent régional ARS"

PRIORITES = [
    (
        1,
        "Renforcer l'offre de soins dans les territoires : une présence médicale et soignante accrue",
        [
            (
                "Mettre en œuvre le zonage médecins",
                "Arrêté ministériel du 13 novembre 2017 : 39,8 % de la population de la région réside en zone "
                "d'intervention prioritaire (ZIP, 14,2 % antérieurement, soit × 2,5), ouvrant droit à toutes les aides "
                "y compris conventionnelles et fiscales ; 71,3 % réside en zone d'action complémentaire (ZAC), ouvrant "
                "droit aux aides des collectivités et à l'installation des CESP, PTMG… Nouveau zonage arrêté en "
                "décembre 2017 après concertation et consultation réglementaire.",
                REFERENT,
                "realisee",
            ),
            (
                "Faciliter le cumul emploi-retraite des médecins libéraux",
                "Élévation du plafond de revenu annuel permettant d'être dispensé des cotisations au régime PCV dans "
                "les zones en tension (de 11 500 € à 40 000 €). Les médecins retraités actifs représentent plus de 9 % "
                "des médecins libéraux en activité : plus de 330 médecins retraités, dont 173 généralistes.",
                "Assurance maladie — ARS",
                "realisee",
            ),
            (
                "Développer les consultations avancées",
                "Revalorisation du contrat de solidarité territoriale médecin (CSTM) : aide à l'activité portée de "
                "10 % à 25 %. Consultations avancées dans des MSP (Argenton-sur-Creuse (36), Noyers-sur-Cher (41), "
                "Bonny-sur-Loire, l'Argonne (45)) ; depuis 2016, 2 contrats signés dans la région (1 dans le 18, "
                "1 dans le 45).",
                REFERENT,
                "en_cours",
            ),
            (
                "Généraliser le contrat de médecin adjoint",
                "Permettre aux jeunes médecins d'apporter un appui temporaire aux médecins exerçant en zone sous-dense. "
                "Dispositif expérimenté en Eure-et-Loir depuis janvier 2017 (arrêté préfectoral) ; en attente d'une "
                "évolution réglementaire pour son extension.",
                "Délégation départementale d'Eure-et-Loir",
                "en_attente_textes",
            ),
            (
                "Favoriser les stages ambulatoires des professionnels de santé en formation",
                "393 médecins agréés maîtres de stage en médecine générale ; 22 agréments dans d'autres spécialités "
                "(6 en dermatologie, 4 en gynécologie-obstétrique, 3 en ORL, 6 en pédiatrie, 3 en rhumatologie). "
                "Amélioration des conditions d'hébergement et de transport.",
                "Faculté de médecine de Tours — ARS",
                "en_cours",
            ),
            (
                "Développer les coopérations entre les professionnels de santé",
                "Une vingtaine d'infirmières ASALEE formées, principalement en MSP ; 13 protocoles de coopération "
                "autorisés (dont 4 en soins visuels), 80 professionnels de santé impliqués ; projet de master de "
                "pratique avancée à la faculté de Tours.",
                REFERENT,
                "en_cours",
            ),
            (
                "Assistants partagés, remplacements et centres médicaux des armées",
                "Mesures du plan restant à décliner, textes en attente : postes d'assistants partagés entre la ville "
                "et l'hôpital, remplacements et exercice mixte, contribution des centres médicaux des armées.",
                REFERENT,
                "en_attente_textes",
            ),
        ],
    ),
    (
        2,
        "Mettre en œuvre la révolution numérique en santé pour abolir les distances",
        [
            (
                "Inscrire la télémédecine dans le droit commun dès 2018",
                "Négociations conventionnelles pour fixer au premier trimestre 2018 le tarif de droit commun de la "
                "téléconsultation et de la télé-expertise (mesure inscrite au PLFSS 2018).",
                "Assurance maladie",
                "en_cours",
            ),
            (
                "Accompagner l'équipement en télémédecine des établissements, des MSP et des centres de santé",
                "Équiper tous les EHPAD et toutes les zones sous-denses d'ici 2020 d'un matériel de téléconsultation. "
                "94 sites équipés en région (2017).",
                REFERENT,
                "en_cours",
            ),
            (
                "Faire émerger les territoires digitaux",
                "Généraliser le DMP en 2018, développer les services numériques d'appui à la coordination, "
                "l'interopérabilité des logiciels et la prise de rendez-vous en ligne. GRADES opérationnel en mai 2018.",
                "GRADES — ARS",
                "en_cours",
            ),
        ],
    ),
    (
        3,
        "Favoriser une meilleure organisation des professions de santé pour assurer une présence soignante "
        "pérenne et continue",
        [
            (
                "Soutenir les maisons de santé pluriprofessionnelles, les centres de santé et l'exercice coordonné",
                "Au 1er juillet 2017 : 65 MSP (dont 55 financées par l'État et la Région) et 53 centres de santé "
                "(dont 7 pluriprofessionnels) ; 2 CPTS signées en 2017 (Sud Lochois en mars, Amboise en novembre).",
                REFERENT,
                "en_cours",
            ),
            (
                "Garantir une réponse aux demandes de soins non programmés aux heures d'ouverture des cabinets",
                "Organisations garantissant sur chaque territoire une offre de soins non programmés en journée et le "
                "samedi matin, en s'appuyant sur les initiatives des professionnels (URPS, CPTS).",
                "Délégations départementales",
                "en_cours",
            ),
            (
                "Créer un guichet unique d'information et d'orientation des professionnels de santé",
                "Portail d'accompagnement des professionnels de santé (PAPS) et plateforme Instal Toi Doc, développée "
                "avec la Région.",
                REFERENT,
                "realisee",
            ),
            (
                "Simplifier la prise en charge des patients en situation complexe",
                "Faire converger les dispositifs d'appui aux parcours complexes selon les territoires ; degré "
                "d'avancement différent d'un territoire à l'autre.",
                "Délégations départementales",
                "en_cours",
            ),
        ],
    ),
    (
        4,
        "Faire confiance aux acteurs des territoires pour construire des projets et innover",
        [
            (
                "Co-construire un projet d'animation et d'aménagement du territoire",
                "S'appuyer sur les projets régionaux de santé et les contrats locaux de santé : 17 CLS mettant en "
                "priorité la démographie médicale ; 1 groupement hospitalier de territoire par département.",
                REFERENT,
                "en_cours",
            ),
            (
                "Créer un cadre commun permettant d'expérimenter de nouvelles organisations",
                "Cadre d'expérimentation financé par un fonds national pour l'innovation organisationnelle sur "
                "l'ONDAM.",
                REFERENT,
                "non_engagee",
            ),
            (
                "Évaluer régulièrement la mise en place des actions territoriales",
                "Comité d'évaluation suivant chaque action territoriale, avec une batterie resserrée d'indicateurs "
                "de résultats assortis d'objectifs d'amélioration.",
                REFERENT,
                "en_cours",
            ),
            (
                "Appuyer les ARS dans l'accompagnement des projets de territoire",
                "10 millions d'euros de crédits FIR supplémentaires dès 2018 pour l'exercice coordonné et les projets "
                "de territoire ; coordination des financements de l'ARS et des collectivités.",
                REFERENT,
                "non_engagee",
            ),
        ],
    ),
]


def seed(apps, schema_editor):
    Plan = apps.get_model("acces_soins", "Plan")
    Priorite = apps.get_model("acces_soins", "Priorite")
    Mesure = apps.get_model("acces_soins", "Mesure")
    plan, _ = Plan.objects.get_or_create(
        region_code="24",
        nom="Plan d'accès aux soins — Centre-Val de Loire",
        defaults={"date_debut": datetime.date(2017, 12, 1), "source": SOURCE},
    )
    for numero, titre, mesures in PRIORITES:
        priorite, _ = Priorite.objects.get_or_create(plan=plan, numero=numero, defaults={"titre": titre})
        for index, (libelle, description, pilote, statut) in enumerate(mesures, start=1):
            Mesure.objects.get_or_create(
                priorite=priorite,
                numero=index,
                defaults={"libelle": libelle, "description": description, "pilote": pilote, "statut": statut},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("acces_soins", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
