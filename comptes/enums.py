from django.db import models


class OrganisationType(models.TextChoices):
    ARS_SIEGE = "ars_siege", "ARS — siège"
    DELEGATION = "delegation", "ARS — délégation départementale"
    COLLECTIVITE = "collectivite", "Collectivité"
    PORTEUR = "porteur", "Porteur CPTS / MSP"
    COMITE = "comite", "Comité d'évaluation"
    PARTENAIRE = "partenaire", "Partenaire institutionnel (Assurance maladie, URPS…)"
    NATIONAL = "national", "Ministère — DGOS (lecture nationale)"


ARS_TYPES = frozenset({OrganisationType.ARS_SIEGE, OrganisationType.DELEGATION})


class Role(models.TextChoices):
    LECTURE = "lecture", "Lecture"
    SAISIE = "saisie", "Saisie"
    GESTIONNAIRE = "gestionnaire", "Gestionnaire"


EDITING_ROLES = frozenset({Role.SAISIE, Role.GESTIONNAIRE})


class TypeEvenement(models.TextChoices):
    """What the audit log records (comptes.audit)."""

    CONNEXION = "connexion", "Connexion"
    ECHEC = "echec_connexion", "Échec de connexion"
    BLOCAGE = "blocage", "Connexion bloquée (trop d'échecs)"
    DECONNEXION = "deconnexion", "Déconnexion"
    EXPORT = "export", "Export (CSV, XLSX)"
    TELECHARGEMENT = "telechargement", "Téléchargement d'un document"
