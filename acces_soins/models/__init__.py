"""Models of acces_soins: the plan, comités and bilans (plan.py), the decisions of the comité and their follow-up
(decisions.py), the territorial roadmaps (feuilles.py), the one « note per semester » (notes.py) and the semester
reporting campaigns (campagne.py)."""

from acces_soins.models.campagne import (
    Campagne,
    Contribution,
    Erratum,
    LigneContribution,
    RappelCampagne,
    TransitionContribution,
)
from acces_soins.models.decisions import Decision, DecisionQuerySet, SuiviDecision
from acces_soins.models.feuilles import (
    Action,
    ActionQuerySet,
    FeuilleDeRoute,
    Jalon,
    Solution,
    TerritoireSante,
)
from acces_soins.models.notes import NoteSemestrielle
from acces_soins.models.plan import (
    SEMESTRE_REGEX,
    BilanQuerySet,
    BilanSemestriel,
    ComiteDePilotage,
    ComiteQuerySet,
    DeclinaisonMesure,
    DocumentComite,
    Mesure,
    MesureQuerySet,
    Plan,
    Priorite,
    RolePilotage,
    StatutSource,
    bilan_file_path,
    comite_document_path,
    semestre_field,
    semestre_validator,
)

__all__ = [
    "SEMESTRE_REGEX",
    "Action",
    "ActionQuerySet",
    "BilanQuerySet",
    "BilanSemestriel",
    "Campagne",
    "ComiteDePilotage",
    "ComiteQuerySet",
    "Contribution",
    "Decision",
    "DecisionQuerySet",
    "DeclinaisonMesure",
    "DocumentComite",
    "Erratum",
    "FeuilleDeRoute",
    "Jalon",
    "LigneContribution",
    "Mesure",
    "MesureQuerySet",
    "NoteSemestrielle",
    "Plan",
    "Priorite",
    "RappelCampagne",
    "RolePilotage",
    "Solution",
    "StatutSource",
    "SuiviDecision",
    "TerritoireSante",
    "TransitionContribution",
    "bilan_file_path",
    "comite_document_path",
    "semestre_field",
    "semestre_validator",
]
