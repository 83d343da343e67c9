"""Indicator fidelity (issue 14), data part. Every change below is read in the ARS Centre-Val de Loire plan
(« Plan d'accès aux soins », décembre 2017, source `cvl-plan-acces-soins-2017` of the référentiel):

- 71,3 % is ZIP + ZAC (39,8 % + 71,3 % > 100 %): P1_POP_ZAC now says it counts the ZAC alone and its 2017
  baseline is 31,5 % (71,3 − 39,8, à confirmer); a new indicator P1_POP_ZIP_ZAC counts both, baseline 71,3 %;
- no « CPTS sous ACI » baseline in 2017: the interprofessional agreement of the CPTS exists since 2019;
- « plus de 330 » and « une vingtaine » keep their qualifier;
- the 17 CLS are « CLS mettant en priorité la démographie médicale », not every CLS in force;
- the 10 M€ of FIR is a national amount;
- each direction (hausse/baisse) cites the passage that founds it, or is « à confirmer » (our reading);
- the seeded baselines cite the plan (document + passage) instead of « octobre 2017 ».

Baselines are rewritten only when they are still the seeded ones (same value and the old seeded source text):
a baseline entered by the ARS is left alone.
"""

from decimal import Decimal

from django.db import migrations

PLAN = "cvl-plan-acces-soins-2017"
PRIORITE_4 = "plan-acces-soins-priorite-4"
LECTURE = "lecture-equipe"
# the seed text of migration 0002, before and after its date was corrected
SEEDED_SOURCES = (
    "Plan d'accès aux soins, ARS Centre-Val de Loire, octobre 2017",
    "Plan d'accès aux soins, ARS Centre-Val de Loire, décembre 2017",
)
ZONAGE_SOURCE = "Arrêté de zonage médecins (ARS) et population INSEE"

# code -> fields of the indicator to (re)write
INDICATEURS = {
    "P1_POP_ZIP": {
        "libelle": "Part de la population en zone d'intervention prioritaire (ZIP, médecins)",
        "definition": "Part de la population municipale résidant dans une commune classée en zone d'intervention "
        "prioritaire (ZIP) par l'arrêté de zonage médecins en vigueur.",
        "methode": "Population des communes en ZIP / population du périmètre × 100 (service zonage.zone_shares, "
        "zone « ZIP »).",
    },
    "P1_POP_ZAC": {
        "libelle": "Part de la population en zone d'action complémentaire seule (ZAC, médecins)",
        "definition": "Part de la population municipale résidant dans une commune classée en zone d'action "
        "complémentaire (ZAC) par l'arrêté de zonage médecins en vigueur, sans la ZIP. Pour la ZIP et la ZAC "
        "ensemble, voir P1_POP_ZIP_ZAC.",
        "methode": "Population des communes en ZAC / population du périmètre × 100 (service zonage.zone_shares, "
        "zone « ZAC » seule).",
    },
    "P1_POP_ZIP_ZAC": {
        "priorite": 1,
        "mesure": "P1.1 Zonage médecins",
        "libelle": "Part de la population en ZIP ou en ZAC (médecins)",
        "definition": "Part de la population municipale résidant dans une commune classée en zone d'intervention "
        "prioritaire (ZIP) ou en zone d'action complémentaire (ZAC) par l'arrêté de zonage médecins en vigueur : "
        "les deux zones ensemble.",
        "methode": "(Population des communes en ZIP + population des communes en ZAC) / population du périmètre "
        "× 100 (service zonage.zone_shares, zones « ZIP » et « ZAC »).",
        "unite": "pourcentage",
        "source": ZONAGE_SOURCE,
        "periodicite": "semestrielle",
        "sens": "baisse",
        "niveaux": ["region", "departement"],
        "mode": "calcule",
    },
    "P1_CONSULTATIONS_AVANCEES": {
        "definition": "Nombre cumulé de contrats de consultations avancées signés dans le périmètre depuis 2016 "
        "(le plan ne précise pas de quels contrats il s'agit).",
    },
    "P3_CPTS_ACI": {
        "definition": "Nombre de CPTS dont l'accord conventionnel interprofessionnel (ACI) est signé au dernier jour "
        "du semestre. L'ACI des CPTS existe depuis 2019 : pas de valeur de référence en 2017 (les deux contrats "
        "de CPTS signés en 2017, Sud Lochois et Amboise, sont antérieurs à l'ACI).",
    },
    "P4_CLS": {
        "libelle": "CLS mettant en priorité la démographie médicale",
        "definition": "Nombre de contrats locaux de santé en vigueur au dernier jour du semestre qui mettent en "
        "priorité les questions de la démographie médicale (et non l'ensemble des CLS en vigueur).",
        "methode": "Décompte, par les délégations départementales, des CLS en vigueur dont les priorités "
        "comprennent la démographie médicale.",
    },
    "P4_FIR_ENGAGES": {
        "libelle": "Crédits FIR engagés par l'ARS pour l'exercice coordonné et les projets de territoire",
        "definition": "Montant des crédits du fonds d'intervention régional engagés par l'ARS sur l'exercice "
        "coordonné et les projets de territoire.",
        "methode": "Somme des engagements du semestre. Repère national, et non régional : le plan prévoit 10 M€ de "
        "crédits FIR supplémentaires dès 2018 pour l'ensemble des ARS.",
    },
}

# code -> (document code, passage) for a sourced direction; (None, reason) for one « à confirmer »
SENS = {
    "P1_POP_ZIP": (
        None,
        "Le plan présente le passage de 14,2 % à 39,8 % en ZIP comme favorable à la région (plus de territoires "
        "ouverts aux aides) : le sens « à la baisse » est une lecture, à arrêter par le comité.",
    ),
    "P1_POP_ZAC": (None, "Même lecture que pour la ZIP : le plan ne fixe pas de sens pour la part en zonage."),
    "P1_POP_ZIP_ZAC": (None, "Même lecture que pour la ZIP : le plan ne fixe pas de sens pour la part en zonage."),
    "P1_MEDECINS_RETRAITES": (PLAN, "Priorité n°1, mesure 2 : « Faciliter le cumul emploi-retraite des médecins »"),
    "P1_CONSULTATIONS_AVANCEES": (PLAN, "Priorité n°1, mesure 3 : « Développer les consultations avancées »"),
    "P1_MAITRES_STAGE": (PLAN, "Priorité n°1, mesure 5 : « une réelle volonté de développer davantage ces stages »"),
    "P1_AGREMENTS_AUTRES": (
        PLAN,
        "Priorité n°1, mesure 5 : « Développer des stages extra-hospitaliers pour la médecine générale et les "
        "autres spécialités »",
    ),
    "P1_PROTOCOLES_COOPERATION": (
        PLAN,
        "Priorité n°1, mesure 6 : « Diffuser de nouveaux protocoles de coopération simplifiés »",
    ),
    "P1_ASALEE": (
        PLAN,
        "Priorité n°1, mesure 6 : « Déployer de nouvelles infirmières ASALEE dans les zones sous-denses »",
    ),
    "P1_CESP": (None, "Le plan ne cite les CESP que parmi les aides ouvertes en ZAC : sens retenu par l'équipe."),
    "P2_SITES_TELEMEDECINE": (
        PLAN,
        "Priorité n°2, mesure 2 : « Accompagner l'équipement des établissements de santé et médico-sociaux, des "
        "MSP et des centres de santé dans le déploiement de la télémédecine »",
    ),
    "P2_EHPAD_EQUIPES": (PLAN, "Priorité n°2, mesure 2 : « Équiper tous les EHPAD (…) d'ici 2020 »"),
    "P2_TELECONSULTATIONS": (
        None,
        "Le plan inscrit la télémédecine dans le droit commun sans fixer d'objectif de volume : sens retenu par "
        "l'équipe.",
    ),
    "P3_MSP": (
        PLAN,
        "Priorité n°3, mesure 1 : « Soutenir le développement des maisons de santé pluri-professionnelles »",
    ),
    "P3_CENTRES_SANTE": (PLAN, "Priorité n°3, mesure 1 : « Soutenir le développement (…) des centres de santé »"),
    "P3_CPTS_ACI": (
        PLAN,
        "Priorité n°3, mesure 1 : « Soutenir le développement (…) de tous les modes d'exercice coordonné »",
    ),
    "P3_POP_CPTS": (None, "Le plan ne fixe pas d'objectif de couverture par les CPTS : sens retenu par l'équipe."),
    "P4_CLS": (None, "Le plan s'appuie sur les CLS sans en fixer le nombre : sens retenu par l'équipe."),
    "P4_POP_CLS": (None, "Le plan ne fixe pas d'objectif de couverture par les CLS : sens retenu par l'équipe."),
    "P4_LI_DEPOSEES": (None, "Indicateur du portail, sans objectif dans le plan : sens retenu par l'équipe."),
    "P4_LI_ACCEPTEES": (None, "Indicateur du portail, sans objectif dans le plan : sens retenu par l'équipe."),
    "P4_DELAI_INSTRUCTION": (None, "Indicateur du portail, sans objectif dans le plan : sens retenu par l'équipe."),
    "P4_FICHES_REALISEES": (None, "Indicateur du portail, sans objectif dans le plan : sens retenu par l'équipe."),
    "P4_FICHES_EN_RETARD": (None, "Indicateur du portail, sans objectif dans le plan : sens retenu par l'équipe."),
    "P4_FIR_ENGAGES": (
        PRIORITE_4,
        "« Augmenter les crédits FIR pour une politique intégrée de soutien à l'exercice coordonné et aux projets "
        "de territoire »",
    ),
}

# code -> regional baseline: (value, semester, qualifier, passage, à confirmer, note); None deletes the seeded one
BASELINES = {
    "P1_POP_ZIP": (
        "39.8",
        "2017-S2",
        "",
        "Priorité n°1, mesure 1 : « 39,8 % de la population de la région Centre-Val de Loire résident en zone "
        "d'intervention prioritaire »",
        False,
        "Arrêté ministériel du 13 novembre 2017.",
    ),
    "P1_POP_ZAC": (
        "31.5",
        "2017-S2",
        "",
        "Priorité n°1, mesure 1 : 71,3 % (ZIP et ZAC) − 39,8 % (ZIP)",
        True,
        "Valeur déduite : le plan écrit « 71,3 % résident en zone d'action complémentaire », mais 39,8 % + 71,3 % "
        "dépasse 100 % : ce chiffre comprend la ZIP ; la ZAC seule en représente 71,3 − 39,8 = 31,5 %.",
    ),
    "P1_POP_ZIP_ZAC": (
        "71.3",
        "2017-S2",
        "",
        "Priorité n°1, mesure 1 : « 71,3 % résident en zone d'action complémentaire »",
        False,
        "Le plan rattache ce chiffre à la zone d'action complémentaire ; 39,8 % (ZIP) + 71,3 % dépassant 100 %, il "
        "couvre la ZIP et la ZAC ensemble.",
    ),
    "P1_MEDECINS_RETRAITES": (
        "330",
        "2017-S2",
        "plus_de",
        "Priorité n°1, mesure 2 : « ils sont plus de 330 médecins retraités, dont 173 médecins généralistes (…), à "
        "continuer à exercer une activité libérale »",
        False,
        "",
    ),
    "P1_CONSULTATIONS_AVANCEES": (
        "2",
        "2017-S2",
        "",
        "Priorité n°1, mesure 3 : « Depuis 2016, 2 contrats signés dans la région (1 dans le 18 et 1 dans le 45) »",
        True,
        "Le plan ne dit pas de quels contrats il s'agit.",
    ),
    "P1_MAITRES_STAGE": (
        "393",
        "2017-S2",
        "",
        "Priorité n°1, mesure 5 : « 393 médecins agréés pour la médecine générale »",
        False,
        "",
    ),
    "P1_AGREMENTS_AUTRES": (
        "22",
        "2017-S2",
        "",
        "Priorité n°1, mesure 5 : « Pour les autres spécialités, 22 agréments délivrés »",
        False,
        "",
    ),
    "P1_PROTOCOLES_COOPERATION": (
        "13",
        "2017-S2",
        "",
        "Priorité n°1, mesure 6 : « L'ARS Centre-Val de Loire a autorisé 13 protocoles de coopération entre "
        "professionnels de santé »",
        False,
        "",
    ),
    "P1_ASALEE": (
        "20",
        "2017-S2",
        "environ",
        "Priorité n°1, mesure 6 : « Une vingtaine d'infirmières ASALEE formées et exerçant principalement au sein "
        "de maisons de santé pluriprofessionnelles »",
        False,
        "",
    ),
    "P2_SITES_TELEMEDECINE": (
        "94",
        "2017-S2",
        "",
        "Priorité n°2 : « 94 sites équipés en région à ce jour »",
        False,
        "",
    ),
    "P3_MSP": (
        "65",
        "2017-S1",
        "",
        "Priorité n°3, mesure 1 : « 65 MSP dont 55 ont bénéficié d'un financement par l'État et la Région (…) en "
        "fonctionnement au 1er juillet 2017 »",
        False,
        "Décompte au 1er juillet 2017, rattaché au premier semestre 2017.",
    ),
    "P3_CENTRES_SANTE": (
        "53",
        "2017-S1",
        "",
        "Priorité n°3, mesure 1 : « 53 centres de santé dont 7 pluri-professionnels en fonctionnement au 1er "
        "juillet 2017 »",
        False,
        "Décompte au 1er juillet 2017, rattaché au premier semestre 2017.",
    ),
    "P3_CPTS_ACI": None,
    "P4_CLS": (
        "17",
        "2017-S2",
        "",
        "Priorité n°4 : « 17 CLS mettant en priorité les questions de la démographie médicale »",
        False,
        "",
    ),
}


def _seeded(baseline) -> bool:
    """Still the baseline migration 0002 wrote (a baseline the ARS entered has another source)."""
    return baseline.source in SEEDED_SOURCES and not baseline.fictif


def apply(apps, schema_editor):
    from indicateurs.referentiel_sources import ensure_sources

    Indicateur = apps.get_model("indicateurs", "Indicateur")
    Perimetre = apps.get_model("indicateurs", "Perimetre")
    Baseline = apps.get_model("indicateurs", "Baseline")
    sources = ensure_sources(apps, PLAN, PRIORITE_4, LECTURE)
    names = {field.name for field in Indicateur._meta.get_fields()}  # also run on today's models (test re-seed)
    for code, fields in INDICATEURS.items():
        if code == "P1_POP_ZIP_ZAC":
            zac = Indicateur.objects.filter(code="P1_POP_ZAC").first()
            fields = {key: value for key, value in fields.items() if key in names}
            Indicateur.objects.update_or_create(code=code, defaults={**fields, "ordre": zac.ordre if zac else 0})
        else:
            Indicateur.objects.filter(code=code).update(**fields)
    for code, (document, passage) in SENS.items():
        Indicateur.objects.filter(code=code).update(
            sens_document=sources[document or LECTURE], sens_source=passage, sens_a_confirmer=document is None
        )
    region = Perimetre.objects.filter(kind="region", code="24").first()
    if region is None:
        return
    for code, spec in BASELINES.items():
        indicateur = Indicateur.objects.filter(code=code).first()
        if indicateur is None:
            continue
        existing = Baseline.objects.filter(indicateur=indicateur, perimetre=region).first()
        if existing is not None and not _seeded(existing):
            continue
        if spec is None:
            if existing is not None:
                existing.delete()
            continue
        valeur, periode, qualificatif, passage, a_confirmer, note = spec
        Baseline.objects.update_or_create(
            indicateur=indicateur,
            perimetre=region,
            defaults={
                "valeur": Decimal(valeur),
                "periode": periode,
                "qualificatif": qualificatif,
                "document": sources[PLAN],
                "source": passage,
                "a_confirmer": a_confirmer,
                "note": note,
                "fictif": False,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("indicateurs", "0005_reperes_sources_and_sens"), ("referentiel", "0001_initial")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
