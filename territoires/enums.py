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


class OverlayKind(models.TextChoices):
    """Commune-level classifications other than zonage that open rights (e.g. a tax exemption)."""

    ZRR = "zrr", "Zone de revitalisation rurale (ZRR)"
    FRR = "frr", "France Ruralités Revitalisation (FRR)"
