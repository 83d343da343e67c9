"""The stages of a contrat local de santé: order, expected documents and gate checklist.

Wording, not figures: kept in code. A stage's gate must be complete to move to the next stage.
"""

from dataclasses import dataclass

from cls.enums import Etape


@dataclass(frozen=True)
class Stage:
    etape: str
    documents: tuple[tuple[str, str], ...]  # (code, label) expected documents
    checklist: tuple[tuple[str, str], ...]  # (code, label) gate items
    next: tuple[str, ...]


STAGES = {
    Etape.CADRAGE: Stage(
        Etape.CADRAGE,
        documents=(("note_cadrage", "Note de cadrage ou compte rendu de la réunion de lancement"),),
        checklist=(
            ("copil_installe", "Comité de pilotage installé"),
            ("perimetre_valide", "Périmètre et calendrier validés avec la collectivité"),
            ("note_cadrage", "Note de cadrage déposée"),
        ),
        next=(Etape.DIAGNOSTIC,),
    ),
    Etape.DIAGNOSTIC: Stage(
        Etape.DIAGNOSTIC,
        documents=(("rapport_diagnostic", "Rapport de diagnostic territorial partagé"),),
        checklist=(
            ("rapport_diagnostic", "Rapport de diagnostic déposé"),
            ("diagnostic_restitue", "Diagnostic restitué aux acteurs et aux habitants"),
        ),
        next=(Etape.ELABORATION,),
    ),
    Etape.ELABORATION: Stage(
        Etape.ELABORATION,
        documents=(("programme_actions", "Programme d'actions"),),
        checklist=(
            ("axes_definis", "Axes stratégiques définis"),
            ("programme_actions", "Programme d'actions déposé"),
        ),
        next=(),  # leaving this stage is the signature (see contrat_sign)
    ),
    Etape.SIGNE: Stage(
        Etape.SIGNE,
        documents=(("contrat_signe", "Contrat signé"),),
        checklist=(("contrat_signe", "Contrat signé déposé"),),
        next=(Etape.MISE_EN_OEUVRE,),
    ),
    Etape.MISE_EN_OEUVRE: Stage(
        Etape.MISE_EN_OEUVRE,
        documents=(("revue_annuelle", "Revue annuelle"),),
        checklist=(("revues_faites", "Revues annuelles réalisées"),),
        next=(Etape.EVALUATION,),
    ),
    Etape.EVALUATION: Stage(
        Etape.EVALUATION,
        documents=(("rapport_evaluation", "Rapport d'évaluation finale"),),
        checklist=(
            ("rapport_evaluation", "Rapport d'évaluation déposé"),
            ("evaluation_restituee", "Évaluation restituée"),
        ),
        next=(Etape.RENOUVELE, Etape.TERMINE),
    ),
}
FINAL_ETAPES = frozenset({Etape.RENOUVELE, Etape.TERMINE, Etape.ABANDONNE})


def stage(etape: str) -> Stage | None:
    return STAGES.get(etape)


def document_types() -> list[tuple[str, str]]:
    seen = {}
    for spec in STAGES.values():
        for code, label in spec.documents:
            seen.setdefault(code, label)
    return [*seen.items(), ("autre", "Autre document")]
