from django.db import models


class Etat(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    DEPOSEE = "deposee", "Déposée"
    EN_INSTRUCTION = "en_instruction", "En instruction"
    COMPLEMENT_DEMANDE = "complement_demande", "Complément demandé"
    ACCEPTEE = "acceptee", "Acceptée"
    REFUSEE = "refusee", "Refusée"
    CLASSEE = "classee", "Classée sans suite"


class Acteur(models.TextChoices):
    """Who may trigger a transition."""

    DEPOSANT = "deposant", "Organisation déposante"
    ARS = "ars", "ARS"


# (from, to) -> who may do it. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Etat.BROUILLON, Etat.DEPOSEE): Acteur.DEPOSANT,
    (Etat.DEPOSEE, Etat.EN_INSTRUCTION): Acteur.ARS,
    (Etat.DEPOSEE, Etat.CLASSEE): Acteur.ARS,
    (Etat.EN_INSTRUCTION, Etat.COMPLEMENT_DEMANDE): Acteur.ARS,
    (Etat.COMPLEMENT_DEMANDE, Etat.EN_INSTRUCTION): Acteur.DEPOSANT,
    (Etat.EN_INSTRUCTION, Etat.ACCEPTEE): Acteur.ARS,
    (Etat.EN_INSTRUCTION, Etat.REFUSEE): Acteur.ARS,
    (Etat.EN_INSTRUCTION, Etat.CLASSEE): Acteur.ARS,
    (Etat.COMPLEMENT_DEMANDE, Etat.CLASSEE): Acteur.ARS,
}
REASON_REQUIRED = frozenset({Etat.REFUSEE, Etat.CLASSEE, Etat.COMPLEMENT_DEMANDE})
FINAL_STATES = frozenset({Etat.ACCEPTEE, Etat.REFUSEE, Etat.CLASSEE})
OPEN_STATES = frozenset({Etat.DEPOSEE, Etat.EN_INSTRUCTION, Etat.COMPLEMENT_DEMANDE})

# A complément that opens every section of the dossier to corrections (`Dossier.complement_sections`).
ALL_SECTIONS = "*"

# Verb shown on the action buttons.
TRANSITION_LABELS = {
    Etat.DEPOSEE: "Déposer",
    Etat.EN_INSTRUCTION: "Mettre en instruction",
    Etat.COMPLEMENT_DEMANDE: "Demander un complément",
    Etat.ACCEPTEE: "Accepter",
    Etat.REFUSEE: "Refuser",
    Etat.CLASSEE: "Classer sans suite",
}


class CategoriePiece(models.TextChoices):
    PRINCIPALE = "principale", "Pièce principale"
    ANNEXE = "annexe", "Annexe"
    MESSAGE = "message", "Pièce jointe à un message"
    ACCUSE = "accuse", "Accusé de dépôt"


class Evenement(models.TextChoices):
    TRANSITION = "transition", "Changement d'état"
    MESSAGE = "message", "Nouveau message"
    REFERENT = "referent", "Désignation du référent"
    INVITATION = "invitation", "Invitation à co-instruire"
    AVIS = "avis", "Avis d'un partenaire"


class SensAvis(models.TextChoices):
    FAVORABLE = "favorable", "Favorable"
    RESERVES = "reserves", "Favorable avec réserves"
    DEFAVORABLE = "defavorable", "Défavorable"


class ActionCoInstruction(models.TextChoices):
    INVITATION = "invitation", "Invitation à co-instruire"
    RETRAIT = "retrait", "Retrait de la co-instruction"
    AVIS = "avis", "Avis rendu"


class StatutNotification(models.TextChoices):
    A_ENVOYER = "a_envoyer", "À envoyer"
    EN_COURS = "en_cours", "En cours d'envoi"
    ENVOYEE = "envoyee", "Envoyée"


class MotifVersion(models.TextChoices):
    DEPOT = "depot", "Dépôt"
    COMPLEMENT = "complement", "Réponse à une demande de complément"


class EtapeDelai(models.TextChoices):
    """The steps of the circuit that have an indicative deadline (register: instruction.delai.<step>)."""

    DECISION = "decision", "Décision de l'ARS après le dépôt ou la réponse du déposant"
    COMPLEMENT = "complement", "Réponse du déposant à une demande de complément"
    AVIS = "avis", "Avis d'un partenaire invité à co-instruire"
