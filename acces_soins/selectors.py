"""Read paths of the plan, the comité de pilotage and the bilans (scope + filters + loaders)."""

from datetime import date

from django.db.models import Prefetch

from acces_soins.filters import BilanFilterSet
from acces_soins.models import (
    BilanSemestriel,
    ComiteDePilotage,
    CommentaireMesure,
    DeclinaisonMesure,
    Mesure,
    Plan,
    RolePilotage,
)
from acces_soins.periods import Perimetre


def region_code_of(perimetre: Perimetre) -> str | None:
    if perimetre.is_region:
        return perimetre.code
    from territoires.models import Departement

    return Departement.objects.filter(code=perimetre.code).values_list("region__code", flat=True).first()


def current_plan_only(region_code: str) -> Plan | None:
    """The plan of the région alone (one query): for a page that needs its measures' references only."""
    return Plan.objects.filter(region_code=region_code).order_by("-date_debut").first()


def mesures_of(plan: Plan | None) -> list[Mesure]:
    """The measures of a plan with their priority (one query), in the plan's order."""
    if plan is None:
        return []
    return list(
        Mesure.objects.filter(priorite__plan=plan).select_related("priorite").order_by("priorite__numero", "numero")
    )


def current_plan(region_code: str) -> Plan | None:
    """The plan of the région with its source, pilot roles, priorities, measures (status sources, indicators,
    declinations, comments) (fixed query count)."""
    mesures = (
        Mesure.objects.order_by("numero")
        .select_related("statut_document")
        .prefetch_related(
            "indicateurs",
            Prefetch(
                "declinaisons", queryset=DeclinaisonMesure.objects.select_related("departement", "statut_document")
            ),
            Prefetch("commentaires", queryset=CommentaireMesure.objects.order_by("-semestre")),
        )
    )
    return (
        Plan.objects.filter(region_code=region_code)
        .select_related("document")
        .prefetch_related(
            "priorites",
            Prefetch("roles", queryset=RolePilotage.objects.select_related("document")),
            Prefetch("priorites__mesures", queryset=mesures),
        )
        .order_by("-date_debut")
        .first()
    )


def plan_for_perimetre(perimetre: Perimetre) -> Plan | None:
    region_code = region_code_of(perimetre)
    return current_plan(region_code) if region_code else None


def last_comite(perimetre: Perimetre, *, on: date) -> ComiteDePilotage | None:
    region_code = region_code_of(perimetre)
    return (
        ComiteDePilotage.objects.with_detail()
        .filter(plan__region_code=region_code, date__lte=on)
        .order_by("-date", "-pk")
        .first()
    )


def comites_visible_to(user):
    from comptes.perms import get_scope

    return ComiteDePilotage.objects.select_related("plan").filter(plan__region_code__in=get_scope(user).region_codes)


def bilan_list(*, user, params) -> BilanFilterSet:
    queryset = BilanSemestriel.objects.visible_to(user).with_list_data()
    return BilanFilterSet(params, queryset=queryset)


def previous_ready_bilan(perimetre: Perimetre, semestre) -> BilanSemestriel | None:
    """The latest ready version of the previous semester's bilan for the same perimeter."""
    return (
        BilanSemestriel.objects.for_perimetre(perimetre)
        .ready()
        .filter(semestre=str(semestre.previous()))
        .order_by("-version")
        .first()
    )
