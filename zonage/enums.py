from django.db import models


class Granularite(models.TextChoices):
    TVS = "tvs", "Territoire de vie-santé"
    COMMUNE = "commune", "Commune"


class ArreteStatut(models.TextChoices):
    """URPS concertation, then the CRSA's opinion (referral entered by hand), then publication (R1434-41, R1434-42)."""

    PROJET = "projet", "Projet"
    CONCERTATION = "concertation", "Concertation des URPS"
    SAISINE_CRSA = "saisine_crsa", "Avis de la CRSA (saisie)"
    PUBLIE = "publie", "Publié"
    REMPLACE = "remplace", "Remplacé"
    ABROGE = "abroge", "Abrogé"


# Statuses of an arrêté that has been published (so it is public and may have been in force).
PUBLIC_STATUTS = frozenset({ArreteStatut.PUBLIE, ArreteStatut.REMPLACE, ArreteStatut.ABROGE})


class Eligibilite(models.TextChoices):
    """What opens an aid: a zone of the zonage, or a criterion on the commune (population, ZRR/FRR)."""

    ZONE = "zone", "Zone du zonage"
    COMMUNE = "commune", "Critère sur la commune (population, ZRR ou FRR)"


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


class OrigineScenario(models.TextChoices):
    MANUEL = "manuel", "Construit à la main"
    COPIE = "copie", "Copie d'un autre scénario"
    OPTIMISEUR = "optimiseur", "Proposé par l'optimiseur"
