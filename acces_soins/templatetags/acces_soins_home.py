"""Home page panel « Bilans semestriels » for the siège, délégation and comité dashboards."""

from django import template

from acces_soins.models import BilanSemestriel
from acces_soins.perms import can_request_bilan, can_view_bilans

register = template.Library()


@register.inclusion_tag("acces_soins/includes/_home_bilans.html", takes_context=True)
def bilans_panel(context):
    user = context["request"].user
    bilans = []
    if can_view_bilans(user):
        bilans = list(BilanSemestriel.objects.visible_to(user).with_list_data().order_by("-created_at")[:3])
    return {"bilans": bilans, "can_request": can_request_bilan(user)}


@register.inclusion_tag("acces_soins/includes/_home_feuilles.html", takes_context=True)
def feuilles_panel(context):
    """Home panel « Feuilles de route territoriales »: actions and late actions of the user's territories
    (a délégation) or of the whole région (siège, comité)."""
    from django.utils import timezone

    from acces_soins.feuilles.selectors import territoire_summaries, territoires_of_region
    from acces_soins.models import TerritoireSante
    from acces_soins.perms import can_view_feuilles
    from comptes.perms import get_scope

    user = context["request"].user
    if not can_view_feuilles(user):
        return {"visible": False, "summaries": [], "total": 0, "en_retard": 0}
    territoires = territoires_of_region(user)
    own = TerritoireSante.objects.editable_by(user)
    scope = get_scope(user)
    if scope.is_delegation and not scope.is_siege:
        territoires = territoires.filter(pk__in=own.values("pk"))
    summaries = territoire_summaries(territoires, on=timezone.localdate())
    return {
        "visible": True,
        "summaries": summaries,
        "total": sum(s.total for s in summaries),
        "en_retard": sum(s.en_retard for s in summaries),
    }


@register.inclusion_tag("acces_soins/includes/_home_decisions.html", takes_context=True)
def decisions_panel(context):
    """Home panel « Décisions en retard »: the overdue COPIL decisions the user owns (as a person or through one of
    their organisations); nothing when there is none."""
    from django.utils import timezone

    from acces_soins.selectors import decisions_en_retard_de

    user = context["request"].user
    decisions = list(decisions_en_retard_de(user, on=timezone.localdate())[:5])
    today = timezone.localdate()
    for decision in decisions:
        decision.retard = decision.jours_de_retard(today)
    return {"decisions": decisions}


@register.inclusion_tag("acces_soins/includes/_home_remontees.html", takes_context=True)
def remontees_panel(context):
    """Home panel « Mes remontées »: the contributions of the user's organisations still to send (brouillon or
    renvoyée), with their closing date; nothing when there is none."""
    from acces_soins.enums import ETATS_A_TRANSMETTRE
    from acces_soins.models import Contribution
    from comptes.perms import get_scope

    roles = list(get_scope(context["request"].user).roles)
    contributions = list(
        Contribution.objects.filter(organisation_id__in=roles, etat__in=ETATS_A_TRANSMETTRE)
        .select_related("campagne")
        .order_by("campagne__date_cloture", "libelle")[:5]
    )
    return {"contributions": contributions}
