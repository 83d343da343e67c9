"""Read-only API of the funding ledger, for ARS agents only (same scope and FilterSets as the pages)."""

from rest_framework import generics, permissions

from financements.api.serializers import EngagementSerializer, EnveloppeSerializer
from financements.filters import EngagementFilterSet, EnveloppeFilterSet
from financements.models import Engagement, Enveloppe
from financements.perms import can_view_financements


class IsArsAgent(permissions.BasePermission):
    """Agents de l'ARS seulement (voir financements.perms.can_view_financements)."""

    def has_permission(self, request, view):
        return can_view_financements(request.user)


class EnveloppeListView(generics.ListAPIView):
    """Enveloppes visibles de l'agent, avec engagé, versé et disponible."""

    permission_classes = [permissions.IsAuthenticated, IsArsAgent]
    serializer_class = EnveloppeSerializer
    filterset_class = EnveloppeFilterSet

    def get_queryset(self):
        return (
            Enveloppe.objects.visible_to(self.request.user)
            .with_totals()
            .prefetch_related("departements")
            .order_by("-annee", "libelle", "pk")
        )


class EngagementListView(generics.ListAPIView):
    """Engagements visibles de l'agent, avec statut calculé et montant versé."""

    permission_classes = [permissions.IsAuthenticated, IsArsAgent]
    serializer_class = EngagementSerializer
    filterset_class = EngagementFilterSet

    def get_queryset(self):
        return Engagement.objects.visible_to(self.request.user).with_list_data().order_by("-date_decision", "-pk")
