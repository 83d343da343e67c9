from django.db import models


class Unite(models.TextChoices):
    NOMBRE = "nombre", "nombre"
    POURCENTAGE = "pourcentage", "%"
    EUROS = "euros", "€"
    JOURS = "jours", "jours"
    CONSULTATIONS = "consultations_hab", "consultations/an/hab."


class Periodicite(models.TextChoices):
    SEMESTRIELLE = "semestrielle", "semestrielle"
    ANNUELLE = "annuelle", "annuelle"


class Sens(models.TextChoices):
    HAUSSE = "hausse", "à la hausse"
    BAISSE = "baisse", "à la baisse"


class Qualificatif(models.TextChoices):
    """How a figure of a source is worded: « plus de 330 » is not exactly 330."""

    EXACT = "", "exactement"
    PLUS_DE = "plus_de", "plus de"
    ENVIRON = "environ", "environ"
    MOINS_DE = "moins_de", "moins de"


class Priorite(models.IntegerChoices):
    P1 = 1, "Priorité 1 — Renforcer l'offre de soins dans les territoires"
    P2 = 2, "Priorité 2 — Mettre en œuvre la révolution numérique en santé"
    P3 = 3, "Priorité 3 — Favoriser une meilleure organisation des professions de santé"
    P4 = 4, "Priorité 4 — Faire confiance aux acteurs des territoires"


class Mode(models.TextChoices):
    SAISI = "saisi", "saisi"
    IMPORTE = "importe", "importé"
    CALCULE = "calcule", "calculé"


class PerimetreKind(models.TextChoices):
    REGION = "region", "région"
    DEPARTEMENT = "departement", "département"
    EPCI = "epci", "EPCI"
    CLS = "cls", "CLS"
    CPTS = "cpts", "CPTS"


class Provenance(models.TextChoices):
    SAISIE = "saisie", "saisie"
    IMPORT = "import", "import"
    CALCUL = "calcul", "calculé"


class Statut(models.TextChoices):
    ATTEINT = "atteint", "atteint"
    EN_BONNE_VOIE = "en_bonne_voie", "en bonne voie"
    A_RISQUE = "a_risque", "à risque"
    EN_RETARD = "en_retard", "en retard"
    NON_EVALUABLE = "non_evaluable", "non évaluable"


class RecalculStatus(models.TextChoices):
    PENDING = "pending", "en attente"
    RUNNING = "running", "en cours"
    DONE = "done", "terminé"
    FAILED = "failed", "échec"
