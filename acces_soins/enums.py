from django.db import models


class StatutMesure(models.TextChoices):
    NON_ENGAGEE = "non_engagee", "Non engagée"
    EN_COURS = "en_cours", "En cours"
    REALISEE = "realisee", "Réalisée"
    EN_ATTENTE_TEXTES = "en_attente_textes", "En attente de textes"


class PerimetreType(models.TextChoices):
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"


class StatutBilan(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente"
    EN_COURS = "en_cours", "En cours"
    PRET = "pret", "Prêt"
    ECHEC = "echec", "Échec"


FINISHED_BILAN_STATUSES = frozenset({StatutBilan.PRET, StatutBilan.ECHEC})


class OrigineBilan(models.TextChoices):
    DEMANDE = "demande", "Demande d'un agent"
    CALENDRIER = "calendrier", "Production programmée"
    COMMANDE = "commande", "Commande d'exploitation"
