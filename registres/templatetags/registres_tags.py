"""Template tags of the registers: the retention period (« données personnelles » page) and the home panel of the
délégations and the siège (movement alerts)."""

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("registres/includes/_conservation.html", takes_context=True)
def conservation_donnees_registres(context):
    """The retention period of the registers' personal data in force in the page's region (référentiel): the one
    chosen, else the user's, else the default one of an anonymous visitor (territoires.regions)."""
    from registres.services.purge import duree_conservation
    from territoires.models import Region
    from territoires.regions import request_region_code

    request = context.get("request")
    code = request_region_code(request) if request else None
    region = Region.objects.filter(code=code).first() if code else None
    parametre = duree_conservation(region=region, on=timezone.localdate()) if region else None
    return {"parametre": parametre}


@register.inclusion_tag("registres/includes/_home_panel.html", takes_context=True)
def registres_panel(context):
    """Home panel: the registers and the alerts of the doctor movements of the user's scope."""
    from registres.models import EffectifMedecins, MouvementMedecin
    from registres.services.mouvements import alertes, etats_tvs

    user = context["request"].user
    today = timezone.localdate()
    states = etats_tvs(
        effectifs=EffectifMedecins.objects.visible_to(user),
        mouvements=MouvementMedecin.objects.visible_to(user),
        on=today,
    )
    return {"alertes": alertes(states, on=today)}
