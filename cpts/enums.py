from django.db import models


class FormeJuridique(models.TextChoices):
    ASSOCIATION = "association", "Association loi 1901"
    SISA = "sisa", "SISA"
    GIP = "gip", "Groupement d'intérêt public"
    AUTRE = "autre", "Autre"


class Etape(models.TextChoices):
    EMERGENCE = "emergence", "Émergence"
    LETTRE_INTENTION = "lettre_intention", "Lettre d'intention déposée"
    LETTRE_VALIDEE = "lettre_validee", "Lettre d'intention validée"
    PROJET_DEPOSE = "projet_depose", "Projet de santé déposé"
    PROJET_VALIDE = "projet_valide", "Projet de santé validé"
    ACI_SIGNE = "aci_signe", "ACI signé"
    ABANDONNEE = "abandonnee", "Abandonnée"


# from -> allowed next stages (abandon is allowed from any stage but the last one).
ETAPE_SUIVANTE = {
    Etape.EMERGENCE: {Etape.LETTRE_INTENTION},
    Etape.LETTRE_INTENTION: {Etape.LETTRE_VALIDEE},
    Etape.LETTRE_VALIDEE: {Etape.PROJET_DEPOSE},
    Etape.PROJET_DEPOSE: {Etape.PROJET_VALIDE},
    Etape.PROJET_VALIDE: {Etape.ACI_SIGNE},
    Etape.ACI_SIGNE: set(),
    Etape.ABANDONNEE: set(),
}


class TypeEcheance(models.TextChoices):
    DEMARRAGE = "demarrage", "Démarrage"
    DEPLOIEMENT = "deploiement", "Déploiement"


class Taille(models.TextChoices):
    """The ACI size classes; their population bounds are register rows (`cpts.taille_borne_basse`)."""

    T1 = "T1", "Taille 1"
    T2 = "T2", "Taille 2"
    T3 = "T3", "Taille 3"
    T4 = "T4", "Taille 4"


class TypeMission(models.TextChoices):
    SOCLE = "socle", "Mission socle"
    OPTIONNELLE = "optionnelle", "Mission optionnelle"


class StatutMission(models.TextChoices):
    NON_DEMARREE = "non_demarree", "Non démarrée"
    DEMARREE = "demarree", "Démarrée"
    DEPLOYEE = "deployee", "Déployée"
    EN_RETARD = "en_retard", "En retard"


class TypeCentreSante(models.TextChoices):
    MEDICAL = "medical", "Centre de santé médical"
    DENTAIRE = "dentaire", "Centre de santé dentaire"
    INFIRMIER = "infirmier", "Centre de santé infirmier"
    POLYVALENT = "polyvalent", "Centre de santé polyvalent (pluriprofessionnel)"


class GestionnaireCentre(models.TextChoices):
    ASSOCIATION = "association", "Association ou autre organisme à but non lucratif"
    MUTUELLE = "mutuelle", "Mutuelle"
    COLLECTIVITE = "collectivite", "Collectivité territoriale ou EPCI"
    ETABLISSEMENT_PUBLIC = "etablissement_public", "Établissement public de santé"
    ETABLISSEMENT_PRIVE = "etablissement_prive", "Gestionnaire d'un établissement de santé privé"
    SECURITE_SOCIALE = "securite_sociale", "Organisme de sécurité sociale"
    SCIC = "scic", "Société coopérative d'intérêt collectif"
    AUTRE = "autre", "Autre"


class StatutSisa(models.TextChoices):
    """Where an MSP stands with the SISA rule (constituted within the grace period after its ACI)."""

    NON_REQUISE = "non_requise", "Pas encore requise (pas d'ACI)"
    CONSTITUEE = "constituee", "SISA constituée"
    CONSTITUEE_HORS_DELAI = "constituee_hors_delai", "SISA constituée après le délai"
    EN_DELAI = "en_delai", "SISA attendue (dans le délai)"
    HORS_DELAI = "hors_delai", "SISA non constituée, délai dépassé"


class StatutMsp(models.TextChoices):
    PROJET = "projet", "Projet"
    EN_FONCTIONNEMENT = "en_fonctionnement", "En fonctionnement"
    FERMEE = "fermee", "Fermée"


class Profession(models.TextChoices):
    MEDECIN_GENERALISTE = "medecin_generaliste", "Médecin généraliste"
    INFIRMIER = "infirmier", "Infirmier·ère"
    MASSEUR_KINE = "masseur_kine", "Masseur-kinésithérapeute"
    PHARMACIEN = "pharmacien", "Pharmacien·ne"
    SAGE_FEMME = "sage_femme", "Sage-femme"
    DENTISTE = "dentiste", "Chirurgien·ne-dentiste"
    ORTHOPHONISTE = "orthophoniste", "Orthophoniste"
    PEDICURE_PODOLOGUE = "pedicure_podologue", "Pédicure-podologue"
    DIETETICIEN = "dieteticien", "Diététicien·ne"
    PSYCHOLOGUE = "psychologue", "Psychologue"
    MEDECIN_SPECIALISTE = "medecin_specialiste", "Médecin spécialiste"
    AUTRE = "autre", "Autre"


# Auxiliaires médicaux counted as « paramédical » for the MSP minimum team (CSP, 4e partie, livre III).
PARAMEDICAUX = frozenset(
    {
        Profession.INFIRMIER,
        Profession.MASSEUR_KINE,
        Profession.ORTHOPHONISTE,
        Profession.PEDICURE_PODOLOGUE,
        Profession.DIETETICIEN,
    }
)


class Financeur(models.TextChoices):
    ETAT = "etat", "État"
    REGION = "region", "Région"
    FIR = "fir", "Fonds d'intervention régional (FIR)"
    AUTRE = "autre", "Autre"


class CritereAci(models.TextChoices):
    SOCLE = "socle", "Critère socle"
    OPTIONNEL = "optionnel", "Critère optionnel"


PALIER_RETARD = "retard"
