"""Home page panels of the porteur persona (real content instead of the empty-state panels)."""

from django import template
from django.utils import timezone

from cpts import perms
from cpts.models import Cpts, Msp
from cpts.selectors import depots_of_user_organisations, echeances_a_venir

register = template.Library()


@register.inclusion_tag("cpts/includes/_porteur_panels.html")
def cpts_porteur_panels(user):
    today = timezone.localdate()
    structures = list(Cpts.objects.visible_to(user).with_list_data().with_overdue(today).order_by("nom"))
    msp = list(Msp.objects.visible_to(user).select_related("departement").order_by("nom"))
    return {
        "structures": structures,
        "msp_list": msp,
        "dossiers": depots_of_user_organisations(user)[:5],
        "echeances": echeances_a_venir(cpts_ids=[cpts.pk for cpts in structures], on=today),
        "can_file": perms.can_file_lettre(user),
    }
