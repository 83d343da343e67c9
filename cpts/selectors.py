"""Reads of the cpts app: scoped loaders and list querysets."""

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from comptes.perms import get_scope
from cpts.filters import CptsFilterSet, LettreCptsFilterSet, MspFilterSet
from cpts.models import Cpts, LettreIntentionCpts, MissionCpts, Msp
from cpts.services.lettres import KIND
from instruction.enums import Etat
from instruction.models import Dossier, Participation
from instruction.selectors import get_dossier_for_user


class _RequestStub:
    def __init__(self, user):
        self.user = user


def cpts_list(*, user, params) -> CptsFilterSet:
    queryset = (
        Cpts.objects.visible_to(user)
        .with_list_data()
        .with_overdue(timezone.localdate())
        .annotate(nb_communes=Count("communes", distinct=True))
        .order_by("departement__code", "nom", "pk")
    )
    return CptsFilterSet(params, queryset=queryset, request=_RequestStub(user))


def msp_list(*, user, params) -> MspFilterSet:
    queryset = Msp.objects.visible_to(user).with_list_data().order_by("departement__code", "nom", "pk")
    return MspFilterSet(params, queryset=queryset, request=_RequestStub(user))


def get_cpts_for_user(user, public_id) -> Cpts:
    return get_object_or_404(
        Cpts.objects.visible_to(user)
        .with_list_data()
        .select_related("referent")
        .prefetch_related(
            Prefetch("missions", queryset=MissionCpts.objects.select_related("mission").order_by("mission__ordre"))
        ),
        public_id=public_id,
    )


def get_msp_for_user(user, public_id) -> Msp:
    return get_object_or_404(Msp.objects.visible_to(user).with_list_data(), public_id=public_id)


def get_lettre_for_user(user, public_id, *, for_edit: bool = False) -> LettreIntentionCpts:
    dossier = get_dossier_for_user(user, public_id, kind=KIND, for_edit=for_edit)
    return LettreIntentionCpts.objects.select_related(
        "dossier__deposant", "dossier__departement", "dossier__referent", "cpts"
    ).get(dossier=dossier)


def lettres_of_user_organisations(user):
    return (
        Dossier.objects.of_kind(KIND)
        .filter(deposant_id__in=get_scope(user).porteur_ids)
        .with_list_data()
        .select_related("lettre_cpts__cpts")
        .order_by("-updated_at")
    )


def instruction_list(*, user, params) -> LettreCptsFilterSet:
    queryset = (
        Dossier.objects.visible_to(user)
        .of_kind(KIND)
        .exclude(etat=Etat.BROUILLON)
        .with_list_data()
        .select_related("lettre_cpts__cpts")
        .order_by("-deposee_le")
    )
    return LettreCptsFilterSet(params, queryset=queryset, request=_RequestStub(user))


def co_instruction_list(*, user, params) -> LettreCptsFilterSet:
    """Filed lettres the user's partner organisations are invited to co-instruct."""
    invited = Participation.objects.filter(dossier=OuterRef("pk"), organisation_id__in=get_scope(user).partenaire_ids)
    queryset = (
        Dossier.objects.visible_to(user)
        .of_kind(KIND)
        .exclude(etat=Etat.BROUILLON)
        .filter(Exists(invited))
        .with_list_data()
        .select_related("lettre_cpts__cpts")
        .order_by("-deposee_le")
    )
    return LettreCptsFilterSet(params, queryset=queryset, request=_RequestStub(user))
