from django.db import models


class Statut(models.TextChoices):
    """The status every register entry shares (a register may relabel it, never add one)."""

    PROJET = "projet", "En projet"
    ACTIF = "actif", "En cours"
    SUSPENDU = "suspendu", "Suspendu"
    TERMINE = "termine", "Terminé"


class Lecteurs(models.TextChoices):
    """Who reads a register (writes are always the competent ARS agents)."""

    ARS_ET_COMITE = "ars_comite", "Agents de l'ARS et comité d'évaluation"
    ARS = "ars", "Agents de l'ARS seulement"


class ActionLecture(models.TextChoices):
    LISTE = "liste", "Liste"
    FICHE = "fiche", "Fiche"
    EXPORT = "export", "Export"
    API = "api", "API"
    CARTE = "carte", "Carte"


class TypeMaitreStage(models.TextChoices):
    PERSONNE = "personne", "Médecin"
    CABINET = "cabinet", "Cabinet ou structure"


class Specialite(models.TextChoices):
    MEDECINE_GENERALE = "medecine_generale", "Médecine générale"
    DERMATOLOGIE = "dermatologie", "Dermatologie"
    GYNECOLOGIE = "gynecologie", "Gynécologie-obstétrique"
    ORL = "orl", "Oto-rhino-laryngologie"
    PEDIATRIE = "pediatrie", "Pédiatrie"
    PSYCHIATRIE = "psychiatrie", "Psychiatrie"
    RHUMATOLOGIE = "rhumatologie", "Rhumatologie"
    CARDIOLOGIE = "cardiologie", "Cardiologie"
    OPHTALMOLOGIE = "ophtalmologie", "Ophtalmologie"
    AUTRE = "autre", "Autre spécialité"


class ActiviteTelemedecine(models.TextChoices):
    TELECONSULTATION = "teleconsultation", "Téléconsultation"
    TELEEXPERTISE = "teleexpertise", "Téléexpertise"
    LES_DEUX = "les_deux", "Téléconsultation et téléexpertise"


class TypeSite(models.TextChoices):
    EHPAD = "ehpad", "EHPAD"
    ETABLISSEMENT = "etablissement", "Établissement de santé"
    MSP = "msp", "Maison de santé pluriprofessionnelle"
    CENTRE = "centre", "Centre de santé"
    CABINET = "cabinet", "Cabinet libéral"
    AUTRE = "autre", "Autre lieu"


class PorteeProtocole(models.TextChoices):
    NATIONAL = "national", "Protocole national"
    LOCAL = "local", "Protocole local"


class Financeur(models.TextChoices):
    """Who pays an aid contract; the ARS and the collectivités feed the funding ledger."""

    ARS = "ars", "ARS"
    ASSURANCE_MALADIE = "assurance_maladie", "Assurance maladie"
    ETAT = "etat", "État"
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"
    COMMUNE = "commune", "Commune ou intercommunalité"


COLLECTIVITES = frozenset({Financeur.REGION, Financeur.DEPARTEMENT, Financeur.COMMUNE})


class Frequence(models.TextChoices):
    HEBDOMADAIRE = "hebdomadaire", "Chaque semaine"
    BIMENSUELLE = "bimensuelle", "Deux fois par mois"
    MENSUELLE = "mensuelle", "Chaque mois"
    PONCTUELLE = "ponctuelle", "Moins d'une fois par mois"


class TypeSoinsNonProgrammes(models.TextChoices):
    SECTEUR_PDSA = "secteur_pdsa", "Secteur de permanence des soins ambulatoires (PDSA)"
    ORGANISATION_SNP = "organisation_snp", "Organisation de soins non programmés"
    SAS = "sas", "Service d'accès aux soins (SAS)"
    MMG = "mmg", "Maison médicale de garde"


class TypeDispositifAnterieur(models.TextChoices):
    PTA = "pta", "Plateforme territoriale d'appui (PTA)"
    MAIA = "maia", "MAIA"
    RESEAU = "reseau", "Réseau de santé"
    CTA = "cta", "Coordination territoriale d'appui (PAERPA)"
    AUTRE = "autre", "Autre dispositif"


class EtapePts(models.TextChoices):
    DIAGNOSTIC = "diagnostic", "Diagnostic territorial partagé"
    ELABORATION = "elaboration", "Élaboration"
    AVIS_CTS = "avis_cts", "Avis du conseil territorial de santé"
    ADOPTION = "adoption", "Adoption"
    MISE_EN_OEUVRE = "mise_en_oeuvre", "Mise en œuvre"
    EVALUATION = "evaluation", "Évaluation"


class TypeMouvement(models.TextChoices):
    INSTALLATION = "installation", "Installation"
    DEPART = "depart", "Départ"
    RETRAITE = "retraite", "Départ en retraite"


ENTREES = frozenset({TypeMouvement.INSTALLATION})
SORTIES = frozenset({TypeMouvement.DEPART, TypeMouvement.RETRAITE})


class ProfessionMedecin(models.TextChoices):
    GENERALISTE = "generaliste", "Médecin généraliste"
    SPECIALISTE = "specialiste", "Médecin spécialiste"


class ModeExercice(models.TextChoices):
    LIBERAL = "liberal", "Libéral"
    SALARIE = "salarie", "Salarié"
    MSP = "msp", "En maison de santé pluriprofessionnelle"
    CENTRE = "centre", "En centre de santé"
