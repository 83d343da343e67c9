"""Read-only API of the CPTS and MSP registers (same scope and FilterSets as the pages)."""

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework import generics

from cpts.api.serializers import (
    CentreSanteSerializer,
    CptsDetailSerializer,
    CptsSerializer,
    EspSerializer,
    MspSerializer,
)
from cpts.filters import CentreSanteFilterSet, CptsFilterSet, EspFilterSet, MspFilterSet
from cpts.models import CentreSante, Cpts, EquipeSoinsPrimaires, MissionCpts, Msp


class CptsListView(generics.ListAPIView):
    """CPTS visibles par l'utilisateur (porteur : les siennes ; délégation : ses départements ; siège : toutes)."""

    serializer_class = CptsSerializer
    filterset_class = CptsFilterSet

    def get_queryset(self):
        return (
            Cpts.objects.visible_to(self.request.user)
            .with_list_data()
            .with_overdue(timezone.localdate())
            .order_by("departement__code", "nom", "pk")
        )


class CptsDetailView(generics.RetrieveAPIView):
    """Une CPTS, son territoire (codes INSEE) et ses missions avec leurs échéances."""

    serializer_class = CptsDetailSerializer
    lookup_field = "public_id"

    def get_queryset(self):
        missions = MissionCpts.objects.select_related("mission").order_by("mission__ordre")
        return (
            Cpts.objects.visible_to(self.request.user)
            .with_list_data()
            .with_overdue(timezone.localdate())
            .prefetch_related("communes", Prefetch("missions", queryset=missions))
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


class MspListView(generics.ListAPIView):
    """MSP visibles par l'utilisateur (les centres de santé et les ESP ont leur propre liste)."""

    serializer_class = MspSerializer
    filterset_class = MspFilterSet

    def get_queryset(self):
        return Msp.objects.visible_to(self.request.user).with_list_data().order_by("departement__code", "nom", "pk")


class CentreSanteListView(generics.ListAPIView):
    """Centres de santé visibles par l'utilisateur (type, gestionnaire, numéro FINESS, dates d'ouverture)."""

    serializer_class = CentreSanteSerializer
    filterset_class = CentreSanteFilterSet

    def get_queryset(self):
        return (
            CentreSante.objects.visible_to(self.request.user)
            .with_list_data()
            .prefetch_related("professionnels")
            .order_by("departement__code", "nom", "pk")
        )


class EspListView(generics.ListAPIView):
    """Équipes de soins primaires visibles par l'utilisateur."""

    serializer_class = EspSerializer
    filterset_class = EspFilterSet

    def get_queryset(self):
        return (
            EquipeSoinsPrimaires.objects.visible_to(self.request.user)
            .with_list_data()
            .order_by("departement__code", "nom", "pk")
        )
