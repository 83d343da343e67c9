from django.db import models


class Granularite(models.TextChoices):
    TVS = "tvs", "Territoire de vie-santé"
    COMMUNE = "commune", "Commune"


class ArreteStatut(models.TextChoices):
    PROJET = "projet", "Projet"
    CONCERTATION = "concertation", "En concertation (URPS, CRSA)"
    PUBLIE = "publie", "Publié"
    REMPLACE = "remplace", "Remplacé"
    ABROGE = "abroge", "Abrogé"


# Statuses of an arrêté that has been published (so it is public and may have been in force).
PUBLIC_STATUTS = frozenset({ArreteStatut.PUBLIE, ArreteStatut.REMPLACE, ArreteStatut.ABROGE})


class ParametreType(models.TextChoices):
    SEUIL_APL_ZIP = "seuil_apl_zip", "Seuil d'APL en deçà duquel le TVS doit être classé ZIP"
    PLAFOND_ZIP = "plafond_zip", "Part maximale de la population régionale en ZIP (vivier)"
    PLAFOND_ZAC = "plafond_zac", "Part maximale de la population régionale en ZAC (vivier)"


class ParametreStatut(models.TextChoices):
    CONFIRME = "confirme", "Confirmé"
    A_CONFIRMER = "a_confirmer", "À confirmer"


class Financeur(models.TextChoices):
    ASSURANCE_MALADIE = "assurance_maladie", "Assurance maladie"
    ETAT = "etat", "État"
    COLLECTIVITES = "collectivites", "Collectivités"
    ARS = "ars", "ARS"


class DocumentType(models.TextChoices):
    ARRETE_SIGNE = "arrete_signe", "Arrêté signé"
    ANNEXE = "annexe", "Annexe"
    AVIS_CRSA = "avis_crsa", "Avis de la CRSA"
    CONCERTATION_URPS = "concertation_urps", "Concertation des URPS"
    AUTRE = "autre", "Autre document"
