"""The indicators computed from the registers (registres app): one query each, resolved lazily by name like every
computed indicator; their `source` says « Registre … » (migration 0008).

- registres.services.indicateurs.maitres_de_stage(*, region|departement, on, zone="", generalistes=True) -> int
- registres.services.indicateurs.sites_telemedecine / protocoles_cooperation(*, region|departement, on) -> int
- registres.services.indicateurs.contrats_aide(*, region|departement, on, aide) -> int
- registres.services.indicateurs.mouvements(*, region|departement, debut, fin) -> {"entrees", "sorties", "solde"}
- cpts.services.centres_de_sante_counts(*, region|departement, on) -> {"total", "pluriprofessionnels", …}
"""

from decimal import Decimal

from indicateurs.calculs.definitions import territorial_kwargs
from indicateurs.calculs.registry import calcul, service
from indicateurs.models import Perimetre
from indicateurs.semestre import Semestre

SERVICES = "registres.services.indicateurs"
# zonage.Aide codes of the aid contracts, per indicator
CONTRATS = {
    "P1_CONTRATS_CAIM": "CAIM",
    "P1_CONTRATS_COSCOM": "COSCOM",
    "P1_CONTRATS_COTRAM": "COTRAM",
    "P1_CONTRATS_CSTM": "CSTM",
    "P1_CESP": "CESP",
    "P1_CONTRATS_PTMG": "PTMG",
    "P1_AIDES_COLLECTIVITES": "L1511-8",
}


def _count(name: str, perimetre: Perimetre, semestre: Semestre, **extra) -> Decimal | None:
    kwargs = territorial_kwargs(perimetre)
    if kwargs is None:
        return None
    return Decimal(service(f"{SERVICES}.{name}")(**kwargs, on=semestre.end, **extra))


@calcul("P1_MAITRES_STAGE", donnees=("registres.MaitreStage",))
def maitres_stage(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _count("maitres_de_stage", perimetre, semestre)


@calcul("P1_MAITRES_STAGE_ZIP", donnees=("registres.MaitreStage",))
def maitres_stage_zip(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _count("maitres_de_stage", perimetre, semestre, zone="ZIP")


@calcul("P1_AGREMENTS_AUTRES", donnees=("registres.MaitreStage",))
def agrements_autres(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _count("maitres_de_stage", perimetre, semestre, generalistes=False)


@calcul("P2_SITES_TELEMEDECINE", donnees=("registres.SiteTelemedecine",))
def sites_telemedecine(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _count("sites_telemedecine", perimetre, semestre)


@calcul("P1_PROTOCOLES_COOPERATION", donnees=("registres.ProtocoleCooperation",))
def protocoles(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _count("protocoles_cooperation", perimetre, semestre)


def _contrat(code: str, aide: str) -> None:
    @calcul(code, donnees=("registres.ContratAide",))
    def compute(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
        return _count("contrats_aide", perimetre, semestre, aide=aide)

    compute.__name__ = f"contrats_{aide.lower()}"


for _code, _aide in CONTRATS.items():
    _contrat(_code, _aide)


@calcul("P3_CENTRES_SANTE", donnees=("cpts.CentreSante",))
def centres_sante(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    kwargs = territorial_kwargs(perimetre)
    if kwargs is None:
        return None
    return Decimal(service("cpts.services.centres_de_sante_counts")(**kwargs, on=semestre.end)["total"])


def _mouvements(perimetre: Perimetre, semestre: Semestre, key: str) -> Decimal | None:
    kwargs = territorial_kwargs(perimetre)
    if kwargs is None:
        return None
    return Decimal(service(f"{SERVICES}.mouvements")(**kwargs, debut=semestre.start, fin=semestre.end)[key])


@calcul("P1_ENTREES_MG", donnees=("registres.MouvementMedecin",))
def entrees(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _mouvements(perimetre, semestre, "entrees")


@calcul("P1_SORTIES_MG", donnees=("registres.MouvementMedecin",))
def sorties(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _mouvements(perimetre, semestre, "sorties")


@calcul("P1_SOLDE_MG", donnees=("registres.MouvementMedecin",))
def solde(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _mouvements(perimetre, semestre, "solde")
