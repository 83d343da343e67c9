"""Read-only API of the CPTS and MSP registers (same scope and FilterSets as the pages)."""

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework import generics

from cpts.api.serializers import CptsDetailSerializer, CptsSerializer, MspSerializer
from cpts.filters import CptsFilterSet, MspFilterSet
from cpts.models import Cpts, MissionCpts, Msp


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
    """MSP et centres de santé visibles par l'utilisateur."""

    serializer_class = MspSerializer
    filterset_class = MspFilterSet

    def get_queryset(self):
        return Msp.objects.visible_to(self.request.user).with_list_data().order_by("departement__code", "nom", "pk")
