"""Suggestions for the CLS forms (config/autocomplete.py): the organisations of the portal that may sign a contract
(collectivités and partners), the same queryset as `SignataireForm.organisation`; only the ARS, who records the
signatories, may search them."""

from comptes.enums import OrganisationType
from comptes.models import Organisation
from comptes.perms import get_scope
from config.autocomplete import Source, register


def signataires_possibles():
    """Organisations of the portal that may sign a CLS."""
    return Organisation.objects.filter(type__in=[OrganisationType.COLLECTIVITE, OrganisationType.PARTENAIRE])


def _signataires(request):
    if not get_scope(request.user).is_ars:
        return Organisation.objects.none()
    return signataires_possibles()


register(
    Source(
        "signataires-cls",
        queryset=_signataires,
        search=lambda queryset, text: queryset.filter(nom__icontains=text.strip()).order_by("nom"),
        label=lambda organisation: organisation.nom,
    )
)
