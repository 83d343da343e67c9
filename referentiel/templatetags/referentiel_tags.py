"""Show a value of the register the same way everywhere: value, « à confirmer » and its source."""

from django import template

register = template.Library()


@register.inclusion_tag("referentiel/includes/valeur.html")
def valeur_referentiel(parametre, source=True):
    """`{% valeur_referentiel p %}` → « ≥ 50 000 habitants [à confirmer] (ARS Bretagne, 2019) »."""
    return {"p": parametre, "show_source": source}


@register.inclusion_tag("referentiel/includes/regle.html")
def regle_referentiel(regle):
    """A `services.RegleAffichee`: the value that applies, or « Pas de règle régionale publiée — référence : … »."""
    return {"regle": regle}
