"""The semester reporting campaigns of the access matrix (issue #18): one open campaign per région, generated from the
world's data by the service, its contributions set in the states the matrix needs, and one COPIL decision owned by
the collectivité A.

Région A (24), semester 2026-S1:
- contribution_cls_a: the CLS « RGA-Loches » coordinated by the collectivité A (département 37), a draft;
- contribution_cls_b: the CLS « RGA-Orléans » of the collectivité B (département 45), transmitted (to validate);
- contribution_dd37: the délégation 37's own contribution, validated (for the siège to consolidate).
Région B (53): contribution_rb, the CLS « RGB-Rennes », transmitted; its campaign is campagne_rb.
"""

import datetime

from acces_soins.enums import EtatContribution, TypeContributeur
from tests.worlds import campagne_ouverte


def _contribution(campagne, *, organisation, type, objet=None):
    contributions = campagne.contributions.filter(organisation=organisation, type=type)
    if objet is not None:
        contributions = contributions.filter(objet_id=objet.pk)
    return contributions.get()


def build_campagnes(w) -> None:
    from acces_soins.models import Decision

    o, u = w.objects, w.users
    for key, region, by in (("a", "24", "siege_a"), ("rb", "53", "siege_b")):
        o[f"campagne_{key}"] = campagne_ouverte(region_code=region, by=u[by])
    campagne_a, campagne_rb = o["campagne_a"], o["campagne_rb"]
    o["contribution_cls_a"] = _contribution(
        campagne_a, organisation=o["org_coll_a"], type=TypeContributeur.CLS, objet=o["contrat_a"]
    )
    o["contribution_cls_b"] = _contribution(
        campagne_a, organisation=o["org_coll_b"], type=TypeContributeur.CLS, objet=o["contrat_b"]
    )
    o["contribution_dd37"] = _contribution(campagne_a, organisation=o["org_dd37"], type=TypeContributeur.DELEGATION)
    o["contribution_rb"] = _contribution(
        campagne_rb, organisation=o["org_coll_rb"], type=TypeContributeur.CLS, objet=o["contrat_rb"]
    )
    for key, etat in (
        ("contribution_cls_b", EtatContribution.TRANSMISE),
        ("contribution_dd37", EtatContribution.VALIDEE),
        ("contribution_rb", EtatContribution.TRANSMISE),
    ):
        o[key].etat = etat
        o[key].save(update_fields=["etat"])
    o["decision_a"] = Decision.objects.create(
        comite=o["comite_pilotage"],
        numero=1,
        texte="RGA- Ouvrir une antenne de la maison de santé",
        responsable_organisation=o["org_coll_a"],
        echeance=datetime.date(2026, 3, 31),
    )
