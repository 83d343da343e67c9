"""Suggestions for the CPTS register's forms (config/autocomplete.py): the porteur organisations an agent may
register a CPTS for, the same queryset as `CptsForm.porteur`."""

from comptes.enums import OrganisationType
from comptes.models import Organisation
from config.autocomplete import Source, register
from cpts import perms


def porteurs_choisissables(departements):
    """Porteur organisations of these départements (the agent's): what a CPTS may be registered for."""
    return Organisation.objects.filter(type=OrganisationType.PORTEUR, departements__in=departements).distinct()


def _porteurs(request):
    if not perms.can_register_cpts(request.user):
        return Organisation.objects.none()
    return porteurs_choisissables(perms.managed_departements(request.user))


register(
    Source(
        "porteurs-cpts",
        queryset=_porteurs,
        search=lambda queryset, text: queryset.filter(nom__icontains=text.strip()).order_by("nom"),
        label=lambda organisation: organisation.nom,
    )
)
