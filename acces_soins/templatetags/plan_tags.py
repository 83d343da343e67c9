"""The measures of the plan an indicator follows, for the indicator's page (indicateurs sits below acces_soins:
its templates ask this app through a tag instead of its code importing it)."""

from django import template

from acces_soins.models import Mesure

register = template.Library()


@register.inclusion_tag("acces_soins/includes/_mesures_liees.html")
def mesures_liees(indicateur):
    """The measures linked to an indicator (`Mesure.indicateurs`), with a link to each on the plan page."""
    mesures = (
        Mesure.objects.filter(indicateurs=indicateur).select_related("priorite").order_by("priorite__numero", "numero")
    )
    return {"mesures": list(mesures)}
