from django.db import models


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
    EPCI = "epci", "EPCI"
    PETR = "petr", "PETR ou pays"
    COMMUNE = "commune", "Commune"
    PREFET = "prefet", "Préfet"
    CONSEIL_DEPARTEMENTAL = "conseil_departemental", "Conseil départemental"
    CONSEIL_REGIONAL = "conseil_regional", "Conseil régional"
    CPAM = "cpam", "CPAM"
    CAF = "caf", "CAF"
    CENTRE_HOSPITALIER = "centre_hospitalier", "Centre hospitalier"
    EDUCATION_NATIONALE = "education_nationale", "Éducation nationale"
    CPTS = "cpts", "CPTS"
    AUTRE = "autre", "Autre"


# The two parties of every CLS, added at signature when missing: the ARS concludes the contract and the porteur is the
# collectivité it is concluded with (art. L1434-10 CSP: « contrats locaux de santé conclus par l'agence, notamment avec
# les collectivités territoriales et leurs groupements »). Any other signatory is data, with no limit per type.
PARTIES = (TypeSignataire.ARS, TypeSignataire.COLLECTIVITE)


class StatutFiche(models.TextChoices):
    NON_DEMARREE = "non_demarree", "Non démarrée"
    EN_COURS = "en_cours", "En cours"
    REALISEE = "realisee", "Réalisée"
    ABANDONNEE = "abandonnee", "Abandonnée"
