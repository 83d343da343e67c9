from django.db import models


class CodeParametre(models.TextChoices):
    SEUIL_POPULATION = "seuil_population", "Seuil de population d'un CLS (habitants)"
    SEUIL_ETP = "seuil_etp", "Population au-delà de laquelle 2 ETP sont financés (habitants)"
    ETP_SOUS_SEUIL = "etp_sous_seuil", "ETP d'ingénierie financés sous le seuil"
    ETP_AU_DESSUS = "etp_au_dessus", "ETP d'ingénierie financés au-dessus du seuil"
    PLAFOND_PAR_ETP = "plafond_par_etp", "Montant maximal par ETP et par an (€)"
    COFINANCEMENT_REQUIS = "cofinancement_requis", "Co-financement de la collectivité requis (1 = oui, 0 = non)"


class Thematique(models.TextChoices):
    PREVENTION = "prevention", "Prévention et promotion de la santé"
    ACCES_SOINS = "acces_soins", "Accès aux soins"
    SANTE_MENTALE = "sante_mentale", "Santé mentale"
    SANTE_ENVIRONNEMENT = "sante_environnement", "Santé-environnement"
    VULNERABLES = "vulnerables", "Personnes vulnérables"
    PARCOURS = "parcours", "Parcours"
    AUTRE = "autre", "Autre"


class Etape(models.TextChoices):
    CADRAGE = "cadrage", "Cadrage"
    DIAGNOSTIC = "diagnostic", "Diagnostic territorial partagé"
    ELABORATION = "elaboration", "Élaboration du programme d'actions"
    SIGNE = "signe", "Signé"
    MISE_EN_OEUVRE = "mise_en_oeuvre", "Mise en œuvre et suivi"
    EVALUATION = "evaluation", "Évaluation finale"
    RENOUVELE = "renouvele", "Renouvelé"
    TERMINE = "termine", "Terminé"
    ABANDONNE = "abandonne", "Abandonné"


ACTIVE_ETAPES = frozenset(
    {Etape.CADRAGE, Etape.DIAGNOSTIC, Etape.ELABORATION, Etape.SIGNE, Etape.MISE_EN_OEUVRE, Etape.EVALUATION}
)
IN_FORCE_ETAPES = frozenset({Etape.SIGNE, Etape.MISE_EN_OEUVRE, Etape.EVALUATION})


class TypeSignataire(models.TextChoices):
    ARS = "ars", "Agence régionale de santé"
    COLLECTIVITE = "collectivite", "Collectivité porteuse"
    PREFET = "prefet", "Préfet"
    CONSEIL_DEPARTEMENTAL = "conseil_departemental", "Conseil départemental"
    CONSEIL_REGIONAL = "conseil_regional", "Conseil régional"
    CPAM = "cpam", "CPAM"
    CAF = "caf", "CAF"
    CENTRE_HOSPITALIER = "centre_hospitalier", "Centre hospitalier"
    EDUCATION_NATIONALE = "education_nationale", "Éducation nationale"
    CPTS = "cpts", "CPTS"
    AUTRE = "autre", "Autre"


MANDATORY_SIGNATAIRES = (TypeSignataire.ARS, TypeSignataire.COLLECTIVITE)


class StatutFiche(models.TextChoices):
    NON_DEMARREE = "non_demarree", "Non démarrée"
    EN_COURS = "en_cours", "En cours"
    REALISEE = "realisee", "Réalisée"
    ABANDONNEE = "abandonnee", "Abandonnée"
