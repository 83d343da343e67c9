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
    """Suggested among the organisations of the agent's région(s): a siège never finds another région's names."""
    scope = get_scope(request.user)
    if not scope.is_ars:
        return Organisation.objects.none()
    in_regions = Organisation.objects.none()
    for code in sorted(scope.ars_region_codes):
        in_regions = in_regions | Organisation.objects.of_region(code)
    return signataires_possibles().filter(pk__in=in_regions.values("pk"))


register(
    Source(
        "signataires-cls",
        queryset=_signataires,
        search=lambda queryset, text: queryset.filter(nom__icontains=text.strip()).order_by("nom"),
        label=lambda organisation: organisation.nom,
    )
)
