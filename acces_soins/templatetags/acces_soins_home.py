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
