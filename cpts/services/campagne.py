"""What the semester reporting campaign of acces_soins reads of the CPTS — as plain data, so that the app above
never touches these models (design.md §1). Resolved lazily by `acces_soins.sections.provider`."""

import datetime
from decimal import Decimal

from django.db.models import Prefetch

from cpts.enums import StatutMission
from cpts.models import Cpts, MissionCpts
from cpts.services.suivi import _signed_on


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def cpts_pour_campagne(*, region_code: str, on: datetime.date) -> list[dict]:
    """Every CPTS whose ACI is in force on `on` in the région, with its missions (status computed on `on`, deadlines,
    actual dates, the mission's indicators) and its ledger totals (3 queries whatever the number of CPTS)."""
    from financements.selectors import with_beneficiaire_totals

    missions = MissionCpts.objects.select_related("mission").order_by("mission__ordre")
    queryset = (
        Cpts.objects.filter(_signed_on(on), departement__region__code=region_code)
        .select_related("porteur", "departement")
        .prefetch_related(Prefetch("missions", queryset=missions))
        .order_by("departement__code", "nom")
    )
    rows = []
    for cpts in with_beneficiaire_totals(queryset):
        items = list(cpts.missions.all())
        rows.append(
            {
                "id": cpts.pk,
                "public_id": str(cpts.public_id),
                "nom": cpts.nom,
                "porteur_id": cpts.porteur_id,
                "porteur_nom": cpts.porteur.nom,
                "departement_id": cpts.departement_id,
                "departement_code": cpts.departement.code,
                "population": cpts.population,
                "taille": cpts.get_taille_display(),
                "date_aci": _iso(cpts.date_aci),
                "fictif": cpts.is_fictif,
                "financement_engage": float(cpts.fin_engage or Decimal(0)),
                "financement_verse": float(cpts.fin_verse or Decimal(0)),
                "missions_en_retard": sum(1 for row in items if row.statut(on) == StatutMission.EN_RETARD),
                "missions": [
                    {
                        "id": row.pk,
                        "code": row.mission.code,
                        "libelle": str(row.mission),
                        "statut": row.statut(on),
                        "statut_libelle": StatutMission(row.statut(on)).label,
                        "echeance_demarrage": _iso(row.echeance_demarrage),
                        "echeance_deploiement": _iso(row.echeance_deploiement),
                        "date_demarrage": _iso(row.date_demarrage),
                        "date_deploiement": _iso(row.date_deploiement),
                        "indicateurs": row.indicateurs,
                    }
                    for row in items
                ],
            }
        )
    return rows
