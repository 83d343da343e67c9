"""Read paths of the plan, the comité de pilotage and the bilans (scope + filters + loaders)."""

from datetime import date

from django.db.models import Prefetch

from acces_soins.filters import BilanFilterSet
from acces_soins.models import (
    BilanSemestriel,
    ComiteDePilotage,
    DeclinaisonMesure,
    Mesure,
    NoteSemestrielle,
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


def current_plan(region_code: str, *, roles: bool = True, declinaisons: bool = True) -> Plan | None:
    """The plan of the région with its source, pilot roles, priorities, measures (status sources, indicators,
    declinations, comments) (fixed query count). `roles=False`, `declinaisons=False`: without the pilot roles or the
    measures' declinations (one query fewer each, for a document that does not show them)."""
    mesures = (
        Mesure.objects.order_by("numero")
        .select_related("statut_document")
        .prefetch_related(
            "indicateurs",
            *(
                [
                    Prefetch(
                        "declinaisons",
                        queryset=DeclinaisonMesure.objects.select_related("departement", "statut_document"),
                    )
                ]
                if declinaisons
                else []
            ),
            Prefetch(
                "notes",
                # their authors with them: the measure page lists each semester's comment and who wrote it
                queryset=NoteSemestrielle.objects.filter(cle="").select_related("updated_by").order_by("-semestre"),
                to_attr="commentaires",
            ),
        )
    )
    return (
        Plan.objects.filter(region_code=region_code)
        .select_related("document")
        .prefetch_related(
            "priorites",
            *([Prefetch("roles", queryset=RolePilotage.objects.select_related("document"))] if roles else []),
            Prefetch("priorites__mesures", queryset=mesures),
        )
        .order_by("-date_debut")
        .first()
    )


def plan_for_perimetre(perimetre: Perimetre, **parts) -> Plan | None:
    """`current_plan` of the périmètre's région (`parts`: its options)."""
    region_code = region_code_of(perimetre)
    return current_plan(region_code, **parts) if region_code else None


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
    from comptes.perms import user_region_code

    queryset = BilanSemestriel.objects.visible_to(user).with_list_data()
    return BilanFilterSet(params, queryset=queryset, region_code=user_region_code(user))


def previous_ready_bilan(perimetre: Perimetre, semestre) -> BilanSemestriel | None:
    """The latest ready version of the previous semester's bilan for the same perimeter."""
    return (
        BilanSemestriel.objects.for_perimetre(perimetre)
        .ready()
        .filter(semestre=str(semestre.previous()))
        .order_by("-version")
        .first()
    )


# --- Décisions du comité de pilotage ---------------------------------------------------------


def decision_list(*, user, params):
    from acces_soins.filters import DecisionFilterSet
    from acces_soins.models import Decision

    queryset = Decision.objects.visible_to(user).with_list_data().order_by("statut", "echeance", "-comite__date")
    return DecisionFilterSet(params, queryset=queryset, request_user=user)


def decision_detail(*, user, public_id, with_suivis: bool = True):
    """A decision the user may see (None otherwise), with its follow-up log unless the page edits it."""
    from acces_soins.models import Decision, SuiviDecision

    decisions = Decision.objects.visible_to(user).with_list_data()
    if with_suivis:
        decisions = decisions.prefetch_related(Prefetch("suivis", queryset=SuiviDecision.objects.select_related("par")))
    return decisions.filter(public_id=public_id).first()


def decisions_en_retard_de(user, *, on: date):
    """The overdue decisions a user owns (as a person or through an organisation): their home page panel."""
    from acces_soins.models import Decision

    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    return Decision.objects.of_owner(user).en_retard(on).select_related("comite").order_by("echeance")


def ordre_du_jour(*, region_code: str, on: date) -> dict:
    """The next session's agenda: the open decisions first (overdue first, then by due date), each with its history;
    then the decisions closed since the last session; then the usual items (constant queries)."""
    from acces_soins.models import Decision, SuiviDecision

    decisions = (
        Decision.objects.filter(comite__plan__region_code=region_code)
        .with_list_data()
        .prefetch_related(Prefetch("suivis", queryset=SuiviDecision.objects.select_related("par")))
    )
    last = ComiteDePilotage.objects.filter(plan__region_code=region_code, date__lte=on).order_by("-date").first()
    rows = list(decisions)
    ouvertes = sorted(
        (d for d in rows if d.est_ouverte),
        key=lambda d: (d.jours_de_retard(on) == 0, d.echeance is None, d.echeance or on, d.comite.date, d.numero),
    )
    fermees = [
        d
        for d in rows
        if not d.est_ouverte and (last is None or any(suivi.le.date() >= last.date for suivi in d.suivis.all()))
    ]
    return {"date": on, "derniere_seance": last, "ouvertes": ouvertes, "fermees": fermees}


def ordre_du_jour_texte(agenda: dict) -> str:
    """The agenda as the text of a new session's « ordre du jour » (open decisions first)."""
    lines = ["1. Suivi des décisions ouvertes :"]
    for decision in agenda["ouvertes"]:
        retard = decision.jours_de_retard(agenda["date"])
        etat = f"{decision.get_statut_display().lower()}" + (f", en retard de {retard} jours" if retard else "")
        echeance = f", échéance {decision.echeance:%d/%m/%Y}" if decision.echeance else ""
        lines.append(f"   - {decision.reference} : {decision.texte} ({etat}{echeance})")
    if not agenda["ouvertes"]:
        lines.append("   - aucune décision ouverte")
    lines += [
        "2. Décisions closes depuis la dernière séance",
        "3. Remontées du semestre et bilan",
        "4. Point d'étape des mesures du plan",
        "5. Questions diverses",
    ]
    return "\n".join(lines)
