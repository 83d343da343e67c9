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
    T1 = "T1", "Taille 1 (moins de 40 000 habitants)"
    T2 = "T2", "Taille 2 (40 000 à 79 999 habitants)"
    T3 = "T3", "Taille 3 (80 000 à 175 000 habitants)"
    T4 = "T4", "Taille 4 (plus de 175 000 habitants)"


class TypeMission(models.TextChoices):
    SOCLE = "socle", "Mission socle"
    OPTIONNELLE = "optionnelle", "Mission optionnelle"


class StatutMission(models.TextChoices):
    NON_DEMARREE = "non_demarree", "Non démarrée"
    DEMARREE = "demarree", "Démarrée"
    DEPLOYEE = "deployee", "Déployée"
    EN_RETARD = "en_retard", "En retard"


class TypeStructure(models.TextChoices):
    MSP = "msp", "Maison de santé pluriprofessionnelle"
    CENTRE_SANTE = "centre_sante", "Centre de santé"


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


class CodeParametre(models.TextChoices):
    VALEUR_POINT = "valeur_point", "Valeur du point ACI MSP (€)"
    DUREE_ACI = "duree_aci", "Durée de l'ACI (années)"
    MSP_MIN_MG = "msp_min_mg", "Équipe minimale MSP : médecins généralistes"
    MSP_MIN_PARAMEDICAL = "msp_min_paramedical", "Équipe minimale MSP : professionnels paramédicaux"
    PART_AVANCE = "part_avance", "Part de la part fixe versée au démarrage (%)"
    RAPPEL_1 = "rappel_1", "Rappel d'échéance de mission : premier (jours avant)"
    RAPPEL_2 = "rappel_2", "Rappel d'échéance de mission : deuxième (jours avant)"
    RAPPEL_3 = "rappel_3", "Rappel d'échéance de mission : troisième (jours avant)"


# The parameters holding the reminder steps (N days before a mission deadline); a step absent or
# out of force is simply not used.
RAPPEL_CODES = (CodeParametre.RAPPEL_1, CodeParametre.RAPPEL_2, CodeParametre.RAPPEL_3)
PALIER_RETARD = "retard"
