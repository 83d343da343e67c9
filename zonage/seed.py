"""Professions, zone categories and aids, seeded by migration 0006 (editable afterwards in the admin).

Source: shared/domain.md §3.2. The figures of the zonage (APL threshold, regional shares, aid amounts) are not
here: they are rows of the référentiel (`referentiel/data/zonage.toml`)."""

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
URPS_NA = "https://urpsml-na.org/etre-medecin-liberal/aides-publiques-coup-de-pouce-a-linstallation"
QUOTIDIEN = (
    "https://static1.lequotidiendumedecin.fr/liberal-soins-de-ville/exercice/"
    "caim-cde-crai-sy-retrouver-dans-les-aides-linstallation"
)
ZONE, COMMUNE = "zone", "commune"
# (code, libellé, financeur, opened by, zones (médecin), conditions — no figure: amounts, durations and criteria are
# référentiel rows of code `referentiel`, see referentiel/data/zonage.toml —, référentiel code, valid from, source,
# to confirm)
AIDES = [
    ("CAIM", "Contrat d'aide à l'installation des médecins", "assurance_maladie", ZONE, ["ZIP"],
     "Versée pour moitié à l'installation et pour moitié après un an ; contrat non renouvelable.",
     "aide_caim", None, URPS_NA, False),
    ("COSCOM", "Contrat de stabilisation et de coordination des médecins", "assurance_maladie", ZONE, ["ZIP"],
     "Aide annuelle à la stabilisation du médecin installé en zone sous-dense ; contrat renouvelable tacitement.",
     "aide_coscom", None, URPS_NA, False),
    ("COTRAM", "Contrat de transition des médecins", "assurance_maladie", ZONE, ["ZIP"],
     "Pour le médecin qui accueille et accompagne un successeur : une part de ses honoraires, dans la limite d'un "
     "plafond annuel.", "aide_cotram", None, URPS_NA, False),
    ("CSTM", "Contrat de solidarité territoriale médecin", "assurance_maladie", ZONE, ["ZIP"],
     "Pour le médecin qui exerce une partie de son activité en zone sous-dense (consultations avancées) : une part "
     "des honoraires qu'il y réalise, dans la limite d'un plafond annuel.", "aide_cstm", None, URPS_NA, True),
    ("INSTALLATION-2023", "Aide à la première installation", "assurance_maladie", ZONE, ["ZIP", "ZAC"],
     "Aide forfaitaire à la première installation en exercice libéral, d'un montant différent en ZIP et en ZAC.",
     "aide_premiere_installation", datetime.date(2023, 1, 1), QUOTIDIEN, True),
    ("CDE", "Contrat de début d'exercice", "etat", ZONE, ["ZIP", "ZAC"],
     "Garantie de revenus et protection sociale pour les jeunes médecins ; successeur des contrats PTM. Montant non "
     "publié dans nos sources.", "", None, QUOTIDIEN, True),
    ("PTMG", "Praticien territorial de médecine générale", "etat", ZONE, ["ZIP", "ZAC"],
     "Garantie de revenus de l'État pour les médecins nouvellement installés.", "", None,
     "https://www.soignereniledefrance.org/sinstaller/zones-deficitaires-ars-2017-aides-a-linstallation-maintien/zones-deficitaires-selon-lars/",
     False),
    ("CESP", "Contrat d'engagement de service public", "etat", ZONE, ["ZIP", "ZAC"],
     "Allocation mensuelle versée aux étudiants et internes qui s'engagent à exercer en zone sous-dense autant de "
     "mois que d'allocation perçue.", "aide_cesp", None,
     "https://www.occitanie.paps.sante.fr/les-aides-linstallation-32?parent=10251", False),
    ("L1511-8", "Aides des collectivités territoriales (art. L1511-8 CGCT)", "collectivites", ZONE, ["ZIP", "ZAC"],
     "Aides à l'installation ou au maintien (locaux, logement, primes) versées par les collectivités.", "", None,
     "https://juriblio.fr/arretes/arrete-du-31-mai-2018/171203218/annexe", False),
    ("EXO-PDSA-IR", "Exonération d'impôt sur le revenu de la permanence des soins (art. 151 ter CGI)", "etat", ZONE,
     ["ZIP"], "Pour le médecin installé en ZIP : la rémunération de ses gardes de permanence des soins ambulatoires "
     "(PDSA) est exonérée d'impôt sur le revenu, dans la limite d'un nombre de jours par an.",
     "aide_pdsa_ir", None, "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006069577", True),
    ("EXO-CFE", "Exonération de cotisation foncière des entreprises", "etat", COMMUNE, [],
     "Pour une installation dans une commune de petite taille (seuil de population au référentiel) ou classée en "
     "zone de revitalisation rurale (ZRR, devenue France Ruralités Revitalisation) : exonération temporaire. Ce "
     "n'est pas une aide du zonage.", "aide_exo_cfe", None,
     "https://infographies-banque-populaire.site.eilep.com/les-aides-pour-les-zones-deficitaires-en-offre-de-soins",
     True),
]  # fmt: skip
# Other professions: the conventional installation contracts open in (très) sous-dotées zones.
AIDES_AUTRES = [
    ("CAI-PARAMED", "Contrat d'aide à l'installation (convention de la profession)", "assurance_maladie", ZONE,
     ["TSD", "SD"], "Aide forfaitaire à l'installation en zone très sous-dotée ou sous-dotée ; montant fixé par la "
     "convention nationale de chaque profession (à confirmer).", "", None, "", True),
]  # fmt: skip


def seed(apps):
    Profession = apps.get_model("zonage", "Profession")
    ZoneCategorie = apps.get_model("zonage", "ZoneCategorie")
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

    for ordre, row in enumerate(AIDES + AIDES_AUTRES):
        code, libelle, financeur, eligibilite, zones, resume, referentiel_code, valide_du, source, a_confirmer = row
        aide, _ = Aide.objects.update_or_create(
            code=code,
            defaults={
                "libelle": libelle,
                "financeur": financeur,
                "eligibilite": eligibilite,
                "resume": resume,
                "referentiel_code": referentiel_code,
                "valide_du": valide_du,
                "source_url": source,
                "a_confirmer": a_confirmer,
                "ordre": ordre,
            },
        )
        aide.zones.set([zone for code_ in zones for zone in zones_by_code.get(code_, [])])
