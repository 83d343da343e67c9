"""The « Feuilles de route territoriales » section of the semester bilan (registered in bilan_sections.py)."""

from django.db.models import Count, Q
from django.utils import timezone

from acces_soins.enums import StatutAction
from acces_soins.feuilles.selectors import current_feuilles
from acces_soins.models import Action, TerritoireSante
from acces_soins.periods import Perimetre, Semestre


def _figure(code: str, libelle: str, valeur: int) -> dict:
    return {"code": code, "libelle": libelle, "valeur": valeur, "unite": ""}


def territoires_of(perimetre: Perimetre):
    """The territories of a région, or the one(s) covering a département."""
    queryset = TerritoireSante.objects.order_by("code")
    if perimetre.is_region:
        return queryset.filter(region_code=perimetre.code)
    return queryset.filter(departements__code=perimetre.code).distinct()


def feuilles_section(perimetre: Perimetre, semestre: Semestre) -> dict | None:
    """Per territory: actions by status, late actions (at the end of the semester, or today if sooner),
    progress notes written for the semester. None when no territory of the perimeter has a feuille de route."""
    territoires = list(territoires_of(perimetre))
    feuilles = current_feuilles([t.pk for t in territoires])
    if not feuilles:
        return None
    on = min(semestre.end, timezone.localdate())
    actions = (
        Action.objects.filter(feuille__in=list(feuilles.values()))
        .with_retard(on)
        .annotate(notes_semestre=Count("notes", filter=Q(notes__semestre=str(semestre))))
        .select_related("pilote_organisation", "feuille")
        .order_by("numero")
    )
    by_territory = {t.pk: [] for t in territoires}
    for action in actions:
        by_territory[action.feuille.territoire_id].append(action)
    rows = []
    for territoire in territoires:
        feuille = feuilles.get(territoire.pk)
        if feuille is None:
            continue
        items = by_territory[territoire.pk]
        rows.append(
            {
                "code": territoire.code,
                "nom": territoire.nom,
                "conseil": territoire.conseil_nom,
                "periode": f"{feuille.periode_debut.year}–{feuille.periode_fin.year}",
                "fictif": feuille.is_fictif,
                "total": len(items),
                "statuts": [
                    {"statut": label, "nombre": sum(1 for a in items if a.statut == value)}
                    for value, label in StatutAction.choices
                ],
                "en_retard": [
                    {
                        "reference": a.reference,
                        "libelle": a.libelle,
                        "pilote": a.pilote,
                        "date_fin": a.date_fin.isoformat(),
                        "statut": a.get_statut_display(),
                    }
                    for a in items
                    if a.en_retard
                ],
                "notes": sum(a.notes_semestre for a in items),
            }
        )
    total = sum(row["total"] for row in rows)
    late = sum(len(row["en_retard"]) for row in rows)
    done = sum(1 for items in by_territory.values() for action in items if action.statut == StatutAction.REALISEE)
    return {
        "date_retard": on.isoformat(),
        "territoires": rows,
        "total": total,
        "en_retard": late,
        "notes": sum(row["notes"] for row in rows),
        "chiffres_cles": [
            _figure("feuilles_actions_realisees", "Actions des feuilles de route réalisées", done),
            _figure("feuilles_actions_en_retard", "Actions des feuilles de route en retard", late),
        ],
    }
