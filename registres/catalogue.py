"""The registers of the CVL plan, declared on the pattern (`registres.declarations`): each says only what is its
own. Registered by `RegistresConfig.ready()`."""

from registres.declarations import COMMUNE_FACULTATIVE, SANS_COMMUNE, Enfant, Registre, register
from registres.enums import Lecteurs
from registres.models import (
    ConsultationAvancee,
    ContratAide,
    Dac,
    EffectifMedecins,
    Ght,
    MaitreStage,
    MouvementMedecin,
    OffreLogement,
    OrganisationSoins,
    ProjetTerritorial,
    ProtocoleCooperation,
    SiteTelemedecine,
)
from registres.perms import editable_departements
from registres.services.ledger import contrat_ledger

STAGES = ("P1.5", "Favoriser les stages ambulatoires des professionnels de santé en formation")
GOUVERNANCE = "Gouvernance départementale du plan (délégué départemental)"
CONTRATS_INDICATEURS = (
    "P1_CONTRATS_CAIM",
    "P1_CONTRATS_COSCOM",
    "P1_CONTRATS_COTRAM",
    "P1_CONTRATS_CSTM",
    "P1_CESP",
    "P1_CONTRATS_PTMG",
    "P1_AIDES_COLLECTIVITES",
)


def _tvs_choices(user):
    from territoires.models import TerritoireVieSante

    return TerritoireVieSante.objects.filter(communes__departement__in=editable_departements(user)).distinct()


def _contrats_choices(user):
    return ContratAide.objects.visible_to(user).select_related("aide", "commune", "departement")


def _cstm_choices(user):
    return _contrats_choices(user).filter(aide__code="CSTM")


def _tvs_of_commune(mouvement) -> None:
    """The TVS of a movement is its commune's (current assignment)."""
    mouvement.tvs_id = mouvement.commune.tvs_id if mouvement.commune_id else None


DECLARATIONS = [
    Registre(
        code="maitres-de-stage",
        model=MaitreStage,
        titre="Maîtres de stage universitaires",
        nom="un maître de stage",
        description="Médecins et cabinets agréés pour accueillir des étudiants et des internes ; la zone est celle "
        "de l'arrêté de zonage en vigueur le jour de l'agrément.",
        champs=("type", "nom", "rpps", "specialite", "universite", "capacite"),
        colonnes=("nom", "specialite", "universite"),
        filtres=("specialite", "type"),
        recherche=("nom", "universite"),
        libelles={"date_debut": "Agréé le", "date_fin": "Agrément jusqu'au"},
        personnels=("nom", "rpps"),
        conservation="date_fin",
        mesure=STAGES[0],
        mesure_libelle=STAGES[1],
        indicateurs=("P1_MAITRES_STAGE", "P1_MAITRES_STAGE_ZIP", "P1_AGREMENTS_AUTRES"),
        alias={"nom": ("médecin", "maître de stage"), "date_debut": ("date d'agrément", "agrément")},
        ordre=10,
    ),
    Registre(
        code="logements-stagiaires",
        model=OffreLogement,
        titre="Logements proposés aux stagiaires",
        nom="une offre de logement",
        description="Logements que les collectivités proposent aux étudiants et internes en stage ambulatoire.",
        champs=("nom", "collectivite", "places", "gratuit", "loyer_mensuel", "contact"),
        colonnes=("collectivite", "places", "gratuit"),
        filtres=("gratuit",),
        recherche=("nom", "collectivite"),
        libelles={"date_debut": "Disponible du", "date_fin": "Disponible jusqu'au"},
        mesure=STAGES[0],
        mesure_libelle=STAGES[1],
        ordre=15,
    ),
    Registre(
        code="sites-telemedecine",
        model=SiteTelemedecine,
        titre="Sites de télémédecine",
        nom="un site de télémédecine",
        description="Sites équipés pour la téléconsultation ou la téléexpertise, et les structures qu'ils servent.",
        champs=("nom", "type_site", "activite", "thematiques", "msp", "centres_sante", "autres_structures"),
        colonnes=("nom", "type_site", "activite"),
        filtres=("type_site", "activite"),
        recherche=("nom", "thematiques"),
        libelles={"date_debut": "Équipé le", "date_fin": "Fermé le"},
        mesure="P2.2",
        mesure_libelle="Accompagner l'équipement des établissements de santé et médico-sociaux, des MSP et des centres "
        "de santé dans le déploiement de la télémédecine",
        indicateurs=("P2_SITES_TELEMEDECINE",),
        ordre=20,
    ),
    Registre(
        code="protocoles-cooperation",
        model=ProtocoleCooperation,
        titre="Protocoles de coopération",
        nom="un protocole de coopération",
        description="Protocoles de coopération entre professionnels de santé autorisés par l'ARS.",
        champs=(
            "nom",
            "portee",
            "professions_delegantes",
            "professions_deleguees",
            "professionnels",
            "msp",
            "centres_sante",
            "autres_structures",
        ),
        colonnes=("nom", "portee", "professionnels"),
        filtres=("portee",),
        recherche=("nom", "professions_delegantes", "professions_deleguees"),
        commune=COMMUNE_FACULTATIVE,
        libelles={"date_debut": "Autorisé le", "date_fin": "Fin de l'autorisation", "commune": "Commune du site"},
        mesure="P1.6",
        mesure_libelle="Développer les coopérations entre les professionnels de santé afin de rendre un meilleur "
        "service à la population",
        indicateurs=("P1_PROTOCOLES_COOPERATION",),
        ordre=30,
    ),
    Registre(
        code="contrats-aide",
        model=ContratAide,
        titre="Contrats d'aide",
        nom="un contrat d'aide",
        description="CAIM, COSCOM, COTRAM, CSTM, CESP, PTMG et aides des collectivités (L1511-8 CGCT) : commune "
        "d'exercice du bénéficiaire, zone en vigueur le jour de la signature (calculée), montant, financeur. Les "
        "contrats financés par l'ARS ou une collectivité figurent au grand livre des financements.",
        champs=(
            "aide",
            "beneficiaire_nom",
            "rpps",
            "date_signature",
            "montant",
            "financeur",
            "financeur_nom",
            "enveloppe",
        ),
        colonnes=("aide", "beneficiaire_nom", "date_signature", "montant", "financeur"),
        filtres=("aide", "financeur"),
        recherche=("beneficiaire_nom", "financeur_nom"),
        libelles={"commune": "Commune d'exercice", "date_debut": "Début du contrat", "date_fin": "Fin du contrat"},
        personnels=("beneficiaire_nom", "rpps"),
        conservation="date_fin",
        mesure="P1.1",
        mesure_libelle="Aider à l'installation et à l'exercice des médecins dans les zones en tension",
        indicateurs=CONTRATS_INDICATEURS,
        enregistrement=contrat_ledger,
        gabarit="registres/includes/_contrat_financement.html",
        alias={"aide": ("type", "type de contrat", "contrat"), "beneficiaire_nom": ("nom", "médecin")},
        ordre=40,
    ),
    Registre(
        code="consultations-avancees",
        model=ConsultationAvancee,
        titre="Consultations avancées",
        nom="une consultation avancée",
        description="Consultations de spécialistes hors de leur lieu d'exercice habituel, croisées avec le zonage "
        "en vigueur à leur ouverture.",
        champs=("specialite", "structure_accueil", "msp", "centre_sante", "origine", "frequence", "contrat"),
        colonnes=("specialite", "structure_accueil", "frequence"),
        filtres=("specialite", "frequence"),
        recherche=("structure_accueil", "origine"),
        libelles={"date_debut": "Ouverte le", "date_fin": "Fermée le"},
        choix={"contrat": _cstm_choices},
        select_related=("contrat__aide", "contrat__commune", "contrat__departement"),
        mesure="P1.3",
        mesure_libelle="Développer les consultations avancées",
        ordre=50,
    ),
    Registre(
        code="soins-non-programmes",
        model=OrganisationSoins,
        titre="PDSA et soins non programmés",
        nom="une organisation de la PDSA ou des soins non programmés",
        description="Secteurs de permanence des soins, organisations de soins non programmés, services d'accès aux "
        "soins (SAS) et maisons médicales de garde, par territoire.",
        champs=("type", "nom", "porteur", "horaires", "effecteurs", "regulation"),
        colonnes=("type", "nom", "effecteurs"),
        filtres=("type", "regulation"),
        recherche=("nom", "porteur"),
        commune=COMMUNE_FACULTATIVE,
        perimetre=True,
        libelles={"commune": "Commune du site", "date_debut": "En service depuis le", "date_fin": "Jusqu'au"},
        mesure="P3.2",
        mesure_libelle="Garantir une réponse aux demandes de soins non programmés aux heures d'ouverture des cabinets",
        ordre=60,
    ),
    Registre(
        code="dac",
        model=Dac,
        titre="Dispositifs d'appui à la coordination (DAC)",
        nom="un DAC",
        description="Dispositifs d'appui à la coordination des parcours complexes, avec l'historique des "
        "dispositifs qu'ils ont fusionnés (PTA, MAIA, réseaux de santé).",
        champs=("nom", "porteur", "contact"),
        colonnes=("nom", "porteur"),
        recherche=("nom", "porteur"),
        commune=COMMUNE_FACULTATIVE,
        perimetre=True,
        libelles={"commune": "Commune du siège", "date_debut": "Créé le", "date_fin": "Dissous le"},
        enfants=(Enfant("dispositifs_fusionnes", "Dispositifs fusionnés", ("type", "nom", "date_fusion")),),
        prefetch_related=("dispositifs_fusionnes",),
        mesure="P3.4",
        mesure_libelle="Simplifier la prise en charge des patients en situation complexe",
        ordre=70,
    ),
    Registre(
        code="ght",
        model=Ght,
        titre="Groupements hospitaliers de territoire (GHT)",
        nom="un GHT",
        description="Les GHT (un par département en Centre-Val de Loire), leur établissement support et leurs "
        "établissements membres.",
        champs=("nom", "etablissement_support", "finess_support"),
        colonnes=("nom", "etablissement_support"),
        recherche=("nom", "etablissement_support"),
        commune=SANS_COMMUNE,
        libelles={"date_debut": "Convention constitutive du", "date_fin": "Fin"},
        enfants=(Enfant("membres", "Établissements membres", ("nom", "finess", "commune"), extra=3),),
        mesure="P4",
        mesure_libelle="Les groupements hospitaliers de territoire (GHT)",
        ordre=80,
    ),
    Registre(
        code="projets-territoriaux",
        model=ProjetTerritorial,
        titre="Projets territoriaux de santé",
        nom="un projet territorial de santé",
        description="Le projet territorial de santé de chaque département, son conseil territorial de santé, ses "
        "étapes et ses documents.",
        champs=("nom", "conseil_territorial"),
        colonnes=("nom", "conseil_territorial"),
        recherche=("nom", "conseil_territorial"),
        commune=SANS_COMMUNE,
        libelles={"date_debut": "Période du", "date_fin": "au"},
        enfants=(Enfant("etapes", "Étapes", ("etape", "date", "commentaire"), extra=2),),
        mesure="",
        mesure_libelle=GOUVERNANCE,
        ordre=90,
    ),
    Registre(
        code="mouvements-medecins",
        model=MouvementMedecin,
        titre="Mouvements de médecins",
        nom="un mouvement de médecin",
        description="Installations, départs et départs en retraite par délégation ; la zone et le TVS de la "
        "commune à la date sont calculés. RPPS, nom et année de naissance sont facultatifs.",
        champs=(
            "type_mouvement",
            "profession",
            "specialite",
            "mode",
            "rpps",
            "nom",
            "prenom",
            "annee_naissance",
            "aides",
        ),
        colonnes=("type_mouvement", "profession", "mode", "nom"),
        filtres=("type_mouvement", "profession", "mode"),
        recherche=("nom", "rpps"),
        dates=("date_debut",),
        libelles={"date_debut": "Date du mouvement"},
        personnels=("rpps", "nom", "prenom", "annee_naissance"),
        conservation="date_debut",
        lecteurs=Lecteurs.ARS,
        choix={"aides": _contrats_choices},
        prefetch_related=("aides__aide", "aides__commune", "aides__departement"),
        select_related=("tvs",),
        preparation=_tvs_of_commune,
        alias={
            "type_mouvement": ("type", "nature", "évènement", "événement", "evenement"),
            "date_debut": ("date", "date d'effet"),
            "mode": ("mode", "exercice"),
            "commune": ("code commune", "code insee", "commune d'exercice"),
            "annee_naissance": ("naissance", "année de naissance"),
        },
        cle=("type_mouvement", "date_debut", "rpps"),
        pages=(("Entrées et sorties : solde mensuel et alertes", "registres:bilan_mouvements"),),
        mesure="",
        mesure_libelle=f"{GOUVERNANCE} : bilan des « entrées, sorties »",
        indicateurs=("P1_ENTREES_MG", "P1_SORTIES_MG", "P1_SOLDE_MG"),
        ordre=100,
    ),
    Registre(
        code="effectifs-tvs",
        model=EffectifMedecins,
        titre="Effectifs de médecins généralistes par TVS",
        nom="un effectif de référence",
        description="Le décompte des médecins généralistes d'un territoire de vie-santé à une date : la base des "
        "alertes du registre des mouvements (dernier médecin, part des 60 ans et plus).",
        champs=("tvs", "medecins_generalistes", "dont_60_ans_et_plus"),
        colonnes=("tvs", "medecins_generalistes", "dont_60_ans_et_plus"),
        commune=SANS_COMMUNE,
        dates=("date_debut",),
        libelles={"date_debut": "Décompte au"},
        choix={"tvs": _tvs_choices},
        pages=(("Entrées et sorties : solde mensuel et alertes", "registres:bilan_mouvements"),),
        mesure="",
        mesure_libelle=f"{GOUVERNANCE} : bilan des « entrées, sorties »",
        ordre=110,
    ),
]


def register_all() -> None:
    for declaration in DECLARATIONS:
        register(declaration)
