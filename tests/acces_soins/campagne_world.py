"""A small région to run a campaign on: a CLS in force with three fiches (one late), a CPTS with its ACI, the
délégations of 37 and 45, a CPAM that owns an indicator, the siège; the semester 2026-S1 (closing 14 August 2026)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from acces_soins.campagne.services import campagne_ouvrir, contribution_enregistrer
from acces_soins.models import Campagne
from acces_soins.periods import Semestre

S1 = Semestre.parse("2026-S1")
CLOTURE = datetime.date(2026, 8, 14)


@dataclass
class World:
    contrat: object
    fiches: list
    cpts: object
    indicateur_cpam: object


def make_contrat(collectivite, departement, *, nom="CLS du Lochois", fiches=3):
    from cls.enums import Etape, StatutFiche
    from cls.models import ContratLocalSante, FicheAction

    contrat = ContratLocalSante.objects.create(
        nom=nom,
        porteur=collectivite,
        departement=departement,
        population=51_000,
        etape=Etape.MISE_EN_OEUVRE,
        date_signature=datetime.date(2025, 1, 15),
        duree_annees=5,
        date_fin=datetime.date(2029, 12, 31),
    )
    rows = [
        FicheAction.objects.create(
            contrat=contrat,
            numero=str(n),
            intitule=f"Fiche {n} de {nom}",
            date_debut=datetime.date(2025, 2, 1),
            date_fin=datetime.date(2026, 3, 31) if n == 1 else datetime.date(2027, 12, 31),
            statut=StatutFiche.EN_COURS,
        )
        for n in range(1, fiches + 1)
    ]
    return contrat, rows


def make_world(*, territory, collectivite, cpts_porteur, partner_org, siege_agent, dd_agent, dd45_agent) -> World:
    """Every kind of contributor, found in the data (the personas' organisations)."""
    from indicateurs.models import Indicateur
    from tests.cpts.factories import signed_cpts

    contrat, fiches = make_contrat(collectivite, territory["dep37"])
    porteur = cpts_porteur.memberships.get().organisation
    cpts = signed_cpts(porteur=porteur, departement=territory["dep37"], by=siege_agent, nom="CPTS Touraine Sud")
    indicateur = Indicateur.objects.get(code="P1_MEDECINS_RETRAITES")
    indicateur.fournisseurs.add(partner_org)
    return World(contrat, fiches, cpts, indicateur)


def open_campaign(by, *, semestre=S1, date_cloture=CLOTURE, notify=True) -> Campagne:
    return campagne_ouvrir(region_code="24", semestre=semestre, date_cloture=date_cloture, by=by, notify=notify)


def answer(contribution, user, **overrides):
    """Fill in every line a person must fill in (a text, the status already pre-filled, a value)."""
    reponses = {}
    for line in contribution.lignes.filter(requis=True):
        data = {
            "texte": f"Note sur {line.reference}",
            "avancement": None,
            "statut": "",
            "valeur": None,
            "secret": False,
        }
        if line.kind in ("fiche", "declinaison"):
            data["statut"] = line.prerempli["initial"]["statut"]
        if line.kind in ("fiche", "mission"):
            data["avancement"] = 50
        if line.kind == "indicateur":
            data["valeur"] = Decimal("12")
        data.update(overrides.get(line.reference, {}))
        reponses[line.pk] = data
    return contribution_enregistrer(contribution=contribution, by=user, reponses=reponses)
