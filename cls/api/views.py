from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404

from cls.api.serializers import ContratDetailSerializer, ContratSerializer, FicheSerializer
from cls.filters import ContratFilterSet
from cls.models import ContratLocalSante, FicheAction
from comptes.perms import can_follow_programmes


class CanFollowProgrammes(permissions.BasePermission):
    """Agents de l'ARS et comité d'évaluation (voir comptes.perms.can_follow_programmes)."""

    def has_permission(self, request, view):
        return can_follow_programmes(request.user)


class ContratViewSet(viewsets.ReadOnlyModelViewSet):
    """Contrats locaux de santé visibles de l'utilisateur (ARS : son périmètre ; comité : contrats signés)."""

    permission_classes = [permissions.IsAuthenticated, CanFollowProgrammes]
    filterset_class = ContratFilterSet
    lookup_field = "public_id"
    lookup_url_kwarg = "uuid"
    lookup_value_regex = "[0-9a-fA-F-]{36}"

    def get_queryset(self):
        return (
            ContratLocalSante.objects.visible_to(self.request.user)
            .select_related("departement__region", "porteur", "predecessor")
            .prefetch_related("axes", "perimetre", "departements", "signataires__organisation")
            .order_by("departement__code", "nom")
        )

    def get_serializer_class(self):
        return ContratDetailSerializer if self.action == "retrieve" else ContratSerializer

    @extend_schema(responses=FicheSerializer(many=True), filters=False)
    @action(detail=True, url_path="fiches-actions", filterset_class=None)
    def fiches_actions(self, request, uuid=None):
        """Fiches actions d'un contrat, avec le retard calculé et le budget total."""
        # DRF's get_object_or_404: an identifier that is not a UUID is a 404, not a server error
        contrat = get_object_or_404(self.get_queryset(), public_id=uuid)
        fiches = FicheAction.objects.filter(contrat=contrat).with_retard().with_list_data().order_by("numero")
        page = self.paginate_queryset(fiches)
        serializer = FicheSerializer(page, many=True)
        return self.get_paginated_response(serializer.data)
