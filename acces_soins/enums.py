from django.db import models


class StatutMesure(models.TextChoices):
    NON_ENGAGEE = "non_engagee", "Non engagée"
    EN_COURS = "en_cours", "En cours"
    REALISEE = "realisee", "Réalisée"
    EN_ATTENTE_TEXTES = "en_attente_textes", "En attente de textes"


class NiveauMesure(models.TextChoices):
    """A measure of the national plan as such, or its roll-out in the région (what the regional document reports)."""

    NATIONALE = "nationale", "Mesure nationale"
    REGIONALE = "regionale", "Déclinaison régionale"


class NiveauPilotage(models.TextChoices):
    """The three territorial levels of the plan's governance (« La gouvernance », plan of the ARS)."""

    REGION = "region", "Région"
    TERRITOIRE = "territoire", "Territoire de démocratie sanitaire"
    PROXIMITE = "proximite", "Territoire de proximité"


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
    CAMPAGNE = "campagne", "Gel d'une campagne de remontées"


class ThemeSolution(models.TextChoices):
    """The four themes of the regional catalogue (CNR Hauts-de-France)."""

    ACCES_PROFESSIONNELS = "acces_professionnels", "Accès aux professionnels de santé"
    PERMANENCE_SOINS = "permanence_soins", "Permanence des soins"
    PREVENTION = "prevention", "Prévention"
    ATTRACTIVITE = "attractivite", "Attractivité"


class StatutFeuille(models.TextChoices):
    PROJET = "projet", "En projet"
    ADOPTEE = "adoptee", "Adoptée par le CTS"
    CLOSE = "close", "Close"


class StatutAction(models.TextChoices):
    A_LANCER = "a_lancer", "À lancer"
    EN_COURS = "en_cours", "En cours"
    REALISEE = "realisee", "Réalisée"
    SUSPENDUE = "suspendue", "Suspendue"
    ABANDONNEE = "abandonnee", "Abandonnée"


# An action in one of these statuses is finished: it can no longer be late.
STATUTS_ACTION_TERMINES = frozenset({StatutAction.REALISEE, StatutAction.ABANDONNEE})


class OrigineGel(models.TextChoices):
    """Who closed a campaign: the siège on its page, or the beat task at the closing date."""

    SIEGE = "siege", "Gel par le siège"
    PLANIFICATION = "planification", "Clôture programmée"


class StatutCampagne(models.TextChoices):
    OUVERTE = "ouverte", "Ouverte"
    GELEE = "gelee", "Gelée"


class TypeContributeur(models.TextChoices):
    """Who reports in a campaign (generated from the data, never typed in)."""

    CLS = "cls", "Coordination d'un contrat local de santé"
    CPTS = "cpts", "Porteur d'une CPTS"
    DELEGATION = "delegation", "Délégation départementale"
    PARTENAIRE = "partenaire", "Partenaire (Assurance maladie, URPS…)"


class EtatContribution(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    TRANSMISE = "transmise", "Transmise"
    RENVOYEE = "renvoyee", "Renvoyée"
    VALIDEE = "validee", "Validée"
    CONSOLIDEE = "consolidee", "Consolidée"


# A contribution in one of these states still waits for its contributor.
ETATS_A_TRANSMETTRE = frozenset({EtatContribution.BROUILLON, EtatContribution.RENVOYEE})
# The content of a contribution in one of these states feeds the frozen numbers.
ETATS_RETENUS = frozenset({EtatContribution.VALIDEE, EtatContribution.CONSOLIDEE})


class StatutDecision(models.TextChoices):
    A_FAIRE = "a_faire", "À faire"
    EN_COURS = "en_cours", "En cours"
    FAITE = "faite", "Faite"
    ABANDONNEE = "abandonnee", "Abandonnée"


STATUTS_DECISION_OUVERTS = frozenset({StatutDecision.A_FAIRE, StatutDecision.EN_COURS})
