"""Plan fidelity (issue 14), data part. Everything is read in the ARS Centre-Val de Loire plan (`cvl-plan-acces-
soins-2017` of the référentiel: « Plan d'accès aux soins », décembre 2017 — not « octobre 2017 »):

- the plan is dated December 2017 and cites its document;
- it names no pilot per measure, only three roles (« La gouvernance »): they are seeded as `RolePilotage`, and
  the pilots the first seed invented per measure are removed (a pilot the ARS entered since is kept);
- every measure starts « non engagée » unless the plan reports progress; each status cites its passage and date.
  A status the ARS changed since the first seed is kept, marked as entered before sources were recorded;
- P1.7 was three measures in one (« D'autres mesures sont prévues dans le plan et restent à décliner (textes en
  attente) »): it becomes P1.7, P1.8 and P1.9; decisions of the comité linked to it are linked to all three;
- `niveau`: « déclinaison régionale » when the plan reports what the région does for the measure, otherwise
  « mesure nationale »;
- the free-text links between measures and indicators (`Mesure.indicateurs` codes and `Indicateur.mesure`,
  « P1.1 Zonage médecins ») become the one many-to-many `Mesure.indicateurs`;
- the catalogue of solutions seeded as Centre-Val de Loire's is Hauts-de-France's (region 32), reduced to the
  words of its source (`hdf-cnr-plans-actions`): no description of our own, no example site.
"""

import datetime
import re

from django.db import migrations

PLAN_DOC = "cvl-plan-acces-soins-2017"
HDF_DOC = "hdf-cnr-plans-actions"
PLAN_NOM = "Plan d'accès aux soins — Centre-Val de Loire"
PLAN_DATE = datetime.date(2017, 12, 1)
PLAN_DATE_LIBELLE = "décembre 2017"
OLD_PLAN_DATE = datetime.date(2017, 10, 13)
OLD_PLAN_SOURCES = (
    "ARS Centre-Val de Loire, présentation du plan d'accès aux soins (octobre 2017)",
    "ARS Centre-Val de Loire, présentation du plan d'accès aux soins (décembre 2017)",
)
SANS_AVANCEMENT = "Le plan ne rapporte pas d'avancement pour cette mesure : statut initial « non engagée »"
STATUT_ANTERIEUR = "Statut saisi par l'ARS avant l'enregistrement des sources (source à préciser)"

GOUVERNANCE = "« La gouvernance » : "
ROLES = [
    (
        "region",
        "Référent régional ARS",
        "Lien avec le niveau national et les autres régions\nVeille et information sur les évolutions "
        "réglementaires\nDispositif de suivi et d'évaluation des actions\nAnalyse juridique\nAnalyse partagée des "
        "données\nArticulation entre les acteurs régionaux\nPartage des expériences territoriales innovantes\n"
        "Appels à projets expérimentations",
        GOUVERNANCE + "niveau « Région », « Pilote : Référent régional ARS »",
    ),
    (
        "territoire",
        "Délégué départemental",
        "Lien avec le niveau régional\nÉlaboration et suivi de la mise en œuvre des actions prévues par le projet "
        "territorial de santé\nArticulation des acteurs au niveau départemental (DD ARS, services de l'État, CD, "
        "CPAM, GHT…)\nInstruction des projets\nRelai des difficultés et recherche de solutions en lien avec le "
        "niveau régional\nBilan des « entrées, sorties »\nRevue des exercices regroupés",
        GOUVERNANCE + "niveau « Territoire de démocratie sanitaire », « Pilote : Délégué départemental »",
    ),
    (
        "proximite",
        "Porteur du projet, à désigner par les acteurs du territoire",
        "Lieu de construction des projets des acteurs de santé (CLS, CPTS, GHT…)",
        GOUVERNANCE + "niveau « Territoire de proximité », « Pilote : le porteur du projet à désigner par les "
        "acteurs de ce territoire »",
    ),
]

REFERENT = "Référent régional ARS"
# (priorité, numéro) -> the first seed's invented pilot and status (to tell them from what the ARS entered since)
FIRST_SEED = {
    (1, 1): (REFERENT, "realisee"),
    (1, 2): ("Assurance maladie — ARS", "realisee"),
    (1, 3): (REFERENT, "en_cours"),
    (1, 4): ("Délégation départementale d'Eure-et-Loir", "en_attente_textes"),
    (1, 5): ("Faculté de médecine de Tours — ARS", "en_cours"),
    (1, 6): (REFERENT, "en_cours"),
    (1, 7): (REFERENT, "en_attente_textes"),
    (2, 1): ("Assurance maladie", "en_cours"),
    (2, 2): (REFERENT, "en_cours"),
    (2, 3): ("GRADES — ARS", "en_cours"),
    (3, 1): (REFERENT, "en_cours"),
    (3, 2): ("Délégations départementales", "en_cours"),
    (3, 3): (REFERENT, "realisee"),
    (3, 4): ("Délégations départementales", "en_cours"),
    (4, 1): (REFERENT, "en_cours"),
    (4, 2): (REFERENT, "non_engagee"),
    (4, 3): (REFERENT, "en_cours"),
    (4, 4): (REFERENT, "non_engagee"),
}

SPLIT_OF_P17 = ((1, 8), (1, 9))
N, R = "nationale", "regionale"
TEXTES = "« D'autres mesures sont prévues dans le plan et restent à décliner (textes en attente) »"
# (priorité, numéro) -> (libellé, description, niveau, statut, passage that states the status or None)
MESURES = {
    (1, 1): (
        "Mettre en œuvre le zonage médecins",
        "Arrêté ministériel du 13 novembre 2017 : 39,8 % de la population de la région réside en zone d'intervention "
        "prioritaire (ZIP, 14,2 % antérieurement, soit × 2,5), ouvrant droit à toutes les aides y compris "
        "conventionnelles et fiscales ; « 71,3 % résident en zone d'action complémentaire », ouvrant droit aux aides "
        "des collectivités territoriales et à l'installation des CESP, PTMG… (39,8 % + 71,3 % dépassant 100 %, ce "
        "chiffre comprend la ZIP : la ZAC seule représente 31,5 %). Nouveau zonage arrêté en décembre après la "
        "concertation conduite avant l'été et la consultation réglementaire.",
        R,
        "realisee",
        "Priorité n°1, mesure 1 : « le nouveau zonage qui favorise la région a été arrêté en décembre après la "
        "consultation réglementaire »",
    ),
    (1, 2): (
        "Faciliter le cumul emploi-retraite des médecins libéraux",
        "Élévation du plafond de revenu annuel permettant d'être dispensé des cotisations au régime PCV dans les "
        "zones en tension (de 11 500 € à 40 000 €). Les médecins retraités actifs représentent plus de 9 % des "
        "médecins libéraux en activité : plus de 330 médecins retraités, dont 173 généralistes.",
        N,
        "non_engagee",
        None,
    ),
    (1, 3): (
        "Développer les consultations avancées",
        "Revalorisation du contrat de solidarité territoriale médecin (CSTM) : aide à l'activité portée de 10 % à "
        "25 %. Consultations avancées dans certaines MSP (Argenton-sur-Creuse (36), Noyers-sur-Cher (41), "
        "Bonny-sur-Loire, l'Argonne (45)) ; depuis 2016, 2 contrats signés dans la région (1 dans le 18, 1 dans le "
        "45).",
        R,
        "en_cours",
        "Priorité n°1, mesure 3 : « Organisation de consultations avancées dans certaines MSP » ; « Depuis 2016, 2 "
        "contrats signés dans la région »",
    ),
    (1, 4): (
        "Généraliser le contrat de médecin adjoint",
        "Permettre aux jeunes médecins d'apporter un appui temporaire aux médecins exerçant en zone sous-dense. "
        "Dispositif initié et expérimenté en Eure-et-Loir depuis janvier 2017 (arrêté préfectoral) ; en attente "
        "d'une évolution réglementaire pour son extension et sa généralisation.",
        R,
        "en_attente_textes",
        "Priorité n°1, mesure 4 : « En attente d'une évolution réglementaire pour permettre l'extension et la "
        "généralisation de ce dispositif »",
    ),
    (1, 5): (
        "Favoriser les stages ambulatoires des professionnels de santé en formation",
        "393 médecins agréés pour la médecine générale ; 22 agréments dans les autres spécialités (6 en "
        "dermatologie, 4 en gynécologie-obstétrique, 3 en ORL, 6 en pédiatrie, 3 en rhumatologie). Amélioration "
        "des conditions d'hébergement et de transport.",
        R,
        "en_cours",
        "Priorité n°1, mesure 5 : « 393 médecins agréés pour la médecine générale » ; « 22 agréments délivrés »",
    ),
    (1, 6): (
        "Développer les coopérations entre les professionnels de santé",
        "Une vingtaine d'infirmières ASALEE formées, principalement en MSP ; 13 protocoles de coopération autorisés "
        "(dont 4 en soins visuels), 80 professionnels de santé impliqués ; projet de master de pratique avancée à la "
        "faculté de Tours (pratiques avancées en attente des textes réglementaires).",
        R,
        "en_cours",
        "Priorité n°1, mesure 6 : « Une vingtaine d'infirmières ASALEE formées » ; « L'ARS Centre-Val de Loire a "
        "autorisé 13 protocoles de coopération »",
    ),
    (1, 7): (
        "Créer des postes d'assistants partagés entre la ville et l'hôpital",
        "Mesure du plan restant à décliner, textes en attente.",
        N,
        "en_attente_textes",
        "Priorité n°1 : " + TEXTES,
    ),
    (1, 8): (
        "Faciliter les remplacements et l'exercice mixte",
        "Mesure du plan restant à décliner, textes en attente.",
        N,
        "en_attente_textes",
        "Priorité n°1 : " + TEXTES,
    ),
    (1, 9): (
        "Organiser la contribution des centres médicaux des armées",
        "Mesure du plan restant à décliner, textes en attente.",
        N,
        "en_attente_textes",
        "Priorité n°1 : " + TEXTES,
    ),
    (2, 1): (
        "Inscrire la télémédecine dans le droit commun dès 2018",
        "Négociations conventionnelles pour fixer au premier trimestre 2018 le tarif de droit commun de la "
        "téléconsultation et de la télé-expertise (mesure inscrite au PLFSS 2018).",
        N,
        "non_engagee",
        None,
    ),
    (2, 2): (
        "Accompagner l'équipement en télémédecine des établissements, des MSP et des centres de santé",
        "Équiper tous les EHPAD et toutes les zones sous-denses d'ici 2020 d'un matériel de téléconsultation. "
        "94 sites équipés en région à la date du plan.",
        R,
        "en_cours",
        "Priorité n°2 : « 94 sites équipés en région à ce jour »",
    ),
    (2, 3): (
        "Faire émerger les territoires digitaux",
        "Généraliser le DMP en 2018, développer les services numériques d'appui à la coordination, "
        "l'interopérabilité des logiciels et la prise de rendez-vous en ligne. En région : projets de services "
        "numériques d'appui à la coordination en cours de maturation ; GRADES annoncé opérationnel en mai 2018.",
        R,
        "en_cours",
        "Priorité n°2 : « Des projets d'acteurs en cours de maturation » (services numériques d'appui à la "
        "coordination)",
    ),
    (3, 1): (
        "Soutenir les maisons de santé pluriprofessionnelles, les centres de santé et l'exercice coordonné",
        "Au 1er juillet 2017 : 65 MSP en fonctionnement (dont 55 ont bénéficié d'un financement de l'État et de la "
        "Région) et 53 centres de santé (dont 7 pluriprofessionnels) ; 2 contrats de CPTS signés en 2017 (pôle de "
        "santé pluridisciplinaire du Sud Lochois en mars, Amboise en novembre).",
        R,
        "en_cours",
        "Priorité n°3, mesure 1 : « 65 MSP (…) en fonctionnement au 1er juillet 2017 » ; « Signature de 2 contrats »",
    ),
    (3, 2): (
        "Garantir une réponse aux demandes de soins non programmés aux heures d'ouverture des cabinets",
        "Organisations garantissant sur chaque territoire une offre de soins non programmés en journée et le samedi "
        "matin, en s'appuyant sur les initiatives des professionnels. En région : des difficultés d'organisation de "
        "la PDSA, une réflexion de l'URPS sur les soins non programmés en journée.",
        R,
        "non_engagee",
        None,
    ),
    (3, 3): (
        "Créer un guichet unique d'information et d'orientation des professionnels de santé",
        "Portail d'accompagnement des professionnels de santé (PAPS) développé par l'ARS et plateforme Instal Toi "
        "Doc, développée avec la Région.",
        R,
        "en_cours",
        "Priorité n°3, mesure 3 : « Le portail d'accompagnement des professionnels de santé (PAPS) est un service "
        "d'information de proximité développé par l'ARS » ; « Instal Toi Doc est une plateforme d'aide à "
        "l'installation »",
    ),
    (3, 4): (
        "Simplifier la prise en charge des patients en situation complexe",
        "Faire converger les dispositifs d'appui aux parcours complexes selon les territoires ; degré d'avancement "
        "différent d'un territoire à l'autre, une organisation cible qui se dessine.",
        R,
        "en_cours",
        "Priorité n°3, mesure 4 : « Degré d'avancement différent d'un territoire à l'autre mais une organisation "
        "macro cible qui se dessine »",
    ),
    (4, 1): (
        "Co-construire un projet d'animation et d'aménagement du territoire",
        "S'appuyer sur les projets régionaux de santé et les contrats locaux de santé : 17 CLS mettant en priorité "
        "les questions de la démographie médicale ; 1 groupement hospitalier de territoire par département.",
        R,
        "en_cours",
        "Priorité n°4 : « 17 CLS mettant en priorité les questions de la démographie médicale »",
    ),
    (4, 2): (
        "Créer un cadre commun permettant d'expérimenter de nouvelles organisations",
        "Cadre d'expérimentation financé par un Fonds national pour l'innovation organisationnelle sur l'ONDAM.",
        N,
        "non_engagee",
        None,
    ),
    (4, 3): (
        "Évaluer régulièrement la mise en place des actions territoriales",
        "Un comité d'évaluation « sera mis en place » : il suivra chaque action territoriale, avec une batterie "
        "resserrée d'indicateurs de résultats assortis d'objectifs d'amélioration.",
        N,
        "non_engagee",
        None,
    ),
    (4, 4): (
        "Appuyer les ARS dans l'accompagnement des projets de territoire",
        "Augmenter les crédits FIR pour l'exercice coordonné et les projets de territoire : 10 millions d'euros de "
        "crédits supplémentaires dès 2018, montant national pour l'ensemble des ARS ; coordination des "
        "financements de l'ARS et des collectivités.",
        N,
        "non_engagee",
        None,
    ),
}

# The catalogue as the first seed wrote it (Centre-Val de Loire, region 24) -> its `ordre` in the current seed
OLD_CATALOGUE = {
    "Guichet unique d'accueil et d'accompagnement des professionnels de santé": 1,
    "Démonstrateur de solutions en faveur de l'attractivité des professions de santé en territoire fragile": 2,
    "Filière d'excellence (cordées de la réussite) vers les études de santé": 3,
    "Programme d'accompagnement à l'arrêt du tabac et autres substances dans toutes les maternités": 4,
    "Médiation en santé en milieu rural et semi-urbain": 5,
    "Ambassadeurs en santé mentale": 6,
}
MESURE_REF = re.compile(r"^P(\d)\.(\d+)\b")


def _status(mesure, *, statut, passage, document):
    mesure.statut = statut
    mesure.statut_date, mesure.statut_date_libelle = PLAN_DATE, PLAN_DATE_LIBELLE
    mesure.statut_document = document
    mesure.statut_source = passage or SANS_AVANCEMENT


def _plan_and_roles(apps, document):
    Plan = apps.get_model("acces_soins", "Plan")
    RolePilotage = apps.get_model("acces_soins", "RolePilotage")
    plan = Plan.objects.filter(region_code="24", nom=PLAN_NOM).first()
    if plan is None:
        return None
    plan.document = document
    if plan.source in OLD_PLAN_SOURCES:
        plan.source = ""
    if plan.date_debut == OLD_PLAN_DATE:
        plan.date_debut = PLAN_DATE
    plan.save()
    for niveau, intitule, missions, passage in ROLES:
        RolePilotage.objects.get_or_create(
            plan=plan,
            niveau=niveau,
            defaults={"intitule": intitule, "missions": missions, "document": document, "source": passage},
        )
    return plan


def _mesures(apps, plan, document):
    Mesure = apps.get_model("acces_soins", "Mesure")
    Priorite = apps.get_model("acces_soins", "Priorite")
    priorites = {p.numero: p for p in Priorite.objects.filter(plan=plan)}
    mesures = Mesure.objects.filter(priorite__plan=plan).select_related("priorite")
    before = {(m.priorite.numero, m.numero): m for m in mesures}
    p17 = before.get((1, 7))
    # P1.8 and P1.9 come out of the former P1.7: they start where it stood, with its comité decisions
    p17_state = _entered_by_ars(p17, FIRST_SEED[(1, 7)][1]) if p17 else None
    p17_decisions = list(p17.decisions.all()) if p17 else []
    for key, (libelle, description, niveau, statut, passage) in MESURES.items():
        split = key in SPLIT_OF_P17 and p17 is not None
        mesure = before.get(key)
        if mesure is None:
            if key[0] not in priorites:
                continue
            mesure = Mesure(priorite=priorites[key[0]], numero=key[1])
        first_pilote, first_statut = FIRST_SEED.get(key, ("", statut))
        entered, statut_ars, changed = p17_state if split else _entered_by_ars(mesure, first_statut)
        mesure.libelle, mesure.description, mesure.niveau = libelle, description, niveau
        if mesure.pilote == first_pilote:
            mesure.pilote = ""
        if entered:
            mesure.statut, mesure.statut_document, mesure.statut_source = statut_ars, None, STATUT_ANTERIEUR
            mesure.statut_date, mesure.statut_date_libelle = changed.date() if changed else PLAN_DATE, ""
        else:
            _status(mesure, statut=statut, passage=passage, document=document)
        mesure.save()
        if split:
            for decision in p17_decisions:
                decision.mesures.add(mesure)


def _entered_by_ars(mesure, first_statut) -> tuple[bool, str, datetime.datetime | None]:
    """(whether the ARS changed the status since the first seed, that status, when); a new measure: not."""
    if mesure.pk is None:
        return False, "", None
    entered = mesure.updated_by_id is not None or mesure.statut != first_statut
    return entered, mesure.statut, mesure.updated_at


def _statuts_anterieurs(apps):
    """Statuses entered before they had a source (declinations, measures of another plan): say so, dated the
    day of this migration. Historical rows get the date of their change (0009 makes the date required)."""
    today = datetime.date.today()
    for name in ("DeclinaisonMesure", "Mesure"):
        model = apps.get_model("acces_soins", name)
        model.objects.filter(statut_date__isnull=True).update(statut_date=today, statut_source=STATUT_ANTERIEUR)
        historical = apps.get_model("acces_soins", f"Historical{name}")
        for row in historical.objects.filter(statut_date__isnull=True).only("history_id", "history_date"):
            historical.objects.filter(history_id=row.history_id).update(
                statut_date=row.history_date.date(), statut_source=STATUT_ANTERIEUR
            )


def _liens_indicateurs(apps, plan):
    """One many-to-many from both former free-text links (codes on the measure, « P1.1 … » on the indicator)."""
    Mesure = apps.get_model("acces_soins", "Mesure")
    Indicateur = apps.get_model("indicateurs", "Indicateur")
    mesures = {
        (m.priorite.numero, m.numero): m for m in Mesure.objects.filter(priorite__plan=plan).select_related("priorite")
    }
    by_code = {indicateur.code: indicateur for indicateur in Indicateur.objects.all()}
    for mesure in mesures.values():
        codes = mesure.indicateurs_codes if isinstance(mesure.indicateurs_codes, list) else []
        mesure.indicateurs.add(*[by_code[code] for code in codes if code in by_code])
    for indicateur in by_code.values():
        match = MESURE_REF.match(indicateur.mesure or "")
        if match and (int(match[1]), int(match[2])) in mesures:
            mesures[(int(match[1]), int(match[2]))].indicateurs.add(indicateur)


def _catalogue(apps, document):
    from acces_soins.feuilles.seed import CATALOGUE, CATALOGUE_REGION_CODE, catalogue_source

    Solution = apps.get_model("acces_soins", "Solution")
    Action = apps.get_model("acces_soins", "Action")
    current = {ordre: (libelle, theme, catalogue_source(passage)) for ordre, libelle, theme, passage in CATALOGUE}
    for old_libelle, ordre in OLD_CATALOGUE.items():
        solution = Solution.objects.filter(region_code="24", libelle=old_libelle).first()
        if solution is None:
            continue
        libelle, theme, source = current[ordre]
        Action.objects.filter(solution=solution, libelle=old_libelle).update(libelle=libelle)
        already = Solution.objects.filter(region_code=CATALOGUE_REGION_CODE, libelle=libelle).first()
        if already is not None:  # seeded twice: keep one, its actions follow
            Action.objects.filter(solution=solution).update(solution=already)
            solution.delete()
            continue
        solution.region_code, solution.libelle, solution.theme = CATALOGUE_REGION_CODE, libelle, theme
        solution.description, solution.sites_exemples, solution.source = "", "", source
        solution.save()
    seeded = [libelle for libelle, _theme, _source in current.values()]
    Solution.objects.filter(region_code=CATALOGUE_REGION_CODE, libelle__in=seeded).update(document=document)


def apply(apps, schema_editor):
    from indicateurs.referentiel_sources import ensure_sources

    sources = ensure_sources(apps, PLAN_DOC, HDF_DOC)
    plan = _plan_and_roles(apps, sources[PLAN_DOC])
    if plan is not None:
        _mesures(apps, plan, sources[PLAN_DOC])
        _liens_indicateurs(apps, plan)
    _statuts_anterieurs(apps)
    _catalogue(apps, sources[HDF_DOC])


class Migration(migrations.Migration):
    dependencies = [
        ("acces_soins", "0007_plan_sources_statuts_roles"),
        ("indicateurs", "0006_catalogue_fidelite"),
        ("referentiel", "0001_initial"),
    ]
    # It reads `Indicateur.mesure`, which indicateurs 0007 removes: declared here, so that indicateurs (below
    # acces_soins) never names this app.
    run_before = [("indicateurs", "0007_remove_indicateur_mesure")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
