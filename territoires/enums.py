from django.db import models


class EpciType(models.TextChoices):
    CC = "CC", "Communauté de communes"
    CA = "CA", "Communauté d'agglomération"
    CU = "CU", "Communauté urbaine"
    METRO = "METRO", "Métropole"
    MET69 = "MET69", "Métropole de Lyon"


class ContourLevel(models.TextChoices):
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"
    COMMUNE = "commune", "Commune"


class TvsSource(models.TextChoices):
    DREES = "drees", "Liste officielle (DREES)"
    DEMO = "demo", "Découpage de démonstration (règle déterministe, non officiel)"


class TypeNom(models.IntegerChoices):
    """INSEE « type de nom en clair » (TNCC): the article of a place name and how « de » contracts with it
    (COG, https://www.insee.fr/fr/information/2560684). Read by `config.typography.fr_de`."""

    CONSONNE = 0, "Pas d'article, consonne : « de Tours »"
    VOYELLE = 1, "Pas d'article, voyelle ou h muet : « d'Aigurande »"
    LE = 2, "Article « le » : « du Loiret »"
    LA = 3, "Article « la » : « de la Creuse »"
    LES = 4, "Article « les » : « des Landes »"
    L_APOSTROPHE = 5, "Article « l' » : « de l'Indre »"
    AUX = 6, "Article « aux » : « des Marais »"
    LAS = 7, "Article « las »"
    LOS = 8, "Article « los »"


class OverlayKind(models.TextChoices):
    """Commune-level classifications other than zonage that open rights (e.g. a tax exemption)."""

    ZRR = "zrr", "Zone de revitalisation rurale (ZRR)"
    FRR = "frr", "France Ruralités Revitalisation (FRR)"
