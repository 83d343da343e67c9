"""Reads of the cpts app: scoped loaders and list querysets."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from comptes.perms import get_scope
from cpts.enums import Etape
from cpts.filters import CptsFilterSet, MspFilterSet
from cpts.models import Cpts, MissionCpts, Msp
from cpts.services.lettres import KIND
from cpts.services.projets import KIND as PROJET_KIND
from instruction.models import Dossier

KINDS = (KIND, PROJET_KIND)


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


def structure_list(*, model, filterset_class, user, params):
    """A register of structures (centres de santé, ESP) in the user's scope, filtered."""
    queryset = model.objects.visible_to(user).with_list_data().order_by("departement__code", "nom", "pk")
    return filterset_class(params, queryset=queryset, request=_RequestStub(user))


def get_structure_for_user(model, user, public_id):
    return get_object_or_404(model.objects.visible_to(user).with_list_data(), public_id=public_id)


def get_cpts_for_user(user, public_id) -> Cpts:
    return get_object_or_404(
        Cpts.objects.visible_to(user)
        .with_list_data()
        .select_related("referent", "beneficiaire")
        .prefetch_related(
            Prefetch("missions", queryset=MissionCpts.objects.select_related("mission").order_by("mission__ordre")),
            "avenants",  # the list and the size class in force (`taille_en_vigueur`) read them once
        ),
        public_id=public_id,
    )


def get_msp_for_user(user, public_id) -> Msp:
    return get_object_or_404(Msp.objects.visible_to(user).with_list_data(), public_id=public_id)


def depot_of(dossier):
    """The CPTS content of a dossier of either cpts kind (lettre d'intention or projet de santé)."""
    return getattr(dossier, "lettre_cpts", None) or getattr(dossier, "projet_cpts", None)


def _cpts_dossiers(queryset):
    return queryset.filter(kind__in=KINDS).with_list_data().select_related("lettre_cpts__cpts", "projet_cpts__cpts")


def depots_of_user_organisations(user) -> list:
    """Every CPTS filing (lettres, projets) of the user's porteur organisations, most recent first."""
    dossiers = list(
        _cpts_dossiers(Dossier.objects.filter(deposant_id__in=get_scope(user).porteur_ids)).order_by("-updated_at")
    )
    for dossier in dossiers:
        dossier.depot = depot_of(dossier)
    return dossiers


def echeances_a_venir(*, cpts_ids, on, limit: int = 8) -> list[dict]:
    """The next open deadlines (start / deployment) of the missions of signed CPTS, overdue ones first.
    One query."""
    rows = MissionCpts.objects.filter(
        cpts_id__in=cpts_ids, cpts__etape=Etape.ACI_SIGNE, date_deploiement__isnull=True
    ).select_related("mission", "cpts")
    echeances = []
    for row in rows:
        if row.date_demarrage is None and row.echeance_demarrage:
            echeances.append({"mission": row, "echeance": "Démarrage", "date": row.echeance_demarrage})
        elif row.echeance_deploiement:
            echeances.append({"mission": row, "echeance": "Déploiement", "date": row.echeance_deploiement})
    for item in echeances:
        item["en_retard"] = item["date"] < on
        item["jours"] = (item["date"] - on).days
    return sorted(echeances, key=lambda item: item["date"])[:limit]
