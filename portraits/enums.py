from django.db import models


class NiveauPerimetre(models.TextChoices):
    """The perimeters a portrait is drawn for; the query parameter of the permalink is the value."""

    COMMUNE = "commune", "Commune"
    EPCI = "epci", "EPCI"
    TVS = "tvs", "Territoire de vie-santé"
    DEPARTEMENT = "departement", "Département"
    CLS = "cls", "Périmètre d'un contrat local de santé"
    CPTS = "cpts", "Périmètre d'une CPTS"
    COMMUNES = "communes", "Liste de communes"


class Audience(models.TextChoices):
    """What a portrait shows: the public blocks only, also the ARS's (CLS and CPTS details, indicators, registers,
    funding), or the public blocks with the registers' figures the comité d'évaluation reads."""

    PUBLIC = "public", "Public"
    ARS = "ars", "Agents de l'ARS"
    COMITE = "comite", "Comité d'évaluation"
