"""Home page panel of the partner persona: the dossiers its organisations co-instruct."""

from django import template
from django.db.models import Exists, OuterRef

from comptes.perms import get_scope
from instruction.enums import OPEN_STATES
from instruction.models import Avis, Dossier, Participation

register = template.Library()


@register.inclusion_tag("instruction/includes/_co_instruction_home.html")
def co_instruction_home_panel(user, list_url=""):
    """Open dossiers awaiting the avis of one of the user's partner organisations, and those already answered."""
    partenaire_ids = get_scope(user).partenaire_ids
    invited = Participation.objects.filter(dossier=OuterRef("pk"), organisation_id__in=partenaire_ids)
    answered = Avis.objects.filter(dossier=OuterRef("pk"), organisation_id__in=partenaire_ids)
    dossiers = list(
        Dossier.objects.visible_to(user)
        .filter(Exists(invited), etat__in=OPEN_STATES)
        .annotate(avis_rendu=Exists(answered))
        .with_list_data()
        .order_by("deposee_le")
    )
    return {
        "a_rendre": [dossier for dossier in dossiers if not dossier.avis_rendu],
        "rendus": [dossier for dossier in dossiers if dossier.avis_rendu],
        "list_url": list_url,
    }
