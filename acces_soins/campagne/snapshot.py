"""The frozen snapshot of a campaign: every contribution as it stands at the freeze (state, lateness, lines with what
was computed and what was written), the completeness and the comité d'évaluation's avis of the semester. Stored once
on the campaign; the bilan's « Remontées » section prints only this."""

import datetime

from django.db.models import Prefetch

from acces_soins.campagne.tableau import completude, retard_jours
from acces_soins.enums import ETATS_RETENUS
from acces_soins.models import Contribution, LigneContribution
from acces_soins.notes import KINDS
from acces_soins.notes_blocs import note_rows

SNAPSHOT_SCHEMA = 1


def _ligne(line: LigneContribution) -> dict:
    kind = KINDS[line.kind]
    return {
        "reference": line.reference,
        "libelle": line.libelle,
        "nature": kind.libelle,
        "priorite": line.priorite,
        "requis": line.requis,
        "complete": line.complete,
        "calcule": line.prerempli.get("valeurs", []),
        "note": note_rows(kind, line.note) if line.note_id else [],
    }


def contribution_data(contribution: Contribution, *, on: datetime.date | None = None, lignes=None) -> dict:
    """One contribution as plain data (its lines with their notes): frozen in the snapshot, or kept in an erratum."""
    if lignes is None:
        lignes = contribution.lignes.select_related("note").order_by("ordre", "pk")
    return {
        "public_id": str(contribution.public_id),
        "type": contribution.type,
        "type_libelle": contribution.get_type_display(),
        "libelle": contribution.libelle,
        "organisation": contribution.organisation.nom,
        "departement": contribution.departement.code if contribution.departement_id else None,
        "etat": contribution.etat,
        "etat_libelle": contribution.get_etat_display(),
        "retenue": contribution.etat in ETATS_RETENUS,
        "transmise_le": contribution.transmise_le.isoformat(timespec="seconds") if contribution.transmise_le else None,
        "jours_retard": retard_jours(contribution, on=on) if on else None,
        "chiffres": contribution.prerempli.get("chiffres", []),
        "lignes": [_ligne(line) for line in lignes],
    }


def _avis(semestre: str, at) -> list[dict]:
    from indicateurs.models import Avis

    rows = (
        Avis.objects.filter(periode=semestre, cree_le__lte=at)
        .select_related("indicateur")
        .order_by("indicateur__priorite", "indicateur__ordre", "indicateur__code", "cree_le")
    )
    return [
        {
            "indicateur": avis.indicateur.code,
            "libelle": avis.indicateur.libelle,
            "texte": avis.texte,
            "date": avis.cree_le.date().isoformat(),
        }
        for avis in rows
    ]


def campagne_snapshot(campagne, *, at) -> dict:
    """Everything the campaign's bilan prints, frozen (a constant number of queries)."""
    from django.utils import timezone

    on = timezone.localdate(at)
    contributions = list(
        campagne.contributions.select_related("organisation", "departement").prefetch_related(
            Prefetch("lignes", queryset=LigneContribution.objects.select_related("note").order_by("ordre", "pk"))
        )
    )
    return {
        "schema": SNAPSHOT_SCHEMA,
        "campagne": {
            "public_id": str(campagne.public_id),
            "region": campagne.region_code,
            "semestre": campagne.semestre,
            "date_cloture": campagne.date_cloture.isoformat(),
            "gelee_le": at.isoformat(timespec="seconds"),
        },
        "contributions": [contribution_data(c, on=on, lignes=c.lignes.all()) for c in contributions],
        "completude": completude(contributions_qs=campagne.contributions.all()),
        "avis": _avis(campagne.semestre, at),
    }
