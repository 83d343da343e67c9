from cpts.models.cpts import AtteinteMission, AvenantCpts, Cpts, EtapeCpts, LettreIntentionCpts, MissionCpts
from cpts.models.msp import CritereMsp, FinancementMsp, Msp, ProfessionnelMsp, SiteMsp
from cpts.models.projets import ProjetSanteCpts, RappelMission
from cpts.models.referentiel import BaremeAci, BaremeLigne, CritereAciMsp, Mission, ParametreCpts, SeuilTaille

__all__ = [
    "AtteinteMission",
    "AvenantCpts",
    "BaremeAci",
    "BaremeLigne",
    "CritereAciMsp",
    "CritereMsp",
    "Cpts",
    "EtapeCpts",
    "FinancementMsp",
    "LettreIntentionCpts",
    "Mission",
    "MissionCpts",
    "Msp",
    "ParametreCpts",
    "ProfessionnelMsp",
    "ProjetSanteCpts",
    "RappelMission",
    "SeuilTaille",
    "SiteMsp",
]
