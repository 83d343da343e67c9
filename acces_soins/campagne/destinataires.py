"""Who receives the bilan of a frozen campaign, besides the comité d'évaluation and the requester: the members of the
organisations of the comité de pilotage (`Plan.organisations_copil`, set in the admin) — for the regional bilan; a
département's bilan goes to its délégation."""

from comptes.enums import OrganisationType


def destinataires_copil(bilan) -> set[str]:
    from acces_soins.models import Plan
    from comptes.models import Membership

    members = Membership.objects.active()
    if bilan.perimetre_type == "departement":
        members = members.filter(
            organisation__type=OrganisationType.DELEGATION, organisation__departements__code=bilan.perimetre_code
        )
        return set(members.values_list("user__email", flat=True))
    plan = Plan.objects.filter(region_code=bilan.perimetre_code).order_by("-date_debut").first()
    if plan is None:
        return set()
    return set(members.filter(organisation__in=plan.organisations_copil.all()).values_list("user__email", flat=True))
