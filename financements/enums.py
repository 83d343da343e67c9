from django.db import models


class Financeur(models.TextChoices):
    ARS_FIR = "ars_fir", "ARS — Fonds d'intervention régional (FIR)"
    ASSURANCE_MALADIE = "assurance_maladie", "Assurance maladie"
    ETAT = "etat", "État"
    REGION = "region", "Région"
    COLLECTIVITES = "collectivites", "Collectivités territoriales"
    AUTRE = "autre", "Autre financeur"


class Programme(models.TextChoices):
    CLS_INGENIERIE = "cls_ingenierie", "CLS — ingénierie"
    CPTS = "cpts", "CPTS"
    MSP = "msp", "MSP / centre de santé"
    FEUILLE_DE_ROUTE = "feuille_de_route", "Action de feuille de route"
    CONTRAT_AIDE = "contrat_aide", "Contrat d'aide à l'installation ou à l'exercice"
    AUTRE = "autre", "Autre"


class StatutEngagement(models.TextChoices):
    """The displayed status. Only PREVU, ENGAGE and ANNULE are stored: the two payment states are
    derived from the payments in `EngagementQuerySet.with_totals()` (the one place)."""

    PREVU = "prevu", "Prévu"
    ENGAGE = "engage", "Engagé"
    VERSE_PARTIELLEMENT = "verse_partiellement", "Versé partiellement"
    SOLDE = "solde", "Soldé"
    ANNULE = "annule", "Annulé"


STORED_STATUTS = [StatutEngagement.PREVU, StatutEngagement.ENGAGE, StatutEngagement.ANNULE]


class StatutCofinancement(models.TextChoices):
    PREVU = "prevu", "Prévu"
    ACQUIS = "acquis", "Acquis"
