"""Home-page panels of the CLS programme, one per persona."""

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from cls.enums import Etape
from cls.models import ContratLocalSante
from cls.services.coverage import cls_coverage, pipeline
from cls.services.lettres import KIND
from cls.services.regles import regles_cls
from instruction.enums import FINAL_STATES, Etat
from instruction.kinds import get_kind
from instruction.models import Dossier
from instruction.selectors import own_dossiers
from territoires.models import Departement

register = template.Library()


@register.inclusion_tag("cls/includes/panel_collectivite.html", takes_context=True)
def cls_panel_collectivite(context):
    user = context["request"].user
    return {
        "dossiers": list(own_dossiers(user, get_kind(KIND))[:5]),
        "contrats": list(
            ContratLocalSante.objects.visible_to(user).filter(porteur_id__in=context["request"].scope.collectivite_ids)[
                :5
            ]
        ),
    }


@register.inclusion_tag("cls/includes/panel_delegation.html", takes_context=True)
def cls_panel_delegation(context):
    user = context["request"].user
    counts = (
        Dossier.objects.visible_to(user)
        .of_kind(KIND)
        .aggregate(
            a_traiter=Count("pk", filter=Q(etat__in=[Etat.DEPOSEE, Etat.EN_INSTRUCTION])),
            attente=Count("pk", filter=Q(etat=Etat.COMPLEMENT_DEMANDE)),
            suivis=Count("pk", filter=Q(referent=user) & ~Q(etat__in=FINAL_STATES)),
        )
    )
    departement = (
        Departement.objects.select_related("region").filter(pk__in=context["request"].scope.departement_ids).first()
    )
    return {"counts": counts, "seuil": _seuil(departement.region if departement else None)}


def _seuil(region):
    """The region's CLS population threshold, or « Pas de règle régionale publiée — référence : … »."""
    return regles_cls(region=region).regle("seuil_population") if region is not None else None


def _siege_region(scope):
    """The région of the user's siège (the first by code), read with the memberships (no query)."""
    regions = [
        membership.organisation.region
        for membership in scope.memberships
        if membership.organisation.region_id in scope.region_ids
    ]
    return min(regions, key=lambda region: region.code, default=None)


@register.inclusion_tag("cls/includes/panel_siege.html", takes_context=True)
def cls_panel_siege(context):
    user = context["request"].user
    stages = pipeline(queryset=ContratLocalSante.objects.visible_to(user))
    region = _siege_region(context["request"].scope)
    population, share = cls_coverage(region=region, on=timezone.localdate())
    return {
        "stages": [(Etape(code).label, count) for code, count in stages.items()],
        "population": population,
        "share_percent": share * 100,
        "seuil": _seuil(region),
        "a_traiter": Dossier.objects.visible_to(user)
        .of_kind(KIND)
        .filter(etat__in=[Etat.DEPOSEE, Etat.EN_INSTRUCTION])
        .count(),
    }
