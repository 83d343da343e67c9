"""The registers' figures of any set of communes (portrait de territoire): per register, the entries in force on a
date inside the perimeter, with the date of the latest change and the source. One query (a union of one aggregate
per register), whatever the number of registers.

An entry is inside when its commune is one of the perimeter's, or when its own perimeter of communes touches it. A
register without commune (kept per département or TVS) counts the entries of the perimeter's départements, and says
so (`echelle`). Which registers a reader sees is decided by the caller with `registres.perms.can_view_registre`."""

import datetime

from django.db.models import CharField, Count, Max, Q, Value
from django.utils import timezone

from registres.declarations import SANS_COMMUNE, Registre

SOURCE = "Registre « {titre} » du portail, tenu par l'ARS (siège et délégations départementales)"


def _aggregate(registre: Registre, commune_ids: list[int], departement_ids: list[int], on: datetime.date):
    if registre.commune == SANS_COMMUNE:
        inside = Q(departement_id__in=departement_ids)
    else:
        inside = Q(commune_id__in=commune_ids) | Q(communes__in=commune_ids)
    return (
        registre.model.objects.filter(inside)
        .en_cours(on)
        .annotate(registre=Value(registre.code, output_field=CharField()))
        .values("registre")
        .annotate(entrees=Count("pk", distinct=True), maj=Max("updated_at"))
        .order_by()
    )


def registres_du_perimetre(registres: list[Registre], commune_ids, departement_ids, *, on: datetime.date) -> list:
    """One dict per register, in the given order (JSON-ready): code, titre, entrees, maj (ISO date or None),
    echelle, source."""
    registres = list(registres)
    if not registres:
        return []
    ids, departements = list(commune_ids), list(departement_ids)
    queries = [_aggregate(registre, ids, departements, on) for registre in registres]
    rows = {row["registre"]: row for row in queries[0].union(*queries[1:], all=True)}
    result = []
    for registre in registres:
        row = rows.get(registre.code) or {}
        maj = row.get("maj")
        result.append(
            {
                "code": registre.code,
                "titre": registre.titre,
                "mesure": registre.mesure_libelle or registre.mesure,
                "entrees": row.get("entrees") or 0,
                "maj": timezone.localtime(maj).date().isoformat() if maj else None,
                "echelle": "département" if registre.commune == SANS_COMMUNE else "commune",
                "source": SOURCE.format(titre=registre.titre),
            }
        )
    return result
