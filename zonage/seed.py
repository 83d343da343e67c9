"""Reference data seeded by migration 0002 (editable afterwards in the admin). Source: shared/domain.md §3.2."""

import datetime

MEDECIN_ZONES = [
    ("ZIP", "Zone d'intervention prioritaire", "#ff8c00"),
    ("ZAC", "Zone d'action complémentaire", "#3b6fd8"),
    ("ZV", "Zone de vigilance", "#2e9e4f"),
    ("HC", "Hors classement", "#ffffff"),
]
AUTRES_ZONES = [
    ("TSD", "Très sous-dotée", "#d6452f"),
    ("SD", "Sous-dotée", "#ff8c00"),
    ("INT", "Intermédiaire", "#f2e394"),
    ("TD", "Très dotée", "#7fb9e6"),
    ("SURD", "Sur-dotée", "#3b6fd8"),
]
PROFESSIONS = [
    ("medecin-generaliste", "Médecin généraliste", "tvs", MEDECIN_ZONES),
    ("infirmier", "Infirmier", "commune", AUTRES_ZONES),
    ("masseur-kinesitherapeute", "Masseur-kinésithérapeute", "commune", AUTRES_ZONES),
    ("sage-femme", "Sage-femme", "commune", AUTRES_ZONES),
    ("chirurgien-dentiste", "Chirurgien-dentiste", "commune", AUTRES_ZONES),
    ("orthophoniste", "Orthophoniste", "commune", AUTRES_ZONES),
]
METHODOLOGIES = ["2017-11", "2018-06", "2020-01", "2020-04", "2021-10", "2024-01"]
GAZETTE = "https://www.lagazettedescommunes.com/535304/la-methodologie-pour-determiner-les-zones-caracterisees-par-une-offre-de-soins-insuffisante"
SENAT = "https://senat.fr/rap/l22-157/l22-1571.html"
# (type, methodology version, region code or None (national), value, unit, source, status)
PARAMETRES = [
    *[
        ("seuil_apl_zip", version, None, "2.5", "consultations/an/habitant standardisé",
         f"Arrêté du 13/11/2017 (méthodologie nationale) ; « < 2,5 » ou « ≤ 2,5 » selon les sources — {GAZETTE}",
         "a_confirmer")
        for version in METHODOLOGIES
    ],
    *[
        ("plafond_zip", version, "24", "58.8", "% de la population régionale",
         f"Table régionale de l'arrêté national post-2021, vivier ZIP Centre-Val de Loire — {SENAT}", "a_confirmer")
        for version in ("2021-10", "2024-01")
    ],
    *[
        ("plafond_zac", version, "24", "34", "% de la population régionale",
         f"Table régionale de l'arrêté national post-2021, vivier ZAC Centre-Val de Loire — {SENAT}", "a_confirmer")
        for version in ("2021-10", "2024-01")
    ],
]  # fmt: skip
PARAMETRE_VALIDE_DU = datetime.date(2017, 11, 13)

URPS_NA = "https://urpsml-na.org/etre-medecin-liberal/aides-publiques-coup-de-pouce-a-linstallation"
# (code, libellé, financeur, zones (médecin), summary, source, to confirm)
AIDES = [
    ("CAIM", "Contrat d'aide à l'installation des médecins", "assurance_maladie", ["ZIP"],
     "31 250 à 50 000 € (50 000 € pour 4 jours/semaine ou plus), moitié à l'installation, moitié après un an ; "
     "contrat de 5 ans non renouvelable.", URPS_NA, False),
    ("COSCOM", "Contrat de stabilisation et de coordination des médecins", "assurance_maladie", ["ZIP"],
     "5 000 € par an pendant 3 ans, renouvelable tacitement.", URPS_NA, False),
    ("COTRAM", "Contrat de transition des médecins", "assurance_maladie", ["ZIP"],
     "Jusqu'à 12 % des honoraires, dans la limite de 24 000 € par an, pour le médecin qui accueille un successeur.",
     URPS_NA, False),
    ("CSTM", "Contrat de solidarité territoriale médecin", "assurance_maladie", ["ZIP"],
     "Jusqu'à 27 % des honoraires réalisés en zone sous-dense, dans la limite de 60 000 € par an (taux à confirmer).",
     URPS_NA, True),
    ("CDE", "Contrat de début d'exercice", "etat", ["ZIP", "ZAC"],
     "Garantie de revenus et protection sociale pour les jeunes médecins ; successeur des contrats PTM (montant à "
     "confirmer).",
     "https://static1.lequotidiendumedecin.fr/liberal-soins-de-ville/exercice/caim-cde-crai-sy-retrouver-dans-les-aides-linstallation",
     True),
    ("PTMG", "Praticien territorial de médecine générale", "etat", ["ZIP", "ZAC"],
     "Garantie de revenus de l'État pour les médecins nouvellement installés.",
     "https://www.soignereniledefrance.org/sinstaller/zones-deficitaires-ars-2017-aides-a-linstallation-maintien/zones-deficitaires-selon-lars/",
     False),
    ("CESP", "Contrat d'engagement de service public", "etat", ["ZIP", "ZAC"],
     "1 200 € bruts par mois aux étudiants et internes qui s'engagent à exercer en zone sous-dense autant de mois "
     "que d'allocation perçue (2 ans minimum).",
     "https://www.occitanie.paps.sante.fr/les-aides-linstallation-32?parent=10251", False),
    ("L1511-8", "Aides des collectivités territoriales (art. L1511-8 CGCT)", "collectivites", ["ZIP", "ZAC"],
     "Aides à l'installation ou au maintien (locaux, logement, primes) versées par les collectivités.",
     "https://juriblio.fr/arretes/arrete-du-31-mai-2018/171203218/annexe", False),
    ("EXO-CFE", "Exonération de cotisation foncière des entreprises", "etat", ["ZIP"],
     "Exonération de 2 à 5 ans pour une installation dans une commune de moins de 2 000 habitants ou en ZRR.",
     "https://infographies-banque-populaire.site.eilep.com/les-aides-pour-les-zones-deficitaires-en-offre-de-soins",
     True),
]  # fmt: skip
# Other professions: the conventional installation contracts open in (très) sous-dotées zones.
AIDES_AUTRES = [
    ("CAI-PARAMED", "Contrat d'aide à l'installation (convention de la profession)", "assurance_maladie",
     ["TSD", "SD"], "Aide forfaitaire à l'installation en zone très sous-dotée ou sous-dotée ; montant fixé par la "
     "convention nationale de chaque profession (à confirmer).", "", True),
]  # fmt: skip


def seed(apps):
    Profession = apps.get_model("zonage", "Profession")
    ZoneCategorie = apps.get_model("zonage", "ZoneCategorie")
    Parametre = apps.get_model("zonage", "ParametreRegional")
    Aide = apps.get_model("zonage", "Aide")

    zones_by_code: dict[str, list] = {}
    for ordre, (code, libelle, granularite, zones) in enumerate(PROFESSIONS):
        profession, _ = Profession.objects.update_or_create(
            code=code, defaults={"libelle": libelle, "granularite": granularite, "ordre": ordre}
        )
        for zone_ordre, (zone_code, zone_libelle, couleur) in enumerate(zones):
            zone, _ = ZoneCategorie.objects.update_or_create(
                profession=profession,
                code=zone_code,
                defaults={"libelle": zone_libelle, "couleur": couleur, "ordre": zone_ordre},
            )
            zones_by_code.setdefault(zone_code, []).append(zone)

    for type_, version, region_code, valeur, unite, source, statut in PARAMETRES:
        Parametre.objects.update_or_create(
            type=type_,
            methodologie=version,
            region_code=region_code or "",
            valide_du=PARAMETRE_VALIDE_DU,
            defaults={"valeur": valeur, "unite": unite, "source": source, "statut": statut},
        )

    for ordre, (code, libelle, financeur, zones, resume, source, a_confirmer) in enumerate(AIDES + AIDES_AUTRES):
        aide, _ = Aide.objects.update_or_create(
            code=code,
            defaults={
                "libelle": libelle,
                "financeur": financeur,
                "resume": resume,
                "source_url": source,
                "a_confirmer": a_confirmer,
                "ordre": ordre,
            },
        )
        aide.zones.set([zone for code_ in zones for zone in zones_by_code.get(code_, [])])
