from cpts.models.catalogue import ContratAnterieurAci, CritereAciMsp, Mission
from cpts.models.cpts import AtteinteMission, AvenantCpts, Cpts, EtapeCpts, LettreIntentionCpts, MissionCpts
from cpts.models.msp import CritereMsp, FinancementMsp, Msp, ProfessionnelMsp, SiteMsp
from cpts.models.projets import ProjetSanteCpts, RappelMission
from cpts.models.structures import CentreSante, EquipeSoinsPrimaires, ProfessionnelCentre

__all__ = [
    "AtteinteMission",
    "AvenantCpts",
    "CentreSante",
    "ContratAnterieurAci",
    "CritereAciMsp",
    "CritereMsp",
    "Cpts",
    "EquipeSoinsPrimaires",
    "EtapeCpts",
    "FinancementMsp",
    "LettreIntentionCpts",
    "Mission",
    "MissionCpts",
    "Msp",
    "ProfessionnelCentre",
    "ProfessionnelMsp",
    "ProjetSanteCpts",
    "RappelMission",
    "SiteMsp",
]
