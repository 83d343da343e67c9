from django.db import models


class Domaine(models.TextChoices):
    CLS = "cls", "Contrats locaux de santé"
    ZONAGE = "zonage", "Zonage"
    CPTS = "cpts", "CPTS"
    MSP = "msp", "MSP et centres de santé"
    INDICATEURS = "indicateurs", "Indicateurs"
    FINANCEMENTS = "financements", "Financements"
    INSTRUCTION = "instruction", "Instruction des dossiers"
    REGISTRES = "registres", "Registres et données personnelles"
    REMONTEES = "remontees", "Remontées semestrielles (plan d'accès aux soins)"


class Operateur(models.TextChoices):
    """How a figure compares with the value: « population ≥ 50 000 », « APL < 2,5 »."""

    LT = "lt", "<"
    LE = "le", "≤"
    GT = "gt", ">"
    GE = "ge", "≥"


INCLUSIVE_OPERATEURS = frozenset({Operateur.LE, Operateur.GE})


class NatureSource(models.TextChoices):
    TEXTE_OFFICIEL = "texte_officiel", "Texte officiel (loi, décret, arrêté, convention)"
    DOCUMENT_ARS = "document_ars", "Document d'une ARS"
    DOCUMENT_NATIONAL = "document_national", "Document du ministère ou de l'Assurance maladie"
    PRESSE = "presse", "Article de presse ou site spécialisé"
    LECTURE = "lecture", "Lecture ou inférence de l'équipe (non sourcée)"
    DEMONSTRATION = "demonstration", "Donnée fictive de démonstration"
