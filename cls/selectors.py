"""Reads of the cls app: scoped loaders and list querysets."""

from django.shortcuts import get_object_or_404

from cls.filters import LettreFilterSet
from cls.models import ContratLocalSante, LettreIntention
from cls.services.lettres import KIND
from comptes.perms import get_scope
from instruction.enums import Etat
from instruction.models import Dossier
from instruction.selectors import get_dossier_for_user


def get_lettre_for_user(user, public_id, *, for_edit: bool = False) -> LettreIntention:
    dossier = get_dossier_for_user(user, public_id, kind=KIND, for_edit=for_edit)
    return LettreIntention.objects.select_related("dossier__deposant", "dossier__departement", "dossier__referent").get(
        dossier=dossier
    )


def lettres_of_user_organisations(user):
    """The collectivité's own filings (drafts included)."""
    organisations = get_scope(user).collectivite_ids
    return (
        Dossier.objects.of_kind(KIND)
        .filter(deposant_id__in=organisations)
        .with_list_data()
        .select_related("lettre_cls")
        .order_by("-updated_at")
    )


def instruction_list(*, user, params):
    """Filed CLS letters the ARS user may instruct, through the shared FilterSet."""
    queryset = (
        Dossier.objects.visible_to(user)
        .of_kind(KIND)
        .exclude(etat=Etat.BROUILLON)
        .with_list_data()
        .select_related("lettre_cls")
        .order_by("-deposee_le")
    )
    return LettreFilterSet(params, queryset=queryset, request=_RequestStub(user))


class _RequestStub:
    def __init__(self, user):
        self.user = user


def get_contrat_for_user(user, public_id) -> ContratLocalSante:
    return get_object_or_404(
        ContratLocalSante.objects.visible_to(user).select_related(
            "porteur", "departement__region", "referent", "lettre__dossier", "predecessor"
        ),
        public_id=public_id,
    )
